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
 * attendance.proxies as from→to pairs): multiset intersection; TP = matched, FP = predicted − matched,
 * FN = expected − matched. amounts: each value of expected `amountsMustInclude` must be among the
 * predicted amounts' values (recall only: FP is never counted and F1 is the recall).
 * Strict = exact equality; soft = equality after foldText (fields.ts).
 *
 * P = TP/(TP+FP), R = TP/(TP+FN), each 1 when its denominator is 0; F1 = 2PR/(P+R), 0 when P+R = 0.
 * A field with nothing expected and nothing predicted therefore scores 1.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { processDocument } from "../pipeline.js";
import { packageRoot } from "../paths.js";
import type { DocumentResult } from "../model/result.js";
import type { DelibRecord } from "../model/record.js";
import { validateRecord } from "../contract/validate.js";
import {
  ALL_FIELDS,
  RECALL_ONLY_FIELDS,
  SCALAR_FIELDS,
  amountEqual,
  arrayAt,
  expectedAmounts,
  isNull,
  lookup,
  memberKey,
  memberNameKey,
  predictedAmounts,
  proxyKey,
  softEqual,
  strictEqual,
  valueAt,
  type Mode,
} from "./fields.js";

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

/** Size of the multiset intersection of two key lists. */
export function multisetMatches(expected: readonly string[], predicted: readonly string[]): number {
  const pool = new Map<string, number>();
  for (const key of predicted) pool.set(key, (pool.get(key) ?? 0) + 1);
  let matched = 0;
  for (const key of expected) {
    const left = pool.get(key) ?? 0;
    if (left > 0) {
      matched++;
      pool.set(key, left - 1);
    }
  }
  return matched;
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
  /** Records in which the field was scored. */
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

// ---------------------------------------------------------------------------------------------
// The corpus and the run over it.

/** One source to process, with the expected record it is scored against. */
export interface CaseSource {
  /** `<council>/<case>`. */
  caseId: string;
  /** The file name inside the case folder, or the path as listed in expected.json `sources`. */
  source: string;
  /** Absolute path. */
  path: string;
  expected: Record<string, unknown>;
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
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort();
}

/**
 * Lists the corpus: every `corpus/<council>/<case>/expected.json` with its sources (files named
 * `source.*` in the case folder, then expected.json `sources`, paths relative to the repo root).
 * Listed sources that do not exist are returned as skipped.
 */
export function discoverCorpus(corpusDir: string, repoRoot: string): { sources: CaseSource[]; skipped: SkippedSource[] } {
  const sources: CaseSource[] = [];
  const skipped: SkippedSource[] = [];
  if (!existsSync(corpusDir)) return { sources, skipped };
  for (const council of subdirs(corpusDir)) {
    for (const name of subdirs(join(corpusDir, council))) {
      const caseDir = join(corpusDir, council, name);
      const expectedFile = join(caseDir, "expected.json");
      if (!existsSync(expectedFile)) continue;
      const caseId = `${council}/${name}`;
      const expected = JSON.parse(readFileSync(expectedFile, "utf8")) as Record<string, unknown>;
      const local = readdirSync(caseDir)
        .filter((f) => SOURCE_FILE.test(f) && statSync(join(caseDir, f)).isFile())
        .sort();
      for (const f of local) sources.push({ caseId, source: f, path: join(caseDir, f), expected });
      const listed = expected["sources"];
      if (Array.isArray(listed)) {
        for (const entry of listed) {
          if (typeof entry !== "string") continue;
          const abs = resolve(repoRoot, entry);
          if (existsSync(abs)) sources.push({ caseId, source: entry, path: abs, expected });
          else skipped.push({ caseId, source: entry, reason: "file not found" });
        }
      }
    }
  }
  return { sources, skipped };
}

export type ProcessDocument = (path: string, options: { format?: string }) => Promise<DocumentResult>;

/** The pipeline the evaluator scores. */
export async function loadPipeline(): Promise<ProcessDocument> {
  return processDocument;
}

export type RunStatus = "ok" | "partial" | "failed" | "error";

export interface SourceResult {
  caseId: string;
  source: string;
  /** The document's status, or `error` when processDocument threw. */
  status: RunStatus;
  /** Records the document gave. */
  records: number;
  /** How the compared record was picked: by its number, the first one, or none (no record). */
  picked: "number" | "first" | "none";
  score: RecordScore;
  macroStrict: number | null;
  macroSoft: number | null;
  /** Schema errors of the compared record (0 = valid), null when there was no record. */
  schemaErrors: number | null;
  /** Why the document failed or threw (stderr only: not written to BASELINE.md). */
  message: string | null;
}

export interface EvalReport {
  results: SourceResult[];
  skipped: SkippedSource[];
  fields: FieldAggregate[];
  macroStrict: number | null;
  macroSoft: number | null;
}

/** Picks the record to compare: the one whose number equals expected.number, else the first. */
export function pickRecord(
  records: readonly DelibRecord[],
  expected: Record<string, unknown>,
): { record: DelibRecord | null; picked: SourceResult["picked"] } {
  const number = expected["number"];
  if (typeof number === "string") {
    const exact = records.find((r) => r.number === number);
    if (exact !== undefined) return { record: exact, picked: "number" };
    const soft = records.find((r) => r.number !== null && softEqual(r.number, number));
    if (soft !== undefined) return { record: soft, picked: "number" };
  }
  const first = records[0];
  return first === undefined ? { record: null, picked: "none" } : { record: first, picked: "first" };
}

/** Scores one document result against its expected record. */
export function scoreSource(src: CaseSource, result: DocumentResult | Error): SourceResult {
  const isError = result instanceof Error;
  const records = isError ? [] : result.records;
  const { record, picked } = pickRecord(records, src.expected);
  const score = scoreRecord(src.expected, record);
  return {
    caseId: src.caseId,
    source: src.source,
    status: isError ? "error" : result.status,
    records: records.length,
    picked,
    score,
    macroStrict: macroF1(score.fields, "strict"),
    macroSoft: macroF1(score.fields, "soft"),
    schemaErrors: record === null ? null : validateRecord(record).errors.length,
    message: isError ? result.message : result.reason,
  };
}

export interface RunOptions {
  /** Repository root (corpus/ and `sources` paths are relative to it). Default: the package root. */
  root?: string;
  /** The corpus folder. Default: `<root>/corpus`. */
  corpus?: string;
  /** Default: the pipeline's processDocument. */
  processDocument?: ProcessDocument;
  /** Progress and notes (default: nothing). */
  log?: (line: string) => void;
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

/** Runs every source of the corpus through the pipeline, one at a time, and scores it. */
export async function runEval(options: RunOptions = {}): Promise<EvalReport> {
  const root = options.root ?? packageRoot;
  const corpus = options.corpus ?? join(root, "corpus");
  const log = options.log ?? (() => {});
  const { sources, skipped } = discoverCorpus(corpus, root);
  for (const s of skipped) log(`skipped ${s.caseId}: ${s.source} (${s.reason})`);
  const processDocument = sources.length > 0 ? (options.processDocument ?? (await loadPipeline())) : null;
  const results: SourceResult[] = [];
  for (const src of sources) {
    let result: DocumentResult | Error;
    try {
      // "Path as given to the batch, relative to the working directory".
      const given = toPosix(relative(process.cwd(), src.path)) || src.path;
      result = await processDocument!(given, {});
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    const scored = scoreSource(src, result);
    if (scored.message !== null) log(`${src.caseId} ${src.source}: ${scored.status}: ${scored.message}`);
    results.push(scored);
  }
  const fields = aggregateFields(results.map((r) => r.score));
  return {
    results,
    skipped,
    fields,
    macroStrict: aggregateMacroF1(fields, "strict"),
    macroSoft: aggregateMacroF1(fields, "soft"),
  };
}
