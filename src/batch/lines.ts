import type { Issue } from "../model/issue.js";
import type { DocumentResult } from "../model/result.js";

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
