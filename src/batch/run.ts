import { createWriteStream, type WriteStream } from "node:fs";
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
  /** Called once per finished document, in input order (progress, summaries). */
  onDocument?: (r: DocumentResult, done: number, total: number) => void;
}

/** Thrown for a usage problem the CLI reports with exit code 2. */
export class UsageError extends Error {}

function writeLine(stream: WriteStream, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

async function close(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

export type { BatchSummary };

/** Reads every input, writes the three JSONL files in input order (streaming as documents finish), then summary.json. */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  await mkdir(options.out, { recursive: true });
  const names: readonly string[] = OUTPUT_FILES;
  const existing = (await readdir(options.out)).filter((f) => f.endsWith(".jsonl") || names.includes(f));
  if (existing.length > 0) throw new UsageError(`Expected an empty --out folder, got ${options.out} holding ${existing.join(", ")} (remove them, or choose another folder)`);
  const { files, missing } = await walkInputs(options.paths);
  const open = (name: string): WriteStream => createWriteStream(join(options.out, name), { encoding: "utf8" });
  const deliberations = open("deliberations.jsonl");
  const documents = open("documents.jsonl");
  const issues = open("issues.jsonl");
  const summary = new SummaryBuilder();
  const total = files.length + missing.length;
  let emitted = 0;

  const emit = (r: DocumentResult): void => {
    for (const rec of r.records) writeLine(deliberations, rec);
    writeLine(documents, documentLine(r, options.timings));
    for (const line of issueLines(r)) writeLine(issues, line);
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
  await Promise.all([close(deliberations), close(documents), close(issues)]);
  const report = summary.summary();
  await writeFile(join(options.out, "summary.json"), `${JSON.stringify(report, null, 2)}\n`, "utf8");
  return report;
}
