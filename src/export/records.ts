import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import type { DelibRecord } from "../model/record.js";
import { UsageError } from "../model/usage-error.js";
import { CHUNK_BYTES, wholeLines } from "../batch/whole-lines.js";

/** A line of deliberations.jsonl: its record, or why it is none. */
export type RecordLine = { line: number; record: DelibRecord } | { line: number; error: string };

/** --out without a readable deliberations.jsonl: reported as a usage error. */
export class ExportInputError extends UsageError {}

/** A line of deliberations.jsonl read as a record. */
function recordLine(file: string, raw: string, line: number): RecordLine {
  try {
    const json = JSON.parse(raw) as unknown;
    if (typeof json !== "object" || json === null || typeof (json as { id?: unknown }).id !== "string") throw new Error("no record id");
    return { line, record: json as DelibRecord };
  } catch (e) {
    return { line, error: `${file}:${line}: expected a delib record (JSON with an id), got ${(e as Error).message}` };
  }
}

/**
 * The records that `delib extract --out <dir>` wrote into <dir>/deliberations.jsonl, in order, read one at a time
 * as they are asked for (a 100,000-document batch's file is gigabytes). A file that cannot be opened is a usage
 * error at once, before any record is read.
 */
export function readRecords(dir: string): { file: string; lines: Iterable<RecordLine> } {
  const file = join(dir, "deliberations.jsonl");
  try {
    closeSync(openSync(file, "r"));
  } catch (e) {
    throw new ExportInputError(`${file}: expected the deliberations.jsonl that delib extract --out ${dir} writes, got ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return {
    file,
    lines: (function* () {
      let n = 0;
      let cut = false;
      for (const raw of wholeLines(file, CHUNK_BYTES, () => (cut = true))) {
        n++;
        if (raw.trim() !== "") yield recordLine(file, raw, n);
      }
      // A run stopped while writing (extract --resume drops that line): named, as any line that is no record.
      if (cut) yield { line: n + 1, error: `${file}:${n + 1}: expected a whole line, got one cut short (no newline at its end: the run writing it was stopped)` };
    })(),
  };
}
