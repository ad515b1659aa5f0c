import { SCDL_REQUIRED, type ScdlColumn, type ScdlRow } from "../../scdl/columns.js";
import { isHttpUrl, siretChecksumOk } from "../council-config.js";
import { scdlMatiereName } from "./nomenclature.js";

/** DELIB_MATIERE_CODE's pattern in the schema. */
export const MATIERE_CODE = /^\d\.\d{1,2}$/u;
/** BUDGET_ANNEE's pattern in the schema: a year or two. */
export const BUDGET_YEAR = /^[0-9]{4}(\/[0-9]{4})?$/u;
/** PREF_ID as the schema describes it: PREF + department on 3 characters, SPREF + department + arrondissement, SGAR + region. */
export const PREF_ID = /^(?:(?:PREF|SGAR)(?:\d{3}|02A|02B)|SPREF(?:\d{3}|02A|02B)\d)$/u;
const COUNT = /^\d+$/u;

/** True for an ISO date (AAAA-MM-JJ) that exists in the calendar. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Every SCDL Délibérations 2.1.5 constraint a row breaks, as "COLUMN: expected X, got Y". `optional` names required
 * columns that may be left empty (`--partial`). The constraints: required values; COLL_SIRET 14 digits with its check
 * digit; ISO dates; DELIB_MATIERE_CODE's pattern and a DELIB_MATIERE_NOM that names it in the ACTES nomenclature;
 * BUDGET_ANNEE's pattern, and BUDGET_ANNEE and BUDGET_NOM both set or both empty; PREF_ID's form; whole numbers for the
 * votes, VOTE_REEL = VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION; PREF_DATE ≥ DELIB_DATE; DELIB_URL an http(s) URI.
 */
export function rowProblems(row: ScdlRow, optional: ReadonlySet<ScdlColumn> = new Set()): string[] {
  const out: string[] = [];
  const bad = (c: ScdlColumn, expected: string): void => {
    out.push(`${c}: expected ${expected}, got ${row[c] === "" ? "none" : `"${row[c]}"`}`);
  };
  for (const c of SCDL_REQUIRED) if (row[c] === "" && !optional.has(c)) bad(c, "a value (the schema requires it)");
  if (row.COLL_SIRET !== "" && !siretChecksumOk(row.COLL_SIRET)) bad("COLL_SIRET", "a SIRET of 14 digits whose check digit holds");
  for (const c of ["DELIB_DATE", "PREF_DATE"] as const) if (row[c] !== "" && !isIsoDate(row[c])) bad(c, "an ISO date (AAAA-MM-JJ)");
  if (row.DELIB_MATIERE_CODE !== "" && !MATIERE_CODE.test(row.DELIB_MATIERE_CODE)) bad("DELIB_MATIERE_CODE", "an ACTES code like 7.5");
  if (row.DELIB_MATIERE_CODE !== "" || row.DELIB_MATIERE_NOM !== "") {
    const name = scdlMatiereName(row.DELIB_MATIERE_CODE);
    if (name === undefined) bad("DELIB_MATIERE_CODE", "a code of the ACTES nomenclature");
    else if (row.DELIB_MATIERE_NOM !== name) bad("DELIB_MATIERE_NOM", `"${name}" (the name of ${row.DELIB_MATIERE_CODE})`);
  }
  if (row.BUDGET_ANNEE !== "" && !BUDGET_YEAR.test(row.BUDGET_ANNEE)) bad("BUDGET_ANNEE", "AAAA or AAAA/AAAA");
  if ((row.BUDGET_ANNEE === "") !== (row.BUDGET_NOM === "")) bad(row.BUDGET_ANNEE === "" ? "BUDGET_ANNEE" : "BUDGET_NOM", "BUDGET_ANNEE and BUDGET_NOM both set or both empty");
  if (row.PREF_ID !== "" && !PREF_ID.test(row.PREF_ID)) bad("PREF_ID", "PREFNNN, SPREFNNNM or SGARNNN");
  for (const c of ["VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"] as const) if (row[c] !== "" && !COUNT.test(row[c])) bad(c, "a whole number");
  if (row.VOTE_REEL !== "") {
    const parts = [row.VOTE_POUR, row.VOTE_CONTRE, row.VOTE_ABSTENTION];
    const sum = parts.every((p) => COUNT.test(p)) ? parts.reduce((s, p) => s + Number(p), 0) : null;
    if (sum === null || sum !== Number(row.VOTE_REEL)) bad("VOTE_REEL", `VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION (${sum ?? "not all set"})`);
  }
  if (isIsoDate(row.PREF_DATE) && isIsoDate(row.DELIB_DATE) && row.PREF_DATE < row.DELIB_DATE) bad("PREF_DATE", `a date on or after DELIB_DATE ${row.DELIB_DATE}`);
  if (row.DELIB_URL !== "" && !isHttpUrl(row.DELIB_URL)) bad("DELIB_URL", "an http(s) URI");
  return out;
}
