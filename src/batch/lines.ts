import type { Issue } from "../model/issue.js";
import type { DocumentResult } from "../model/result.js";
import type { WrittenDocument } from "./resume.js";

/** A documents.jsonl line. Timings only when asked: they would make two runs' files differ. */
export function documentLine(r: DocumentResult, withTimings: boolean): Record<string, unknown> {
  return {
    path: r.path,
    sha256: r.sha256,
    kind: r.kind,
    pages: r.pages,
    status: r.status,
    reason: r.reason,
    format: r.format,
    records: r.records.length,
    timings: withTimings ? r.timings : null,
    issues: r.issues,
    ...(r.pageSources === undefined ? {} : { pageSources: r.pageSources }),
    ...(r.running === undefined ? {} : { running: r.running }),
  };
}

/** issues.jsonl lines of one document: its own issues, then each record's. */
export function issueLines(r: DocumentResult): Array<Record<string, unknown>> {
  const line = (i: Issue, record: string | null): Record<string, unknown> => ({ path: r.path, record, ...i });
  return [...r.issues.map((i) => line(i, null)), ...r.records.flatMap((rec) => rec.issues.map((i) => line(i, rec.id)))];
}

/** What the batch needs of a document once read: the summary's and the progress's view of it. */
export interface DocumentDone extends WrittenDocument {
  pages: number;
}

/**
 * A document's output, serialised where it was read: each file's lines as one string (written in one
 * write), and what the summary needs. A reader sends this instead of the records themselves, as raw UTF-8
 * (src/batch/frames.ts): strings cost a copy, the records' object graph would cost a serialisation.
 */
export interface DocumentLines {
  deliberations: string;
  issues: string;
  document: string;
  done: DocumentDone;
}

const jsonl = (values: readonly unknown[]): string => values.map((v) => `${JSON.stringify(v)}\n`).join("");

export function linesOf(r: DocumentResult, withTimings: boolean): DocumentLines {
  return {
    deliberations: jsonl(r.records),
    issues: jsonl(issueLines(r)),
    document: jsonl([documentLine(r, withTimings)]),
    done: { path: r.path, status: r.status, reason: r.reason, pages: r.pages, issues: r.issues, records: r.records.map((rec) => ({ issues: rec.issues })) },
  };
}
