/**
 * The output folder of a batch: deliberations.jsonl, documents.jsonl, issues.jsonl and summary.json, written
 * one document at a time in input order. `extract` streams into it as documents are read; `collect` (a
 * distributed batch) from the per-document results the workers stored: the same writer, the same bytes.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DocumentLines } from "./lines.js";
import { SummaryBuilder, type BatchSummary } from "./summary.js";
import type { WrittenDocument } from "./resume.js";

/** What a run writes into --out: a folder holding any of them is another run's, not to be mixed with. */
export const OUTPUT_FILES = ["deliberations.jsonl", "documents.jsonl", "issues.jsonl", "summary.json"] as const;

/** Creates `out` if needed; the names of earlier output it holds (none for a fresh folder). */
export async function earlierOutput(out: string): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const names: readonly string[] = OUTPUT_FILES;
  return (await readdir(out)).filter((f) => f.endsWith(".jsonl") || names.includes(f));
}

/** A document's lines of one file, appended in one write: a kill leaves whole lines, but for the last one at worst (resume drops it). */
function write(fd: number, lines: string): void {
  if (lines !== "") writeSync(fd, lines);
}

export class BatchOutput {
  private readonly deliberations: number;
  private readonly documents: number;
  private readonly issues: number;
  private readonly summary = new SummaryBuilder();

  /** Opens the three files of `out` for appending; `written`: documents an earlier run wrote there (--resume). */
  constructor(
    private readonly out: string,
    written: readonly WrittenDocument[] = [],
  ) {
    const open = (name: string): number => openSync(join(out, name), "a");
    this.deliberations = open("deliberations.jsonl");
    this.documents = open("documents.jsonl");
    this.issues = open("issues.jsonl");
    for (const w of written) this.summary.add(w);
  }

  /** Records and issues first, the manifest line last: a document is done once its documents.jsonl line is. */
  emit(lines: DocumentLines): void {
    write(this.deliberations, lines.deliberations);
    write(this.issues, lines.issues);
    write(this.documents, lines.document);
    this.summary.add(lines.done);
  }

  /** Closes the three files and writes summary.json. */
  async close(): Promise<BatchSummary> {
    for (const fd of [this.deliberations, this.documents, this.issues]) closeSync(fd);
    const report = this.summary.summary();
    await writeFile(join(this.out, "summary.json"), `${JSON.stringify(report, null, 2)}\n`, "utf8");
    return report;
  }
}
