/**
 * `--resume`: a batch killed at document 31,000 keeps the first 30,999. `documents.jsonl` is the manifest:
 * a document's line is written after its records and issues, so a document is done when its manifest line
 * is whole. Resuming keeps, of each output file, the whole lines of done documents (a line cut by the kill,
 * or records of a document whose manifest line never came, are dropped), rewrites the files atomically,
 * and says which inputs to skip: those done with the same sha256 (a file changed since is read again).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Issue } from "../model/issue.js";
import type { DocumentStatus } from "../model/result.js";

/** What the summary needs of a document already written. */
export interface WrittenDocument {
  path: string;
  status: DocumentStatus;
  reason: string | null;
  issues: Issue[];
  records: Array<{ issues: Issue[] }>;
}

export interface ResumeState {
  /** Done documents by path: the sha256 they were read with. */
  done: Map<string, string>;
  /** The done documents, in the order written, for the summary. */
  written: WrittenDocument[];
}

type Line = Record<string, unknown>;

/** The whole, parseable lines of a JSONL file (a last line without its newline was cut: dropped). */
function wholeLines(file: string): Array<{ raw: string; value: Line }> {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, "utf8");
  const parts = text.split("\n");
  parts.pop(); // after the last "\n": "" for a whole file, the cut line otherwise
  const out: Array<{ raw: string; value: Line }> = [];
  for (const raw of parts) {
    try {
      const value = JSON.parse(raw) as unknown;
      if (typeof value === "object" && value !== null && !Array.isArray(value)) out.push({ raw, value: value as Line });
    } catch {
      // A line a kill cut in the middle (only the last can be): dropped.
    }
  }
  return out;
}

function rewrite(file: string, lines: readonly string[]): void {
  const tmp = `${file}.resume-tmp`;
  writeFileSync(tmp, lines.map((l) => `${l}\n`).join(""), "utf8");
  renameSync(tmp, file);
}

/**
 * Reads what an earlier run wrote into `out`, keeps the whole lines of documents whose current sha256
 * (`shaOf(path)`, "" for a file that cannot be read) is the one they were read with, and rewrites the files.
 */
export function prepareResume(out: string, shaOf: (path: string) => string): ResumeState {
  const done = new Map<string, string>();
  const docs = wholeLines(join(out, "documents.jsonl")).filter(({ value }) => {
    const path = value["path"];
    const sha = value["sha256"];
    if (typeof path !== "string" || typeof sha !== "string" || done.has(path) || shaOf(path) !== sha) return false;
    done.set(path, sha);
    return true;
  });
  const records = wholeLines(join(out, "deliberations.jsonl")).filter(({ value }) => {
    const source = value["source"] as { path?: unknown; sha256?: unknown } | undefined;
    return typeof source?.path === "string" && done.get(source.path) === source.sha256;
  });
  const issues = wholeLines(join(out, "issues.jsonl")).filter(({ value }) => typeof value["path"] === "string" && done.has(value["path"]));
  rewrite(join(out, "deliberations.jsonl"), records.map((l) => l.raw));
  rewrite(join(out, "issues.jsonl"), issues.map((l) => l.raw));
  rewrite(join(out, "documents.jsonl"), docs.map((l) => l.raw));

  const recordsByPath = new Map<string, Array<{ issues: Issue[] }>>();
  for (const { value } of records) {
    const path = (value["source"] as { path: string }).path;
    recordsByPath.set(path, [...(recordsByPath.get(path) ?? []), { issues: (value["issues"] as Issue[] | undefined) ?? [] }]);
  }
  const written = docs.map(({ value }): WrittenDocument => {
    const path = value["path"] as string;
    return {
      path,
      status: value["status"] as DocumentStatus,
      reason: typeof value["reason"] === "string" ? value["reason"] : null,
      issues: (value["issues"] as Issue[] | undefined) ?? [],
      records: recordsByPath.get(path) ?? [],
    };
  });
  return { done, written };
}
