/**
 * The columns of the OpenDataFrance SCDL "Délibérations" schema (v2.1.5, schema.data.gouv.fr/scdl/deliberations), in the
 * schema's order: the one list that the SCDL reader (src/scdl/records.ts) and the SCDL export (src/export/scdl/) share.
 */
export const SCDL_COLUMNS = [
  "COLL_NOM",
  "COLL_SIRET",
  "DELIB_ID",
  "DELIB_DATE",
  "DELIB_MATIERE_CODE",
  "DELIB_MATIERE_NOM",
  "DELIB_OBJET",
  "BUDGET_ANNEE",
  "BUDGET_NOM",
  "PREF_ID",
  "PREF_DATE",
  "VOTE_EFFECTIF",
  "VOTE_REEL",
  "VOTE_POUR",
  "VOTE_CONTRE",
  "VOTE_ABSTENTION",
  "DELIB_URL",
] as const;

export type ScdlColumn = (typeof SCDL_COLUMNS)[number];

/** The columns the schema marks "Valeur obligatoire": a row without one of them does not pass the schema. */
export const SCDL_REQUIRED: readonly ScdlColumn[] = ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET"];

/** One SCDL row: every column, "" where the value is missing (the schema's missing value). */
export type ScdlRow = Record<ScdlColumn, string>;
