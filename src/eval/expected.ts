/**
 * corpus/…/expected.json: its two forms and the groups a case belongs to (corpus/README.md).
 *
 *   { family?, sources?, shared?, records: [ … ] }   one expected record per deliberation, in document
 *                                                   order; `shared` is deep-merged under each of them
 *                                                   (the record's keys win); `records: []` is a
 *                                                   negative case (the document must yield no record).
 *   { number, title, … }                            no `records` key: the file is itself one record
 *                                                   (the seed's form; a `shared` key is merged too).
 */

export type ExpectedRecord = Record<string, unknown>;

/**
 * An error-severity issue the case is known to raise, with why: the document itself does not add up
 * (`cause: "document"`, Couthenans printing 13 votes for 11 members present), or delib misreads it and
 * the check rightly catches the bad record (`cause: "extraction"`, a known defect to fix). `source`
 * narrows it to one source of the case (a file name or a listed path); `count` is exact.
 */
export interface ExpectedError {
  ruleId: string;
  source: string | null;
  count: number;
  cause: "document" | "extraction";
  why: string;
}

export interface ExpectedCase {
  /** `family` as written in expected.json, null when absent. */
  family: string | null;
  /** `sources` as written (paths from the repo root), [] when absent. */
  sources: string[];
  /** The expected records, `shared` merged in. [] for a negative case. */
  records: ExpectedRecord[];
  /** True when the file has no `records` key (one record, the seed's form). */
  single: boolean;
  /** `expectedErrors`: the error-severity issues the case may raise, [] when absent. */
  errors: ExpectedError[];
}

/** Keys of expected.json that describe the case, not a record (dropped from the records). */
const CASE_KEYS = new Set(["family", "sources", "shared", "records", "expectedErrors"]);

function parseErrors(raw: unknown): ExpectedError[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error("`expectedErrors` is not an array");
  return raw.map((e, i) => {
    if (!isPlainObject(e)) throw new Error(`expectedErrors[${i}] is not an object`);
    const { ruleId, source, count, cause, why } = e;
    if (typeof ruleId !== "string" || ruleId === "") throw new Error(`expectedErrors[${i}].ruleId is not a string`);
    if (source !== undefined && typeof source !== "string") throw new Error(`expectedErrors[${i}].source is not a string`);
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1) throw new Error(`expectedErrors[${i}].count is not a positive integer`);
    if (cause !== "document" && cause !== "extraction") throw new Error(`expectedErrors[${i}].cause is neither "document" nor "extraction"`);
    if (typeof why !== "string" || why.trim() === "") throw new Error(`expectedErrors[${i}].why is empty`);
    return { ruleId, source: source ?? null, count, cause, why };
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Deep merge of `over` onto `under`: plain objects are merged key by key, anything else (arrays,
 * scalars, null) in `over` replaces what `under` holds. Neither argument is modified.
 */
export function deepMerge(under: unknown, over: unknown): unknown {
  if (!isPlainObject(under) || !isPlainObject(over)) return over === undefined ? structuredClone(under) : structuredClone(over);
  const out: Record<string, unknown> = structuredClone(under);
  for (const [key, value] of Object.entries(over)) {
    out[key] = Object.prototype.hasOwnProperty.call(under, key) ? deepMerge(under[key], value) : structuredClone(value);
  }
  return out;
}

/** Reads an expected.json object. Throws on a shape it cannot score (the caller reports the case). */
export function parseExpected(raw: unknown): ExpectedCase {
  if (!isPlainObject(raw)) throw new Error("expected.json is not an object");
  const family = typeof raw["family"] === "string" && raw["family"].trim() !== "" ? raw["family"].trim() : null;
  const listed = raw["sources"];
  if (listed !== undefined && !Array.isArray(listed)) throw new Error("`sources` is not an array");
  const sources = (listed ?? []).filter((s): s is string => typeof s === "string");
  const shared = raw["shared"];
  if (shared !== undefined && shared !== null && !isPlainObject(shared)) throw new Error("`shared` is not an object");
  const base: Record<string, unknown> = isPlainObject(shared) ? shared : {};
  const errors = parseErrors(raw["expectedErrors"]);

  if (!Object.prototype.hasOwnProperty.call(raw, "records")) {
    const own: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) if (!CASE_KEYS.has(k)) own[k] = v;
    return { family, sources, records: [deepMerge(base, own) as ExpectedRecord], single: true, errors };
  }
  const records = raw["records"];
  if (!Array.isArray(records)) throw new Error("`records` is not an array");
  return {
    family,
    sources,
    records: records.map((r, i) => {
      if (!isPlainObject(r)) throw new Error(`records[${i}] is not an object`);
      return deepMerge(base, r) as ExpectedRecord;
    }),
    single: false,
    errors,
  };
}

/**
 * The top-level kinds of cases, for the overall rows of the per-group table. "ocr" holds the OCR engine's
 * versions of a case (`source.alto.xml`, `source.hocr`) and the repo's synthetic scan of it (`source.scan.pdf`,
 * src/tools/make-scan.ts): they measure OCR, not the layout they copy.
 */
export type CaseCategory = "real" | "written" | "negative" | "seed" | "ocr";

/** A case's source produced by an OCR engine from its PDF, or its synthetic scan: scored in the "ocr" group only. */
export const OCR_SOURCE = /^source\.(?:alto\.xml|hocr|scan\.pdf)$/iu;

export interface CaseGroups {
  category: CaseCategory;
  /** `real/<council>` for real documents, `<folder>` (e.g. `grand-besancon`) for seed cases; null otherwise. */
  council: string | null;
  /** expected.json `family`, else from the folder (`written/<family>/…` → `<family>`, `negative/…` → `negative`). */
  family: string | null;
}

/** The groups of a source, from its case id (its path under corpus/), its expected.json `family` and its file name. */
export function caseGroups(caseId: string, family: string | null, source = ""): CaseGroups {
  if (OCR_SOURCE.test(source)) return { category: "ocr", council: null, family: null };
  const parts = caseId.split("/");
  const top = parts[0] ?? "";
  if (top === "real") {
    return { category: "real", council: parts.length >= 3 ? `real/${parts[1]}` : "real", family };
  }
  if (top === "written") {
    return { category: "written", council: null, family: family ?? (parts.length >= 3 ? (parts[1] ?? null) : null) };
  }
  if (top === "negative") return { category: "negative", council: null, family: family ?? "negative" };
  return { category: "seed", council: top, family };
}
