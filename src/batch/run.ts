import PQueue from "p-queue";
import type { ProcessOptions } from "../pipeline.js";
import type { OcrMode } from "../load/ocr/choose.js";
import { DocumentPool } from "./pool.js";
import { linesOf, type DocumentDone, type DocumentLines } from "./lines.js";
import { walkInputs } from "./walk.js";
import type { BatchSummary } from "./summary.js";
import { prepareResume } from "./resume.js";
import { currentSha, failedDocument, linesOfOutcome } from "./failed.js";
import { BatchOutput, earlierOutput } from "./output.js";
import { UsageError } from "../model/usage-error.js";

export { OUTPUT_FILES } from "./output.js";

export interface BatchOptions {
  paths: string[];
  out: string;
  concurrency: number;
  format?: string;
  timings: boolean;
  /** PDF pages without a usable text layer: "auto" (default) OCRs them, "off" reads them as empty. */
  ocr?: OcrMode;
  /** A PDF with more pages fails unread. */
  maxPages?: number;
  /** A document still being read after this many ms fails (its reading process is ended and replaced). */
  timeoutMs?: number;
  /** Keep what an earlier run into `out` finished (same path, same sha256) and do the rest. */
  resume?: boolean;
  /** Called once per finished document, in input order (progress, summaries). */
  onDocument?: (r: DocumentDone, done: number, total: number) => void;
}

export type { BatchSummary };

/**
 * Documents started ahead of the next one to write, per reader. The writer keeps input order, so a slow
 * document holds back those after it in memory: this bounds that buffer (and the batch's memory) while
 * leaving every reader work to do.
 */
const AHEAD_PER_READER = 16;

/** Reads every input, writes the three JSONL files in input order (streaming as documents finish), then summary.json. */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const existing = await earlierOutput(options.out);
  if (existing.length > 0 && options.resume !== true) {
    throw new UsageError(`Expected an empty --out folder, got ${options.out} holding ${existing.join(", ")} (add --resume to finish that run, remove them, or choose another folder)`);
  }
  const resumed = options.resume === true ? prepareResume(options.out, currentSha) : { done: new Map<string, string>(), written: [] };
  const walked = await walkInputs(options.paths);
  // Done before: skipped (prepareResume kept them only if their sha256 is still the one they were read with).
  const files = walked.files.filter((f) => !resumed.done.has(f.display));
  const missing = walked.missing.filter((m) => !resumed.done.has(m.path));
  const output = new BatchOutput(options.out, resumed.written);
  const total = files.length + missing.length;
  let emitted = 0;

  const emit = (lines: DocumentLines): void => {
    output.emit(lines);
    options.onDocument?.(lines.done, ++emitted, total);
  };

  for (const m of missing) {
    emit(linesOf(failedDocument(m.path, "", `${m.path}: ${m.reason}`), options.timings));
  }
  // Documents are read in reading processes; a reorder buffer writes them in input order as soon as it can.
  const pool = new DocumentPool({ size: options.concurrency, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
  pool.sizeFor(files.map((f) => f.path));
  const queue = new PQueue({ concurrency: pool.capacity });
  const readOptions: ProcessOptions = {
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.ocr === undefined ? {} : { ocr: options.ocr }),
    ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
  };
  const done = new Map<number, DocumentLines>();
  let next = 0;
  let written: (() => void) | undefined;
  const flush = (): void => {
    for (let r = done.get(next); r !== undefined; r = done.get(next)) {
      done.delete(next);
      emit(r);
      next++;
    }
    written?.();
  };
  const ahead = options.concurrency * AHEAD_PER_READER;
  try {
    for (const [i, f] of files.entries()) {
      while (i - next >= ahead) await new Promise<void>((resolve) => (written = resolve));
      void queue.add(async () => {
        const outcome = await pool.read({ path: f.path, display: f.display, options: { ...readOptions, displayPath: f.display }, timings: options.timings });
        done.set(i, linesOfOutcome(outcome, f.path, f.display, options.timings));
        flush();
      });
    }
    await queue.onIdle();
  } finally {
    // The batch is over: end the readers (and their OCR engines) so the process can exit.
    await pool.close();
  }
  return output.close();
}
