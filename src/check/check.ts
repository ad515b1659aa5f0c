import type { Issue, Place, Severity } from "../model/issue.js";
import type { DelibRecord, Provenance } from "../model/record.js";

/** Values a message template names: `{{holder}}` is replaced with `data.holder`. */
export type MessageData = Readonly<Record<string, string | number>>;

/** What a check reports: one of its message ids, the values its template names, and where. */
export interface Report {
  messageId: string;
  data?: MessageData;
  place: Place | null;
}

/**
 * A consistency check, ESLint-style: `meta` says what it is (a stable id that becomes the issue's ruleId,
 * a severity, and its messages by id, each "Expected X, got Y"), then one function over a record.
 */
export interface Check {
  meta: { id: string; description: string; severity: Severity; messages: Readonly<Record<string, string>> };
  run(record: DelibRecord, report: (r: Report) => void): void;
}

/** One issue a check raised, with the id of the message it used (tests assert ids, not wording). */
export interface Finding {
  messageId: string;
  issue: Issue;
}

/** The place of a field, from the record's provenance. */
export function placeOf(record: DelibRecord, path: string): Place | null {
  const p: Provenance | undefined = record.provenance[path];
  return p === undefined ? null : { page: p.page, start: p.start, end: p.end };
}

/** A message template with its `{{name}}` slots filled; a slot without data is an error of the check. */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/gu, (_, key: string) => {
    const value = data[key];
    if (value === undefined) throw new Error(`message "${template}" names {{${key}}}, which the check did not give`);
    return String(value);
  });
}

export function checkFindings(check: Check, record: DelibRecord): Finding[] {
  const out: Finding[] = [];
  check.run(record, ({ messageId, data, place }) => {
    const template = check.meta.messages[messageId];
    if (template === undefined) throw new Error(`check ${check.meta.id} reports unknown message id "${messageId}"`);
    out.push({ messageId, issue: { severity: check.meta.severity, ruleId: check.meta.id, message: formatMessage(template, data), place } });
  });
  return out;
}

export function runCheck(check: Check, record: DelibRecord): Issue[] {
  return checkFindings(check, record).map((f) => f.issue);
}
