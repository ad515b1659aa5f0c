import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import PQueue from "p-queue";
import type { DocumentResult } from "../model/result.js";
import { processDocument } from "../pipeline.js";
import type { OcrMode } from "../load/ocr/choose.js";
import { shutdownOcr } from "../load/ocr/pool.js";
import { documentLine, issueLines } from "./lines.js";
import { walkInputs } from "./walk.js";
import { SummaryBuilder, type BatchSummary } from "./summary.js";
import { prepareResume } from "./resume.js";
import { sha256Hex } from "../record/build.js";

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
  /** Keep what an earlier run into `out` finished (same path, same sha256) and do the rest. */
  resume?: boolean;
  /** Called once per finished document, in input order (progress, summaries). */
  onDocument?: (r: DocumentResult, done: number, total: number) => void;
}

/** Thrown for a usage problem the CLI reports with exit code 2. */
export class UsageError extends Error {}

/** Lines appended in one write each: a kill leaves whole lines, but for the last one at worst (resume drops it). */
function append(fd: number, values: readonly unknown[]): void {
  if (values.length > 0) writeSync(fd, values.map((v) => `${JSON.stringify(v)}\n`).join(""));
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
  const emit = (r: DocumentResult): void => {
    append(deliberations, r.records);
    append(issues, issueLines(r));
    append(documents, [documentLine(r, options.timings)]);
    summary.add(r);
    options.onDocument?.(r, ++emitted, total);
  };

  for (const m of missing) {
    emit({ path: m.path, sha256: "", kind: null, pages: 0, status: "failed", reason: `${m.path}: ${m.reason}`, format: null, records: [], issues: [], timings: {}, text: "" });
  }
  // Documents run concurrently; a reorder buffer writes them in input order as soon as they can be.
  const queue = new PQueue({ concurrency: options.concurrency });
  const done = new Map<number, DocumentResult>();
  let next = 0;
  const flush = (): void => {
    for (let r = done.get(next); r !== undefined; r = done.get(next)) {
      done.delete(next);
      emit(r);
      next++;
    }
  };
  files.forEach((f, i) => {
    void queue.add(async () => {
      const r = await processDocument(f.path, {
        displayPath: f.display,
        ...(options.format === undefined ? {} : { format: options.format }),
        ...(options.ocr === undefined ? {} : { ocr: options.ocr }),
        ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
      });
      r.text = ""; // not written; let it go
      done.set(i, r);
      flush();
    });
  });
  try {
    await queue.onIdle();
  } finally {
    // The batch is over: end the OCR workers (if any page was OCR'd) so the process can exit.
    await shutdownOcr();
  }
  for (const fd of [deliberations, documents, issues]) closeSync(fd);
  const report = summary.summary();
  await writeFile(join(options.out, "summary.json"), `${JSON.stringify(report, null, 2)}\n`, "utf8");
  return report;
}
