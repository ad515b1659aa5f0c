/**
 * corpus/BASELINE.md: written from an evaluation report, and read back (its per-case table) so a
 * later run can tell whether any case scores below the committed figures.
 */
import { MATCH_METHODS, TITLE_MATCH_THRESHOLD } from "./match.js";
import { bySource, prf, recordTally, type EvalReport, type RecordTally, type SourceResult } from "./score.js";

/** Fields whose strict F1 is below this are listed under the per-field table. */
export const WEAK_FIELD_THRESHOLD = 0.85;

/** The figures of one per-case row. Null where the row shows "–" (not scored). */
export interface BaselineRow {
  caseId: string;
  source: string;
  macroStrict: number | null;
  macroSoft: number | null;
  members: Fraction | null;
  memberNames: Fraction | null;
  proxies: Fraction | null;
  /** Records paired / expected (+ extra predicted): shown, parsed, not part of the regression rule. */
  records: RecordTally | null;
}

export interface Fraction {
  matched: number;
  expected: number;
}

export interface Regression {
  caseId: string;
  source: string;
  figure: string;
  baseline: string;
  current: string;
}

const DASH = "–";
const DECIMALS = 3;

/** An F1 as printed (three decimals), "–" when null. */
export function formatScore(value: number | null): string {
  return value === null || Number.isNaN(value) ? DASH : value.toFixed(DECIMALS);
}

function formatFraction(f: Fraction | null): string {
  return f === null ? DASH : `${f.matched}/${f.expected}`;
}

/** "matched/expected", then " (+extra)" when some predicted records were left unpaired. */
export function formatRecords(t: RecordTally | null): string {
  if (t === null) return DASH;
  return t.extra > 0 ? `${t.matched}/${t.expected} (+${t.extra})` : `${t.matched}/${t.expected}`;
}

/** How the pairs of a result were made, e.g. "number 2, title 1"; "–" when nothing was paired. */
export function formatMatchedBy(r: SourceResult): string {
  const parts: string[] = [];
  for (const method of MATCH_METHODS) {
    const n = r.matching.pairs.filter((p) => p.by === method).length;
    if (n > 0) parts.push(`${method} ${n}`);
  }
  return parts.length === 0 ? DASH : parts.join(", ");
}

function escapeCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function unescapeCell(text: string): string {
  return text.replace(/\\([\\|])/g, "$1");
}

/** The figures a result would show in the per-case table. */
export function rowOf(r: SourceResult): BaselineRow {
  const m = r.score.members;
  const p = r.score.proxies;
  return {
    caseId: r.caseId,
    source: r.source,
    macroStrict: r.macroStrict,
    macroSoft: r.macroSoft,
    members: m === null ? null : { matched: m.matched, expected: m.expected },
    memberNames: m === null ? null : { matched: m.names, expected: m.expected },
    proxies: p === null ? null : { matched: p.matched, expected: p.expected },
    records: recordTally(r),
  };
}

const CASE_HEADER = [
  "case",
  "source",
  "status",
  "records",
  "matched by",
  "macro F1 strict",
  "macro F1 soft",
  "members",
  "member names",
  "proxies",
  "proxies resolved",
  "schema",
] as const;

