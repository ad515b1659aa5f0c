import type { Issue, Place, Severity } from "../model/issue.js";
import type { DelibRecord, Provenance } from "../model/record.js";

/** A consistency check, ESLint-style: what it is, then one function over a record. */
export interface Check {
  meta: { id: string; description: string; severity: Severity };
  run(record: DelibRecord, report: (message: string, place: Place | null) => void): void;
}

/** The place of a field, from the record's provenance. */
export function placeOf(record: DelibRecord, path: string): Place | null {
  const p: Provenance | undefined = record.provenance[path];
  return p === undefined ? null : { page: p.page, start: p.start, end: p.end };
}

export function runCheck(check: Check, record: DelibRecord): Issue[] {
  const out: Issue[] = [];
  check.run(record, (message, place) => out.push({ severity: check.meta.severity, ruleId: check.meta.id, message, place }));
  return out;
}
