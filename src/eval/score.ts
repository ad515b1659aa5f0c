/**
 * The evaluator: scores predicted records against hand-verified expected ones, field by field.
 *
 * Scalar field (dotted path, scored only when present in expected; a field expected null counts):
 *   expected non-null, predicted equal          → TP
 *   expected non-null, predicted non-null wrong → FP + FN
 *   expected non-null, predicted null           → FN
 *   expected null,     predicted non-null       → FP
 *   expected null,     predicted null           → nothing (a true negative)
 * Set fields (attendance.members as name|civility|commune|status|substitute.name|proxyTo tuples,
 * attendance.proxies as from→to pairs, budgetTables as the label|value|kind rows of all the record's
 * tables): multiset intersection; TP = matched, FP = predicted − matched, FN = expected − matched.
 * amounts: each value of expected `amountsMustInclude` must be among the predicted amounts' values
 * (recall only: FP is never counted and F1 is the recall).
 * Strict = exact equality; soft = equality after foldText (fields.ts).
 *
 * A document (one source) is scored against all the records its case expects (expected.ts): its
 * records are paired with the expected ones (match.ts), each pair scored as above, each expected record
 * left unpaired scored against null (all FN), and the set-like field `records` added: TP = pairs,
 * FP = predicted records left unpaired, FN = expected records left unpaired. The document's counts are
 * the sums over its pairs; report and group figures sum them over documents (micro), and a macro F1
 * is the mean of the field F1s.
 *
 * P = TP/(TP+FP), R = TP/(TP+FN), each 1 when its denominator is 0; F1 = 2PR/(P+R), 0 when P+R = 0.
 * A field with nothing expected and nothing predicted therefore scores 1.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import PQueue from "p-queue";
import { processDocument } from "../pipeline.js";
import { packageRoot } from "../paths.js";
import type { DocumentResult } from "../model/result.js";
import type { DelibRecord } from "../model/record.js";
import { validateRecord } from "../contract/validate.js";
import {
  ALL_FIELDS,
  RECALL_ONLY_FIELDS,
  RECORDS_FIELD,
  SCALAR_FIELDS,
  amountEqual,
  arrayAt,
  budgetRowKey,
  budgetRows,
  expectedAmounts,
  isNull,
  lookup,
  memberKey,
  memberNameKey,
  multisetMatches,
  predictedAmounts,
  proxyKey,
  softEqual,
  strictEqual,
  valueAt,
  type Mode,
} from "./fields.js";
import { caseGroups, parseExpected, type CaseCategory, type CaseGroups, type ExpectedCase, type ExpectedError, type ExpectedRecord } from "./expected.js";
import type { Issue } from "../model/issue.js";
import { matchRecords, type Matching } from "./match.js";

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface FieldScore {
  field: string;
  strict: Counts;
  soft: Counts;
  /** Precision not scored (amounts): F1 is the recall. */
  recallOnly: boolean;
}

export interface MemberStats {
  expected: number;
  predicted: number;
  /** Full tuples matched, strict. */
  matched: number;
  /** Full tuples matched, soft. */
  matchedSoft: number;
  /** Lenient: names matched (soft folding), whatever the other parts of the tuple. */
  names: number;
}

export interface ProxyStats {
  expected: number;
  predicted: number;
  /** from→to pairs matched, strict. */
  matched: number;
  matchedSoft: number;
  /** Predicted proxies whose from and to are both names of predicted members or substitutes. */
  resolved: number;
}

