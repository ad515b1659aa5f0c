/**
 * The fields the evaluator scores, how to read them from an expected or a predicted record, and the
 * two equalities it uses: strict (exact) and soft (after folding case, diacritics, whitespace,
 * quotes, dashes and trailing punctuation).
 */

/** Scalar fields, by dotted path. Scored only when the path is present in the expected record. */
export const SCALAR_FIELDS: readonly string[] = [
  "council.name",
  "council.body",
  "sitting.date",
  "sitting.place",
  "sitting.president",
  "sitting.secretary",
  "sitting.openedAt",
  "sitting.closedAt",
  "sitting.membersInOffice",
  "number",
  "report",
  "title",
  "rapporteur.name",
  "rapporteur.role",
  "commission",
  "budget.line",
  "budget.planned",
  "budget.operation",
  "vote.yes",
  "vote.no",
  "vote.abstain",
  "vote.notVoting",
  "vote.unanimous",
  "vote.outcome",
  "signatory.name",
  "signatory.role",
  "attendance.counts.inOffice",
  "attendance.counts.present",
  "attendance.counts.remote",
  "attendance.counts.absent",
  "attendance.counts.proxies",
  // The prefecture's stamp: its identifier (its parts are read from it) and the dates of the control chain.
  "prefecture.id",
  "prefecture.sentAt",
  "prefecture.receivedAt",
  "prefecture.publishedAt",
  "prefecture.executoryAt",
];

/**
 * Set fields: scored element by element (micro). `amounts` is recall-only; `budgetTables` is scored row by
 * row, every table's rows together.
 */
export const SET_FIELDS = ["attendance.members", "attendance.proxies", "amounts", "budgetTables"] as const;
export type SetField = (typeof SET_FIELDS)[number];

/**
 * The set-like field of a source (not of a record): expected records paired with a predicted one
 * (TP), predicted records left unpaired (FP), expected records left unpaired (FN). See match.ts.
 */
export const RECORDS_FIELD = "records";

/** Every scored field, in report order. */
export const ALL_FIELDS: readonly string[] = [RECORDS_FIELD, ...SCALAR_FIELDS, ...SET_FIELDS];

/** Fields whose precision is not scored (only recall): their F1 is their recall. */
export const RECALL_ONLY_FIELDS: ReadonlySet<string> = new Set(["amounts"]);

export interface Lookup {
  /** The path is present in the object (a null ancestor counts: the whole branch is stated null). */
  present: boolean;
  /** The value, null when absent or stated null (or under a null ancestor). */
  value: unknown;
}

/** Reads a dotted path. `{ rapporteur: null }` gives `rapporteur.name` present with value null. */
export function lookup(obj: unknown, path: string): Lookup {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null) return { present: true, value: null };
    if (typeof cur !== "object" || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) {
      return { present: false, value: null };
    }
    cur = (cur as Record<string, unknown>)[key];
  }
  return { present: cur !== undefined, value: cur === undefined ? null : cur };
}

/** The value at a dotted path, null when absent. */
export function valueAt(obj: unknown, path: string): unknown {
  return lookup(obj, path).value;
}

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u02B9\u0060\u00B4]/g; // ‘ ’ ‚ ‛ ′ ‵ ʼ ʹ ` ´ → '
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u2036]/g; // “ ” „ ‟ « » ″ ‶ → "
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g; // ‐ ‑ ‒ – — ― − ﹘ ﹣ － → -
const TRAILING_PUNCTUATION = /[\s.,;:!?\u2026]+$/u; // . , ; : ! ? … and spaces at the end

/**
 * Soft folding of a text: Unicode NFKD, diacritics removed, œ/æ expanded, lower case, typographic
 * quotes and dashes mapped to ASCII, runs of whitespace (incl. no-break spaces) to one space and
 * none around quotes, apostrophes and dashes (« x » = "x", l' année = l'année, 2020 – 2024 =
 * 2020-2024), trimmed, trailing punctuation removed.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "OE")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "AE")
    .toLowerCase()
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, "-")
    .replace(/\s+/gu, " ")
    .replace(/ ?(["'-]) ?/g, "$1")
    .trim()
    .replace(TRAILING_PUNCTUATION, "");
}

/** A key for strict comparison of a scalar. */
export function strictKey(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** A key for soft comparison of a scalar: strings folded, numbers and booleans as their text. */
export function softKey(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return foldText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return foldText(JSON.stringify(value));
}

export function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

/** Strict equality of two scalars (both non-null). */
export function strictEqual(a: unknown, b: unknown): boolean {
  return strictKey(a) === strictKey(b);
}

/** Soft equality of two scalars (both non-null). */
export function softEqual(a: unknown, b: unknown): boolean {
  return softKey(a) === softKey(b);
}

export type Mode = "strict" | "soft";

function str(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fold(value: unknown, mode: Mode): string {
  const text = str(value);
  return mode === "soft" ? foldText(text) : text;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A member as the tuple name|civility|commune|status|substitute.name|proxyTo. */
export function memberKey(member: unknown, mode: Mode): string {
  const m = record(member);
  return [
    fold(m["name"], mode),
    fold(m["civility"], mode),
    fold(m["commune"], mode),
    fold(m["status"], mode),
    fold(record(m["substitute"])["name"], mode),
    fold(m["proxyTo"], mode),
  ].join("|");
}

/** A member by name only (the lenient match). */
export function memberNameKey(member: unknown, mode: Mode): string {
  return fold(record(member)["name"], mode);
}

/** A proxy as its from→to pair (the printed text is not compared). */
export function proxyKey(proxy: unknown, mode: Mode): string {
  const p = record(proxy);
  return `${fold(p["from"], mode)}→${fold(p["to"], mode)}`;
}

/** A budget-table row as label|value|kind: what the table says, whichever table it sits in. */
export function budgetRowKey(row: unknown, mode: Mode): string {
  const r = record(row);
  return [fold(r["label"], mode), str(r["value"]), fold(r["kind"], mode)].join("|");
}

/** The rows of every budget table of a record, [] when it states none. */
export function budgetRows(obj: unknown): unknown[] {
  return arrayAt(obj, "budgetTables").flatMap((t) => arrayAt(t, "rows"));
}

/** The elements of an array field, [] when absent or not an array. */
export function arrayAt(obj: unknown, path: string): unknown[] {
  const value = valueAt(obj, path);
  return Array.isArray(value) ? value : [];
}

/**
 * The amounts an expected record requires: `amountsMustInclude` (numbers), else the values of an
 * `amounts` array when the expected record states one. Null when neither is present.
 */
export function expectedAmounts(expected: unknown): number[] | null {
  const e = record(expected);
  const must = e["amountsMustInclude"];
  if (Array.isArray(must)) return must.filter((v): v is number => typeof v === "number");
  const amounts = e["amounts"];
  if (Array.isArray(amounts)) {
    return amounts
      .map((a) => record(a)["value"])
      .filter((v): v is number => typeof v === "number");
  }
  return null;
}

/** The values of a predicted record's amounts. */
export function predictedAmounts(predicted: unknown): number[] {
  return arrayAt(predicted, "amounts")
    .map((a) => record(a)["value"])
    .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

/** Amount equality: exact (strict) or within half a cent (soft). */
export function amountEqual(a: number, b: number, mode: Mode): boolean {
  return mode === "strict" ? a === b : Math.abs(a - b) < 0.005;
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
