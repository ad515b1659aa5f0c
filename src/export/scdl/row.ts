import type { DelibRecord } from "../../model/record.js";
import type { ScdlRow } from "../../scdl/columns.js";
import { councilOf, deliberationUrl, type CouncilConfig } from "../council-config.js";
import { budgetYear } from "./budget.js";
import { MATIERE_MIN_CONFIDENCE, type MatiereClassifier } from "./classifier.js";
import { isIsoDate, PREF_ID } from "./constraints.js";
import { scdlMatiereName } from "./nomenclature.js";

export interface RowResult {
  row: ScdlRow;
  /** Where DELIB_MATIERE_CODE came from. */
  matiere: "config" | "classifier" | "none";
  /** What the row lacks or leaves out although the record has something: "COLUMN: expected X, got Y". */
  warnings: string[];
}

const text = (v: string | null | undefined): string => (v ?? "").replace(/\s+/gu, " ").trim();
const count = (v: number | null | undefined): string => (v === null || v === undefined ? "" : String(v));

/**
 * The SCDL row of a record. Nothing is made up: a value the record (or the council config) does not give stays empty.
 * COLL_SIRET comes from the config only (a prefecture stamp's SIREN has 9 digits, not the 14 of a SIRET). The matière
 * comes from the config's list, else from the classifier when its confidence reaches MATIERE_MIN_CONFIDENCE.
 * VOTE_REEL is VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION, so the four are written together or not at all.
 */
export function scdlRow(record: DelibRecord, config: CouncilConfig | undefined, classifier: MatiereClassifier): RowResult {
  const warnings: string[] = [];
  const entry = councilOf(config, record);
  const date = isIsoDate(record.sitting.date ?? "") ? (record.sitting.date ?? "") : "";

  let code = "";
  let matiere: RowResult["matiere"] = "none";
  const fixed = record.number === null ? undefined : entry?.matieres?.[record.number];
  if (fixed !== undefined) {
    code = fixed;
    matiere = "config";
  } else if (record.title !== null) {
    const guess = classifier.guess(record.title);
    if (guess !== null && guess.confidence >= MATIERE_MIN_CONFIDENCE) {
      code = guess.code;
      matiere = "classifier";
    }
  }

  const line = record.budget?.line ?? null;
  const year = line === null ? null : budgetYear(line);

  const department = record.prefecture?.department ?? null;
  const prefId = department === null ? "" : `PREF${department}`;
  let prefDate = record.prefecture?.receivedAt ?? "";
  if (prefDate !== "" && (!isIsoDate(prefDate) || (date !== "" && prefDate < date))) {
    warnings.push(`PREF_DATE: expected a date on or after DELIB_DATE ${date || "(none)"}, got "${prefDate}": left empty`);
    prefDate = "";
  }

  const { yes, no, abstain } = record.vote;
  const votes = yes !== null && no !== null && abstain !== null;
  if (!votes && (yes !== null || no !== null || abstain !== null)) {
    warnings.push(`VOTE_POUR/VOTE_CONTRE/VOTE_ABSTENTION: expected all three counts (VOTE_REEL is their sum), got ${count(yes) || "none"}/${count(no) || "none"}/${count(abstain) || "none"}: left empty`);
  }

  const row: ScdlRow = {
    COLL_NOM: text(entry?.COLL_NOM ?? record.council.name),
    COLL_SIRET: entry?.COLL_SIRET ?? "",
    DELIB_ID: text(record.number),
    DELIB_DATE: date,
    DELIB_MATIERE_CODE: code,
    DELIB_MATIERE_NOM: code === "" ? "" : (scdlMatiereName(code) ?? ""),
    DELIB_OBJET: text(record.title),
    BUDGET_ANNEE: year ?? "",
    BUDGET_NOM: year === null ? "" : text(line),
    PREF_ID: PREF_ID.test(prefId) ? prefId : "",
    PREF_DATE: prefDate,
    VOTE_EFFECTIF: count(record.attendance.counts.inOffice ?? record.sitting.membersInOffice),
    VOTE_REEL: votes ? String(yes + no + abstain) : "",
    VOTE_POUR: votes ? String(yes) : "",
    VOTE_CONTRE: votes ? String(no) : "",
    VOTE_ABSTENTION: votes ? String(abstain) : "",
    DELIB_URL: deliberationUrl(entry, record) ?? "",
  };
  return { row, matiere, warnings };
}