/** Renders BASELINE.md. Deterministic: no dates, no timings, no machine-specific paths. */
export function renderBaseline(report: EvalReport): string {
  const out: string[] = [];
  const results = [...report.results].sort(bySource);
  const totals = results.reduce<RecordTally>(
    (t, r) => {
      const x = recordTally(r);
      return { matched: t.matched + x.matched, expected: t.expected + x.expected, extra: t.extra + x.extra };
    },
    { matched: 0, expected: 0, extra: 0 },
  );
  out.push("# Evaluation baseline");
  out.push("");
  out.push(
    "Written by `npm run eval` (src/eval/cli.ts); `npm run eval -- --check` compares a run with these figures",
    "and exits 1 when any case scores lower. Scoring rules: src/eval/score.ts; record matching: src/eval/match.ts.",
    "Do not edit by hand.",
  );
  out.push("");
  out.push(
    `Overall macro F1 (mean of the field F1s below): strict ${formatScore(report.macroStrict)}, ` +
      `soft ${formatScore(report.macroSoft)}, over ${results.length} source(s) of ` +
      `${new Set(results.map((r) => r.caseId)).size} case(s); records ${formatRecords(totals)}.`,
  );
  out.push("");
  out.push("## Groups");
  out.push("");
  out.push(
    "macro F1 = mean of the field F1s micro-aggregated over the group's sources (as the overall figure);",
    "records = expected records paired with a predicted one / expected (+ predicted records left unpaired).",
    "council: `real/<council>` and the seed folders; family: expected.json `family`, else the folder",
    "(`written/<family>`, `negative`); overall: real, written, negative and seed (the other top-level folders), and",
    "ocr: the OCR engine's ALTO and hOCR versions of cases (`source.alto.xml`, `source.hocr`), in that group only.",
  );
  out.push("");
  out.push("| group | kind | cases | sources | records | macro F1 strict | macro F1 soft |");
  out.push("|---|---|---|---|---|---|---|");
  for (const g of report.groups) {
    out.push(
      `| ${escapeCell(g.name)} | ${g.kind} | ${g.cases} | ${g.sources} | ${g.sources === 0 ? DASH : formatRecords(g.records)} | ` +
        `${formatScore(g.macroStrict)} | ${formatScore(g.macroSoft)} |`,
    );
  }
  out.push("");
  out.push("## Cases");
  out.push("");
  out.push(
    "One row per source. records = expected records paired with a predicted one / expected (+ predicted",
    "records left unpaired, false positives of the `records` field); matched by = how the pairs were made:",
    `number (same number), number-soft (same number once folded), title (title similarity ≥ ${TITLE_MATCH_THRESHOLD},`,
    "Dice on word bigrams), order (the rest, in document order). Figures are summed over the pairs, an",
    "expected record left unpaired being scored against no record.",
    "members = full tuples (name|civility|commune|status|substitute|proxyTo) matched strictly / expected;",
    "member names = names matched after soft folding / expected; proxies = from→to pairs matched strictly / expected;",
    "proxies resolved = predicted proxies whose both ends name a listed member or substitute / predicted proxies;",
    "schema = contract errors over all the records the source gave.",
  );
  out.push("");
  out.push(`| ${CASE_HEADER.join(" | ")} |`);
  out.push(`|${CASE_HEADER.map(() => "---").join("|")}|`);
  for (const r of results) {
    const row = rowOf(r);
    const p = r.score.proxies;
    const cells = [
      escapeCell(r.caseId),
      escapeCell(r.source),
      r.status,
      formatRecords(row.records),
      formatMatchedBy(r),
      formatScore(row.macroStrict),
      formatScore(row.macroSoft),
      formatFraction(row.members),
      formatFraction(row.memberNames),
      formatFraction(row.proxies),
      p === null ? DASH : `${p.resolved}/${p.predicted}`,
      r.schemaErrors === null ? DASH : r.schemaErrors === 0 ? "valid" : `${r.schemaErrors} error(s)`,
    ];
    out.push(`| ${cells.join(" | ")} |`);
  }
  out.push("");
  out.push("## Fields");
  out.push("");
  out.push(
    "Micro-aggregated over all sources (each: its matched pairs and its missed expected records). P and R are",
    "strict. support = expected non-null values (scalars), expected elements (sets) or expected records",
    "(records). amounts is recall-only (precision not scored): its F1 is its recall.",
  );
  out.push("");
  out.push("| field | P | R | F1 strict | F1 soft | support |");
  out.push("|---|---|---|---|---|---|");
  for (const f of report.fields) {
    const s = prf(f.strict, f.recallOnly);
    const soft = prf(f.soft, f.recallOnly);
    out.push(
      `| ${f.field} | ${formatScore(f.recallOnly ? null : s.p)} | ${formatScore(s.r)} | ${formatScore(s.f1)} | ${formatScore(soft.f1)} | ${f.support} |`,
    );
  }
  out.push("");
  out.push(weakFieldsLine(report));
  if (report.skipped.length > 0) {
    out.push("");
    out.push("## Skipped sources");
    out.push("");
    out.push("Listed in a case's expected.json but not found, or cases that could not be read, when this file was written (not scored):");
    out.push("");
    const skipped = [...report.skipped].sort(bySource);
    for (const s of skipped) out.push(`- ${s.caseId}: \`${s.source}\` (${s.reason})`);
  }
  out.push("");
  return out.join("\n");
}

/** Fields whose strict F1 is below WEAK_FIELD_THRESHOLD, weakest first (ties in report order). */
export function weakFields(report: Pick<EvalReport, "fields">): { field: string; strict: number; soft: number }[] {
  return report.fields
    .map((f, i) => ({ field: f.field, strict: prf(f.strict, f.recallOnly).f1, soft: prf(f.soft, f.recallOnly).f1, i }))
    .filter((f) => Number(f.strict.toFixed(DECIMALS)) < WEAK_FIELD_THRESHOLD)
    .sort((a, b) => a.strict - b.strict || a.i - b.i)
    .map(({ field, strict, soft }) => ({ field, strict, soft }));
}

/** The "Fields below 0.85" line. */
export function weakFieldsLine(report: Pick<EvalReport, "fields">): string {
  const weak = weakFields(report);
  const list =
    weak.length === 0
      ? "none"
      : weak.map((f) => `${f.field} ${formatScore(f.strict)} (soft ${formatScore(f.soft)})`).join(", ");
  return `Fields below ${WEAK_FIELD_THRESHOLD.toFixed(2)} (strict F1): ${list}.`;
}

