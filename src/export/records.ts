import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DelibRecord } from "../model/record.js";
import { UsageError } from "../model/usage-error.js";

/** A line of deliberations.jsonl: its record, or why it is none. */
export type RecordLine = { line: number; record: DelibRecord } | { line: number; error: string };

/** --out without a readable deliberations.jsonl: reported as a usage error. */
export class ExportInputError extends UsageError {}

/** The records that `delib extract --out <dir>` wrote into <dir>/deliberations.jsonl, in order. */
export function readRecords(dir: string): { file: string; lines: RecordLine[] } {
  const file = join(dir, "deliberations.jsonl");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ExportInputError(`${file}: expected the deliberations.jsonl that delib extract --out ${dir} writes, got ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines: RecordLine[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    try {
      const json = JSON.parse(raw) as unknown;
      if (typeof json !== "object" || json === null || typeof (json as { id?: unknown }).id !== "string") throw new Error("no record id");
      lines.push({ line: i + 1, record: json as DelibRecord });
    } catch (e) {
      lines.push({ line: i + 1, error: `${file}:${i + 1}: expected a delib record (JSON with an id), got ${(e as Error).message}` });
    }
  });
  return { file, lines };
}
