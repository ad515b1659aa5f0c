/**
 * `--resume`: a batch killed at document 31,000 keeps the first 30,999. `documents.jsonl` is the manifest:
 * a document's line is written after its records and issues, so a document is done when its manifest line
 * is whole. Resuming keeps, of each output file, the whole lines of done documents (a line cut by the kill,
 * or records of a document whose manifest line never came, are dropped), rewrites the files atomically,
 * and says which inputs to skip: those done with the same sha256 (a file changed since is read again).
 */
import { closeSync, openSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Issue } from "../model/issue.js";
import type { DocumentStatus } from "../model/result.js";
import { BufferedWrite } from "./buffered-write.js";
import { wholeLines } from "./whole-lines.js";

/** What the summary counts of an issue. */
export type CountedIssue = Pick<Issue, "ruleId" | "severity">;

/** What the summary needs of a document already written. */
export interface WrittenDocument {
  path: string;
  status: DocumentStatus;
  reason: string | null;
  issues: CountedIssue[];
  records: Array<{ issues: CountedIssue[] }>;
}

export interface ResumeState {
  /** Done documents by path: the sha256 they were read with. */
  done: Map<string, string>;
  /** The done documents, in the order written, for the summary. */
  written: WrittenDocument[];
}

type Line = Record<string, unknown>;

/** A whole line's value when it is a JSON object; null for a line a kill cut in the middle (only the last can be). */
function objectOf(raw: string): Line | null {
  try {
    const value = JSON.parse(raw) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Line) : null;
  } catch {
    return null;
  }
}

/** Writes `lines` (each without its "\n") into a temporary file renamed over `file`: a kill meanwhile leaves the old file whole. */
function rewrite(file: string, lines: Iterable<string>): void {
  const tmp = `${file}.resume-tmp`;
  const fd = openSync(tmp, "w");
  try {
    const out = new BufferedWrite((text) => writeSync(fd, text));
    for (const line of lines) out.add(`${line}\n`);
    out.flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The whole lines of `file` that are JSON objects `keep` accepts, read one at a time. */
function* kept(file: string, keep: (value: Line) => boolean): Generator<string> {
  for (const raw of wholeLines(file)) {
    const value = objectOf(raw);
    if (value !== null && keep(value)) yield raw;
  }
}

const counted = (issues: unknown): CountedIssue[] =>
  Array.isArray(issues) ? issues.map((i: Partial<Issue>) => ({ ruleId: String(i.ruleId), severity: i.severity ?? "info" })) : [];

/**
 * Reads what an earlier run wrote into `out`, keeps the whole lines of documents whose current sha256
 * (`shaOf(path)`, "" for a file that cannot be read) is the one they were read with, and rewrites the files.
 * Each file is read a chunk at a time and rewritten as it is read (a 1.1 GB deliberations.jsonl is never
 * one string); what is held is each done document's path, sha256, status and issue ids.
 */
export function prepareResume(out: string, shaOf: (path: string) => string): ResumeState {
  const done = new Map<string, string>();
  const docs = new Map<string, WrittenDocument>();
  const manifest = join(out, "documents.jsonl");
  // The manifest's kept lines are held (a few hundred bytes a document) to be written last.
  const manifestLines = [
    ...kept(manifest, (value) => {
      const path = value["path"];
      const sha = value["sha256"];
      if (typeof path !== "string" || typeof sha !== "string" || done.has(path) || shaOf(path) !== sha) return false;
      done.set(path, sha);
      docs.set(path, { path, status: value["status"] as DocumentStatus, reason: typeof value["reason"] === "string" ? value["reason"] : null, issues: counted(value["issues"]), records: [] });
      return true;
    }),
  ];
  const deliberations = join(out, "deliberations.jsonl");
  rewrite(
    deliberations,
    kept(deliberations, (value) => {
      const source = value["source"] as { path?: unknown; sha256?: unknown } | undefined;
      if (typeof source?.path !== "string" || done.get(source.path) !== source.sha256) return false;
      docs.get(source.path)?.records.push({ issues: counted(value["issues"]) });
      return true;
    }),
  );
  const issues = join(out, "issues.jsonl");
  rewrite(issues, kept(issues, (value) => typeof value["path"] === "string" && done.has(value["path"])));
  // The manifest last: until it is rewritten, it still lists every document whose lines the others kept.
  rewrite(manifest, manifestLines);
  return { done, written: [...docs.values()] };
}
