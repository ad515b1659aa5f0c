/**
 * The checks report a batch ends with: how many documents and records, which documents failed and why,
 * and every issue counted by ruleId and severity (with the number of records it touches). `issues.jsonl`
 * holds each issue; this is the table an archivist reads first. Written to `summary.json` (deterministic:
 * no time, no machine) and printed on stderr.
 */
import type { Severity } from "../model/issue.js";
import type { WrittenDocument } from "./resume.js";

export interface RuleCount {
  ruleId: string;
  severity: Severity;
  /** Issues raised. */
  issues: number;
  /** Records holding at least one (document-level issues count none). */
  records: number;
  /** Documents holding at least one. */
  documents: number;
}

export interface BatchSummary {
  documents: number;
  ok: number;
  partial: number;
  failed: number;
  records: number;
  /** Records with at least one error-severity issue: the ones to read first. */
  recordsWithErrors: number;
  recordsWithWarnings: number;
  failures: Array<{ path: string; reason: string }>;
  /** By severity (errors first), then ruleId. */
  rules: RuleCount[];
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export class SummaryBuilder {
  private readonly s: BatchSummary = { documents: 0, ok: 0, partial: 0, failed: 0, records: 0, recordsWithErrors: 0, recordsWithWarnings: 0, failures: [], rules: [] };
  private readonly rules = new Map<string, RuleCount>();

  /** A document just read, or one an earlier run wrote (--resume). */
  add(r: WrittenDocument): void {
    this.s.documents++;
    this.s[r.status]++;
    if (r.status === "failed") this.s.failures.push({ path: r.path, reason: r.reason ?? "" });
    this.s.records += r.records.length;
    const inDocument = new Set<RuleCount>();
    for (const i of r.issues) inDocument.add(this.count(i.ruleId, i.severity));
    for (const rec of r.records) {
      const inRecord = new Set<RuleCount>();
      for (const i of rec.issues) inRecord.add(this.count(i.ruleId, i.severity));
      for (const c of inRecord) c.records++;
      for (const c of inRecord) inDocument.add(c);
      if (rec.issues.some((i) => i.severity === "error")) this.s.recordsWithErrors++;
      if (rec.issues.some((i) => i.severity === "warning")) this.s.recordsWithWarnings++;
    }
    for (const c of inDocument) c.documents++;
  }

  private count(ruleId: string, severity: Severity): RuleCount {
    const key = `${severity} ${ruleId}`;
    let c = this.rules.get(key);
    if (c === undefined) {
      c = { ruleId, severity, issues: 0, records: 0, documents: 0 };
      this.rules.set(key, c);
    }
    c.issues++;
    return c;
  }

  summary(): BatchSummary {
    const rules = [...this.rules.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId));
    return { ...this.s, failures: [...this.s.failures], rules: rules.map((r) => ({ ...r })) };
  }
}

/** The report as read on a terminal. */
export function formatSummary(s: BatchSummary): string {
  const lines = [
    `delib: ${s.documents} documents (${s.ok} ok, ${s.partial} partial, ${s.failed} failed), ${s.records} records: ${s.recordsWithErrors} with errors, ${s.recordsWithWarnings} with warnings`,
  ];
  for (const f of s.failures) lines.push(`  failed  ${f.reason}`);
  if (s.rules.length > 0) lines.push(`  ${"issues".padStart(6)}  ${"records".padStart(7)}  ${"docs".padStart(5)}  severity  ruleId`);
  for (const r of s.rules) lines.push(`  ${String(r.issues).padStart(6)}  ${String(r.records).padStart(7)}  ${String(r.documents).padStart(5)}  ${r.severity.padEnd(8)}  ${r.ruleId}`);
  return `${lines.join("\n")}\n`;
}