function splitRow(line: string): string[] {
  const body = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const cells: string[] = [];
  let cur = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "\\" && i + 1 < body.length) {
      cur += ch + body[i + 1]!;
      i++;
    } else if (ch === "|") {
      cells.push(cur);
      cur = "";
    } else cur += ch;
  }
  cells.push(cur);
  return cells.map((c) => unescapeCell(c.trim()));
}

function parseScore(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  const n = Number.parseFloat(cell);
  return /^-?\d+(\.\d+)?$/.test(cell) && Number.isFinite(n) ? n : null;
}

function parseFraction(cell: string | undefined): Fraction | null {
  const m = cell === undefined ? null : /^(\d+)\s*\/\s*(\d+)$/.exec(cell);
  return m === null ? null : { matched: Number(m[1]), expected: Number(m[2]) };
}

function parseRecords(cell: string | undefined): RecordTally | null {
  const m = cell === undefined ? null : /^(\d+)\s*\/\s*(\d+)(?:\s*\(\+(\d+)\))?$/.exec(cell);
  return m === null ? null : { matched: Number(m[1]), expected: Number(m[2]), extra: m[3] === undefined ? 0 : Number(m[3]) };
}

/**
 * Parses the per-case table of BASELINE.md (the first table whose header starts with `case | source`):
 * columns are found by their header names, so added columns do not break older readers.
 */
export function parseBaseline(markdown: string): BaselineRow[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => {
    if (!l.trim().startsWith("|")) return false;
    const cells = splitRow(l);
    return cells[0] === "case" && cells[1] === "source";
  });
  if (start < 0) return [];
  const header = splitRow(lines[start]!);
  const col = (name: string): number => header.indexOf(name);
  const rows: BaselineRow[] = [];
  for (let i = start + 2; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim().startsWith("|")) break;
    const cells = splitRow(line);
    const at = (name: string): string | undefined => {
      const c = col(name);
      return c < 0 ? undefined : cells[c];
    };
    const caseId = at("case");
    const source = at("source");
    if (caseId === undefined || source === undefined) continue;
    rows.push({
      caseId,
      source,
      macroStrict: parseScore(at("macro F1 strict")),
      macroSoft: parseScore(at("macro F1 soft")),
      members: parseFraction(at("members")),
      memberNames: parseFraction(at("member names")),
      proxies: parseFraction(at("proxies")),
      records: parseRecords(at("records")),
    });
  }
  return rows;
}

/** The printed value of a score, parsed back: comparisons are made at the printed precision. */
function printed(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : Number(value.toFixed(DECIMALS));
}

/**
 * Rows of the current run that score below the baseline: a lower strict or soft macro F1 (at the
 * printed precision), or fewer members, member names or proxies matched. A figure the baseline has
 * but the run lost ("–") is a regression too. Baseline rows absent from the run are not (see
 * `missingFromRun`).
 */
export function compareToBaseline(current: readonly BaselineRow[], baseline: readonly BaselineRow[]): Regression[] {
  const byKey = new Map(current.map((r) => [`${r.caseId}\u0000${r.source}`, r]));
  const out: Regression[] = [];
  for (const b of baseline) {
    const c = byKey.get(`${b.caseId}\u0000${b.source}`);
    if (c === undefined) continue;
    const push = (figure: string, base: string, cur: string): void => {
      out.push({ caseId: b.caseId, source: b.source, figure, baseline: base, current: cur });
    };
    for (const [figure, bv, cv] of [
      ["macro F1 strict", b.macroStrict, printed(c.macroStrict)],
      ["macro F1 soft", b.macroSoft, printed(c.macroSoft)],
    ] as const) {
      if (bv === null) continue;
      if (cv === null || cv < bv - 1e-9) push(figure, formatScore(bv), formatScore(cv));
    }
    for (const [figure, bv, cv] of [
      ["members", b.members, c.members],
      ["member names", b.memberNames, c.memberNames],
      ["proxies", b.proxies, c.proxies],
    ] as const) {
      if (bv === null) continue;
      if (cv === null || cv.matched < bv.matched) push(figure, formatFraction(bv), formatFraction(cv));
    }
  }
  return out;
}

/** Baseline rows that the current run did not produce (source skipped or case removed). */
export function missingFromRun(current: readonly BaselineRow[], baseline: readonly BaselineRow[]): BaselineRow[] {
  const keys = new Set(current.map((r) => `${r.caseId}\u0000${r.source}`));
  return baseline.filter((b) => !keys.has(`${b.caseId}\u0000${b.source}`));
}