export interface RecordScore {
  fields: FieldScore[];
  /** Null when expected has no attendance.members. */
  members: MemberStats | null;
  /** Null when expected has no attendance.proxies. */
  proxies: ProxyStats | null;
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function add(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

/** Precision, recall and F1 of counts (see the header for the 0/0 conventions). */
export function prf(c: Counts, recallOnly = false): Prf {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  if (recallOnly) return { p: Number.NaN, r, f1: r };
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}

function scoreScalar(expected: unknown, predicted: unknown, mode: Mode): Counts {
  const c = zero();
  const equal = mode === "strict" ? strictEqual : softEqual;
  if (isNull(expected)) {
    if (!isNull(predicted)) c.fp = 1;
  } else if (isNull(predicted)) {
    c.fn = 1;
  } else if (equal(expected, predicted)) {
    c.tp = 1;
  } else {
    c.fp = 1;
    c.fn = 1;
  }
  return c;
}


function setCounts(expected: readonly string[], predicted: readonly string[]): Counts {
  const tp = multisetMatches(expected, predicted);
  return { tp, fp: predicted.length - tp, fn: expected.length - tp };
}

function amountCounts(expected: readonly number[], predicted: readonly number[], mode: Mode): Counts {
  const pool = [...predicted];
  let tp = 0;
  for (const value of expected) {
    const i = pool.findIndex((v) => amountEqual(value, v, mode));
    if (i >= 0) {
      tp++;
      pool.splice(i, 1);
    }
  }
  return { tp, fp: 0, fn: expected.length - tp };
}

/** Names a proxy end may resolve to: the predicted members' names and their substitutes' names. */
function listedNames(predicted: unknown): Set<string> {
  const names = new Set<string>();
  for (const m of arrayAt(predicted, "attendance.members")) {
    const name = valueAt(m, "name");
    if (typeof name === "string") names.add(name);
    const substitute = valueAt(m, "substitute.name");
    if (typeof substitute === "string") names.add(substitute);
  }
  return names;
}

/**
 * Scores one predicted record (null when the document gave none) against one expected record.
 * Only the fields present in expected are scored.
 */
export function scoreRecord(expected: unknown, predicted: DelibRecord | Record<string, unknown> | null): RecordScore {
  const fields: FieldScore[] = [];
  for (const field of SCALAR_FIELDS) {
    const exp = lookup(expected, field);
    if (!exp.present) continue;
    const pred = valueAt(predicted, field);
    fields.push({
      field,
      strict: scoreScalar(exp.value, pred, "strict"),
      soft: scoreScalar(exp.value, pred, "soft"),
      recallOnly: false,
    });
  }

  let members: MemberStats | null = null;
  if (lookup(expected, "attendance.members").present) {
    const exp = arrayAt(expected, "attendance.members");
    const pred = arrayAt(predicted, "attendance.members");
    const strict = setCounts(
      exp.map((m) => memberKey(m, "strict")),
      pred.map((m) => memberKey(m, "strict")),
    );
    const soft = setCounts(
      exp.map((m) => memberKey(m, "soft")),
      pred.map((m) => memberKey(m, "soft")),
    );
    fields.push({ field: "attendance.members", strict, soft, recallOnly: false });
    members = {
      expected: exp.length,
      predicted: pred.length,
      matched: strict.tp,
      matchedSoft: soft.tp,
      names: multisetMatches(
        exp.map((m) => memberNameKey(m, "soft")),
        pred.map((m) => memberNameKey(m, "soft")),
      ),
    };
  }

  let proxies: ProxyStats | null = null;
  if (lookup(expected, "attendance.proxies").present) {
    const exp = arrayAt(expected, "attendance.proxies");
    const pred = arrayAt(predicted, "attendance.proxies");
    const strict = setCounts(
      exp.map((p) => proxyKey(p, "strict")),
      pred.map((p) => proxyKey(p, "strict")),
    );
    const soft = setCounts(
      exp.map((p) => proxyKey(p, "soft")),
      pred.map((p) => proxyKey(p, "soft")),
    );
    fields.push({ field: "attendance.proxies", strict, soft, recallOnly: false });
    const names = listedNames(predicted);
    const resolved = pred.filter((p) => {
      const from = valueAt(p, "from");
      const to = valueAt(p, "to");
      return typeof from === "string" && typeof to === "string" && names.has(from) && names.has(to);
    }).length;
    proxies = { expected: exp.length, predicted: pred.length, matched: strict.tp, matchedSoft: soft.tp, resolved };
  }

  const amounts = expectedAmounts(expected);
  if (amounts !== null) {
    const pred = predictedAmounts(predicted);
    fields.push({
      field: "amounts",
      strict: amountCounts(amounts, pred, "strict"),
      soft: amountCounts(amounts, pred, "soft"),
      recallOnly: RECALL_ONLY_FIELDS.has("amounts"),
    });
  }

  if (lookup(expected, "budgetTables").present) {
    const exp = budgetRows(expected);
    const pred = budgetRows(predicted);
    fields.push({
      field: "budgetTables",
      strict: setCounts(exp.map((r) => budgetRowKey(r, "strict")), pred.map((r) => budgetRowKey(r, "strict"))),
      soft: setCounts(exp.map((r) => budgetRowKey(r, "soft")), pred.map((r) => budgetRowKey(r, "soft"))),
      recallOnly: false,
    });
  }

  fields.sort((a, b) => ALL_FIELDS.indexOf(a.field) - ALL_FIELDS.indexOf(b.field));
  return { fields, members, proxies };
}

/** Mean F1 over the scored fields (null when no field was scored). */
export function macroF1(fields: readonly FieldScore[], mode: Mode): number | null {
  if (fields.length === 0) return null;
  let sum = 0;
  for (const f of fields) sum += prf(f[mode], f.recallOnly).f1;
  return sum / fields.length;
}

/** Field F1 of one scored record, null when the field was not scored. */
export function fieldF1(score: RecordScore, field: string, mode: Mode): number | null {
  const f = score.fields.find((x) => x.field === field);
  return f === undefined ? null : prf(f[mode], f.recallOnly).f1;
}

export interface FieldAggregate {
  field: string;
  strict: Counts;
  soft: Counts;
  recallOnly: boolean;
  /** Expected non-null values (scalars) or expected elements (sets). */
  support: number;
  /** Scores (documents, or records) in which the field was scored. */
  records: number;
}

/** Micro-aggregates field counts over records (sums of TP/FP/FN per field), in report order. */
export function aggregateFields(scores: readonly RecordScore[]): FieldAggregate[] {
  const byField = new Map<string, FieldAggregate>();
  for (const score of scores) {
    for (const f of score.fields) {
      const agg = byField.get(f.field) ?? {
        field: f.field,
        strict: zero(),
        soft: zero(),
        recallOnly: f.recallOnly,
        support: 0,
        records: 0,
      };
      agg.strict = add(agg.strict, f.strict);
      agg.soft = add(agg.soft, f.soft);
      agg.support += f.strict.tp + f.strict.fn;
      agg.records++;
      byField.set(f.field, agg);
    }
  }
  return ALL_FIELDS.flatMap((field) => {
    const agg = byField.get(field);
    return agg === undefined ? [] : [agg];
  });
}

/** Mean F1 over the aggregated fields. */
export function aggregateMacroF1(fields: readonly FieldAggregate[], mode: Mode): number | null {
  if (fields.length === 0) return null;
  let sum = 0;
  for (const f of fields) sum += prf(f[mode], f.recallOnly).f1;
  return sum / fields.length;
}

/** Sums record scores field by field (members and proxies too): the micro-aggregate of a document. */
export function sumScores(scores: readonly RecordScore[]): RecordScore {
  const byField = new Map<string, FieldScore>();
  let members: MemberStats | null = null;
  let proxies: ProxyStats | null = null;
  for (const s of scores) {
    for (const f of s.fields) {
      const cur = byField.get(f.field);
      byField.set(
        f.field,
        cur === undefined
          ? { field: f.field, strict: { ...f.strict }, soft: { ...f.soft }, recallOnly: f.recallOnly }
          : { ...cur, strict: add(cur.strict, f.strict), soft: add(cur.soft, f.soft) },
      );
    }
    if (s.members !== null) members = sumCounts(members, s.members);
    if (s.proxies !== null) proxies = sumCounts(proxies, s.proxies);
  }
  const fields = [...byField.values()].sort((a, b) => ALL_FIELDS.indexOf(a.field) - ALL_FIELDS.indexOf(b.field));
  return { fields, members, proxies };
}

/** Field-by-field sum of two count records of one shape (member or proxy statistics). */
function sumCounts<T extends MemberStats | ProxyStats>(total: T | null, add: T): T {
  if (total === null) return { ...add };
  const out = { ...total };
  for (const key of Object.keys(add) as Array<keyof T>) (out[key] as number) = (total[key] as number) + (add[key] as number);
  return out;
}

export interface DocumentScore {
  /** Summed over the matched pairs and the missed expected records (scored against null), plus `records`. */
  score: RecordScore;
  matching: Matching;
}

/**
 * Scores the records a document gave against the records expected of it: pairs them (match.ts),
 * scores each pair, each missed expected record against null, and adds the `records` field
 * (TP = pairs, FP = extra predicted records, FN = missed expected records). Extra predicted records
 * cost nothing else. `records: []` (a negative case) thus scores `records` only.
 */
export function scoreDocument(
  expected: readonly unknown[],
  predicted: readonly (DelibRecord | Record<string, unknown>)[],
): DocumentScore {
  const matching = matchRecords(expected, predicted);
  const parts: RecordScore[] = [];
  for (const pair of matching.pairs) parts.push(scoreRecord(expected[pair.expected], predicted[pair.predicted] ?? null));
  for (const e of matching.missed) parts.push(scoreRecord(expected[e], null));
  const summed = sumScores(parts);
  const records: Counts = { tp: matching.pairs.length, fp: matching.extra.length, fn: matching.missed.length };
  summed.fields.unshift({ field: RECORDS_FIELD, strict: records, soft: { ...records }, recallOnly: false });
  return { score: summed, matching };
}

// ---------------------------------------------------------------------------------------------
// The corpus and the run over it.

/** One source to process, with the expected records it is scored against. */
export interface CaseSource {
  /** The case folder's path under corpus/ ("/" separators), e.g. `real/pierrefonds/2022-04-12`. */
  caseId: string;
  /** The file name inside the case folder, or the path as listed in expected.json `sources`. */
  source: string;
  /** Absolute path. */
  path: string;
  /** The expected records (`shared` merged in), in document order; [] for a negative case. */
  expected: ExpectedRecord[];
  /** The groups of the per-group table. */
  groups: CaseGroups;
  /** The error-severity issues expected.json lists for this source. */
  expectedErrors: ExpectedError[];
}

export interface SkippedSource {
  caseId: string;
  source: string;
  reason: string;
}

/** Source files accepted inside a case folder: `source.<ext>` or `source-<anything>.<ext>`. */
const SOURCE_FILE = /^source([-_.][^/]*)?\.(txt|md|pdf|xml|hocr|html?)$/i;

function subdirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith(".") && d.name !== "node_modules")
    .map((d) => d.name)
    .sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Folders under `dir` (recursively) holding an expected.json, sorted; a case folder is not searched further. */
function caseDirs(dir: string, out: string[] = []): string[] {
  if (isFile(join(dir, "expected.json"))) {
    out.push(dir);
    return out;
  }
  for (const d of subdirs(dir)) caseDirs(join(dir, d), out);
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by case, then source: the order of every table and of the run. */
export function bySource<T extends { caseId: string; source: string }>(a: T, b: T): number {
  return cmp(a.caseId, b.caseId) || cmp(a.source, b.source);
}

/**
 * Lists the corpus: every folder under `corpusDir`, at any depth, holding an expected.json
 * (corpus/grand-besancon/<case>/, corpus/real/<council>/<case>/, corpus/written/<family>/<case>/,
 * corpus/negative/<case>/), with its sources: files named `source.*` in the case folder, then the
 * expected.json `sources` (paths relative to the repo root). Listed sources that do not exist, an
 * expected.json that cannot be read and a case without any source are returned as skipped.
 */
function errorsOf(expected: ExpectedCase, source: string): ExpectedError[] {
  return expected.errors.filter((e) => e.source === null || e.source === source);
}

export function discoverCorpus(corpusDir: string, repoRoot: string): { sources: CaseSource[]; skipped: SkippedSource[] } {
  const sources: CaseSource[] = [];
  const skipped: SkippedSource[] = [];
  if (!existsSync(corpusDir)) return { sources, skipped };
  for (const caseDir of caseDirs(corpusDir)) {
    const caseId = toPosix(relative(corpusDir, caseDir));
    let expected: ExpectedCase;
    try {
      expected = parseExpected(JSON.parse(readFileSync(join(caseDir, "expected.json"), "utf8")) as unknown);
    } catch (error) {
      skipped.push({ caseId, source: "expected.json", reason: `unreadable: ${(error as Error).message}` });
      continue;
    }
    const groups = caseGroups(caseId, expected.family);
    const before = sources.length;
    const local = readdirSync(caseDir)
      .filter((f) => SOURCE_FILE.test(f) && isFile(join(caseDir, f)))
      .sort();
    for (const f of local) sources.push({ caseId, source: f, path: join(caseDir, f), expected: expected.records, groups: caseGroups(caseId, expected.family, f), expectedErrors: errorsOf(expected, f) });
    let missing = 0;
    for (const entry of expected.sources) {
      const abs = resolve(repoRoot, entry);
      if (isFile(abs)) {
        sources.push({ caseId, source: entry, path: abs, expected: expected.records, groups, expectedErrors: errorsOf(expected, entry) });
      } else {
        skipped.push({ caseId, source: entry, reason: "file not found" });
        missing++;
      }
    }
    if (sources.length === before && missing === 0) skipped.push({ caseId, source: "–", reason: "no source file" });
  }
  sources.sort(bySource);
  skipped.sort(bySource);
  return { sources, skipped };
}

export type ProcessDocument = (path: string, options: { format?: string }) => Promise<DocumentResult>;

export type RunStatus = "ok" | "partial" | "failed" | "error";

export interface SourceResult {
  caseId: string;
  source: string;
  groups: CaseGroups;
  /** The document's status, or `error` when processDocument threw. */
  status: RunStatus;
  /** Records the document gave. */
  records: number;
  /** Records expected of it. */
  expectedRecords: number;
  /** How the predicted records were paired with the expected ones. */
  matching: Matching;
  /** Summed over the pairs and missed expected records, with the `records` field. */
  score: RecordScore;
  macroStrict: number | null;
  macroSoft: number | null;
  /** Schema errors over all the records the document gave (0 = all valid), null when it gave none. */
  schemaErrors: number | null;
  /** Why the document failed or threw (stderr only: not written to BASELINE.md). */
  message: string | null;
  /** Error-severity issues raised (document and records), by ruleId. */
  errors: Record<string, number>;
  /** How the errors raised differ from those expected.json lists ("Expected 0 … got 2"): [] when they agree. */
  unexpectedErrors: string[];
}

/** Records paired / expected, and predicted records left unpaired. */
export interface RecordTally {
  matched: number;
  expected: number;
  extra: number;
}

export interface GroupScore {
  kind: "council" | "family" | "overall";
  /** `real/<council>`, `grand-besancon`, a family, or real | written | negative | seed. */
  name: string;
  cases: number;
  sources: number;
  records: RecordTally;
  /** Mean of the field F1s micro-aggregated over the group's sources (as the overall figure). */
  macroStrict: number | null;
  macroSoft: number | null;
}

export interface EvalReport {
  /** Sorted by case, then source. */
  results: SourceResult[];
  skipped: SkippedSource[];
  fields: FieldAggregate[];
  groups: GroupScore[];
  macroStrict: number | null;
  macroSoft: number | null;
}

/** The `records` tally of a result. */
export function recordTally(r: Pick<SourceResult, "matching" | "expectedRecords">): RecordTally {
  return { matched: r.matching.pairs.length, expected: r.expectedRecords, extra: r.matching.extra.length };
}

/** Scores one document result against its expected records. */
export function scoreSource(src: CaseSource, result: DocumentResult | Error): SourceResult {
  const isError = result instanceof Error;
  const records = isError ? [] : result.records;
  const { score, matching } = scoreDocument(src.expected, records);
  return {
    caseId: src.caseId,
    source: src.source,
    groups: src.groups,
    status: isError ? "error" : result.status,
    records: records.length,
    expectedRecords: src.expected.length,
    matching,
    score,
    macroStrict: macroF1(score.fields, "strict"),
    macroSoft: macroF1(score.fields, "soft"),
    schemaErrors: records.length === 0 ? null : records.reduce((n, r) => n + validateRecord(r).errors.length, 0),
    message: isError ? result.message : result.reason,
    ...errorTally(isError ? [] : [...result.issues, ...result.records.flatMap((r) => r.issues)], src.expectedErrors),
  };
}

/** Error-severity issues by ruleId, and how they differ from the ones expected.json lists. */
export function errorTally(issues: readonly Issue[], expected: readonly ExpectedError[]): Pick<SourceResult, "errors" | "unexpectedErrors"> {
  const errors: Record<string, number> = {};
  for (const i of issues) if (i.severity === "error") errors[i.ruleId] = (errors[i.ruleId] ?? 0) + 1;
  const allowed: Record<string, number> = {};
  for (const e of expected) allowed[e.ruleId] = (allowed[e.ruleId] ?? 0) + e.count;
  const unexpectedErrors = [...new Set([...Object.keys(errors), ...Object.keys(allowed)])]
    .sort()
    .filter((id) => (errors[id] ?? 0) !== (allowed[id] ?? 0))
    .map((id) => `Expected ${allowed[id] ?? 0} ${id} error(s) (expected.json expectedErrors), got ${errors[id] ?? 0}`);
  return { errors, unexpectedErrors };
}

export const OVERALL_GROUPS: readonly CaseCategory[] = ["real", "written", "negative", "seed", "ocr"];

/**
 * The per-group figures: one row per council (`real/<council>`, and seed folders such as
 * `grand-besancon`), one per family, then one per category (real, written, negative, seed; shown
 * even when empty). Each macro F1 is the mean of the field F1s micro-aggregated over the group's sources.
 */
export function groupScores(results: readonly SourceResult[]): GroupScore[] {
  const make = (kind: GroupScore["kind"], name: string, members: readonly SourceResult[]): GroupScore => {
    const fields = aggregateFields(members.map((r) => r.score));
    const records = members.reduce<RecordTally>(
      (t, r) => {
        const x = recordTally(r);
        return { matched: t.matched + x.matched, expected: t.expected + x.expected, extra: t.extra + x.extra };
      },
      { matched: 0, expected: 0, extra: 0 },
    );
    return {
      kind,
      name,
      cases: new Set(members.map((r) => r.caseId)).size,
      sources: members.length,
      records,
      macroStrict: aggregateMacroF1(fields, "strict"),
      macroSoft: aggregateMacroF1(fields, "soft"),
    };
  };
  const collect = (key: (r: SourceResult) => string | null): Map<string, SourceResult[]> => {
    const map = new Map<string, SourceResult[]>();
    for (const r of results) {
      const k = key(r);
      if (k === null) continue;
      const list = map.get(k) ?? [];
      list.push(r);
      map.set(k, list);
    }
    return new Map([...map.entries()].sort((a, b) => cmp(a[0], b[0])));
  };
  const out: GroupScore[] = [];
  for (const [name, list] of collect((r) => r.groups.council)) out.push(make("council", name, list));
  for (const [name, list] of collect((r) => r.groups.family)) out.push(make("family", name, list));
  for (const category of OVERALL_GROUPS) {
    out.push(make("overall", category, results.filter((r) => r.groups.category === category)));
  }
  return out;
}

export interface RunOptions {
  /** Repository root (corpus/ and `sources` paths are relative to it). Default: the package root. */
  root?: string;
  /** The corpus folder. Default: `<root>/corpus`. */
  corpus?: string;
  /** Default: the pipeline's processDocument. */
  processDocument?: ProcessDocument;
  /** Documents processed at once (default 2). Results and notes come out in source order whatever it is. */
  concurrency?: number;
  /** Progress and notes (default: nothing). */
  log?: (line: string) => void;
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

/** Builds the report of scored sources (sorted here: the report never depends on completion order). */
export function buildReport(results: readonly SourceResult[], skipped: readonly SkippedSource[]): EvalReport {
  const sorted = [...results].sort(bySource);
  const fields = aggregateFields(sorted.map((r) => r.score));
  return {
    results: sorted,
    skipped: [...skipped].sort(bySource),
    fields,
    groups: groupScores(sorted),
    macroStrict: aggregateMacroF1(fields, "strict"),
    macroSoft: aggregateMacroF1(fields, "soft"),
  };
}

/**
 * Runs every source of the corpus through the pipeline, a few at a time (`concurrency`), and scores
 * it. Deterministic: sources are sorted by case and source, and their notes are logged in that order.
 */
export async function runEval(options: RunOptions = {}): Promise<EvalReport> {
  const root = options.root ?? packageRoot;
  const corpus = options.corpus ?? join(root, "corpus");
  const log = options.log ?? (() => {});
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const { sources, skipped } = discoverCorpus(corpus, root);
  for (const s of skipped) log(`skipped ${s.caseId}: ${s.source} (${s.reason})`);
  const run = sources.length > 0 ? (options.processDocument ?? processDocument) : null;

  const results: (SourceResult | undefined)[] = sources.map(() => undefined);
  let next = 0; // the first source whose notes are not logged yet
  const flush = (): void => {
    for (let r = results[next]; r !== undefined; r = results[next]) {
      if (r.message !== null) log(`${r.caseId} ${r.source}: ${r.status}: ${r.message}`);
      next++;
    }
  };
  const queue = new PQueue({ concurrency });
  sources.forEach((src, i) => {
    void queue.add(async () => {
      let result: DocumentResult | Error;
      try {
        // "Path as given to the batch, relative to the working directory".
        const given = toPosix(relative(process.cwd(), src.path)) || src.path;
        result = await run!(given, {});
      } catch (error) {
        result = error instanceof Error ? error : new Error(String(error));
      }
      results[i] = scoreSource(src, result);
      flush();
    });
  });
  await queue.onIdle();
  return buildReport(
    results.filter((r): r is SourceResult => r !== undefined),
    skipped,
  );
}
