import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import PQueue from "p-queue";
import type { DocumentResult } from "../model/result.js";
import type { ProcessOptions } from "../pipeline.js";
import type { OcrMode } from "../load/ocr/choose.js";
import { DocumentPool, type PoolOutcome } from "./pool.js";
import { linesOf, type DocumentDone, type DocumentLines } from "./lines.js";
import { walkInputs } from "./walk.js";
import { SummaryBuilder, type BatchSummary } from "./summary.js";
import { prepareResume } from "./resume.js";
import { sha256Hex } from "../model/sha256.js";

/** What a run writes into --out: a folder holding any of them is another run's, not to be mixed with. */
export const OUTPUT_FILES = ["deliberations.jsonl", "documents.jsonl", "issues.jsonl", "summary.json"] as const;

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
  /** A document still being read after this many ms fails (its thread is ended and replaced). */
  timeoutMs?: number;
  /** Keep what an earlier run into `out` finished (same path, same sha256) and do the rest. */
  resume?: boolean;
  /** Called once per finished document, in input order (progress, summaries). */
  onDocument?: (r: DocumentDone, done: number, total: number) => void;
}

/** Thrown for a usage problem the CLI reports with exit code 2. */
export class UsageError extends Error {}

/** A document's lines of one file, appended in one write: a kill leaves whole lines, but for the last one at worst (resume drops it). */
function write(fd: number, lines: string): void {
  if (lines !== "") writeSync(fd, lines);
}

/** The sha256 a file is read with now, "" when it cannot be read (as a failed document records it). */
function currentSha(path: string): string {
  try {
    return sha256Hex(readFileSync(path));
  } catch {
    return "";
  }
}

export type { BatchSummary };

/**
 * Documents started ahead of the next one to write, per thread. The writer keeps input order, so a slow
 * document holds back those after it in memory: this bounds that buffer (and the batch's memory) while
 * leaving every thread work to do.
 */
const AHEAD_PER_THREAD = 16;

/** A document that failed before the pipeline could say more of it (not found, or lost with its thread). */
function failedDocument(display: string, sha256: string, reason: string): DocumentResult {
  return { path: display, sha256, kind: null, pages: 0, status: "failed", reason, format: null, records: [], issues: [], timings: {}, text: "" };
}

/** A document its thread could not give back fails with the file's sha256, so that --resume skips it. */
function linesOfOutcome(outcome: PoolOutcome, path: string, display: string, withTimings: boolean): DocumentLines {
  return "lines" in outcome ? outcome.lines : linesOf(failedDocument(display, currentSha(path), outcome.failure), withTimings);
}

/** Reads every input, writes the three JSONL files in input order (streaming as documents finish), then summary.json. */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  await mkdir(options.out, { recursive: true });
  const names: readonly string[] = OUTPUT_FILES;
  const existing = (await readdir(options.out)).filter((f) => f.endsWith(".jsonl") || names.includes(f));
  if (existing.length > 0 && options.resume !== true) {
    throw new UsageError(`Expected an empty --out folder, got ${options.out} holding ${existing.join(", ")} (add --resume to finish that run, remove them, or choose another folder)`);
  }
  const resumed = options.resume === true ? prepareResume(options.out, currentSha) : { done: new Map<string, string>(), written: [] };
  const walked = await walkInputs(options.paths);
  // Done before: skipped (prepareResume kept them only if their sha256 is still the one they were read with).
  const files = walked.files.filter((f) => !resumed.done.has(f.display));
  const missing = walked.missing.filter((m) => !resumed.done.has(m.path));
  const open = (name: string): number => openSync(join(options.out, name), "a");
  const deliberations = open("deliberations.jsonl");
  const documents = open("documents.jsonl");
  const issues = open("issues.jsonl");
  const summary = new SummaryBuilder();
  for (const w of resumed.written) summary.add(w);
  const total = files.length + missing.length;
  let emitted = 0;

  // Records and issues first, the manifest line last: a document is done once its documents.jsonl line is.
  const emit = (lines: DocumentLines): void => {
    write(deliberations, lines.deliberations);
    write(issues, lines.issues);
    write(documents, lines.document);
    summary.add(lines.done);
    options.onDocument?.(lines.done, ++emitted, total);
  };

  for (const m of missing) {
    emit(linesOf(failedDocument(m.path, "", `${m.path}: ${m.reason}`), options.timings));
  }
  // Documents run in worker threads; a reorder buffer writes them in input order as soon as it can.
  const pool = new DocumentPool({ size: options.concurrency, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
  const queue = new PQueue({ concurrency: options.concurrency });
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
  const ahead = options.concurrency * AHEAD_PER_THREAD;
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
    // The batch is over: end the threads (and their OCR engines) so the process can exit.
    await pool.close();
  }
  for (const fd of [deliberations, documents, issues]) closeSync(fd);
  const report = summary.summary();
  await writeFile(join(options.out, "summary.json"), `${JSON.stringify(report, null, 2)}\n`, "utf8");
  return report;
}
