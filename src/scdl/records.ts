import { SCHEMA_VERSION, type DelibRecord, type Prefecture } from "../model/record.js";
import type { DocumentModel } from "../model/document.js";
import type { Issue } from "../model/issue.js";
import { frenchDate } from "../normalize/date.js";
import { actesDepartment } from "../normalize/actes.js";
import { integer } from "../normalize/integer.js";
import { foldText } from "../normalize/text.js";
import { Trail } from "../record/provenance.js";
import { deriveOutcome, deriveUnanimity } from "../refine/outcome.js";
import { identityView } from "../text/view.js";
import { csvSeparator, headerLine, parseCsv, type Cell } from "./csv.js";
import type { ScdlColumn } from "./columns.js";

/** The rule set a record read from an SCDL file names in `format`. */
export const SCDL_FORMAT = "scdl/deliberations@2.1";

/** A value the SCDL file states in a column of its own: sure, the column says what it is. */
const COLUMN_CONFIDENCE = 0.95;

/**
 * The columns of the SCDL "Délibérations" schema (./columns.ts) that a record has a place for, and the record paths they fill.
 * VOTE_EFFECTIF is the members in office, VOTE_REEL the members present (PROVENANCE.tsv of the shared corpus).
 * PREF_ID names the prefecture that controls the act ("PREF042": "PREF" and its department's 3 characters) and
 * PREF_DATE is the act's "date d'enregistrement auprès du contrôle de légalité", the date its stamp says it was
 * received. COLL_SIRET, DELIB_MATIERE_*, BUDGET_* and DELIB_URL have no place in the record contract.
 */
const COLUMNS = {
  COLL_NOM: "council.name",
  DELIB_ID: "number",
  DELIB_DATE: "sitting.date",
  DELIB_OBJET: "title",
  VOTE_EFFECTIF: "attendance.counts.inOffice",
  VOTE_REEL: "attendance.counts.present",
  VOTE_POUR: "vote.yes",
  VOTE_CONTRE: "vote.no",
  VOTE_ABSTENTION: "vote.abstain",
  PREF_ID: "prefecture.department",
  PREF_DATE: "prefecture.receivedAt",
} as const satisfies Partial<Record<ScdlColumn, string>>;
type Column = keyof typeof COLUMNS;

/** Columns a file must have to be read as SCDL deliberations. */
const REQUIRED: readonly Column[] = ["DELIB_ID", "DELIB_OBJET"];

/** True when a text's first line names the SCDL deliberation columns. */
export function isScdlDeliberations(text: string): boolean {
  const header = headerLine(text);
  return REQUIRED.every((c) => header.includes(c));
}

/** How much of a header an issue quotes. */
const QUOTED_HEADER = 80;

/** The info issue of a CSV file without the SCDL deliberation columns ("Nom;Statut;…"): no record. */
export function notScdlDeliberations(path: string, text: string): Issue {
  const header = headerLine(text).trim().slice(0, QUOTED_HEADER);
  return { severity: "info", ruleId: "scdl.not-deliberations", message: `${path}: expected the SCDL deliberation columns (${REQUIRED.join(", ")}), got "${header}": no record`, place: null };
}

export interface ScdlResult {
  records: DelibRecord[];
  issues: Issue[];
}

/**
 * One record per data row of an SCDL deliberations file ("COLL_NOM","DELIB_ID",…,"VOTE_POUR",…): the
 * values come from their columns, each with its cell as provenance. Rows with the wrong number of cells
 * are skipped with a warning naming the line.
 */
export function scdlRecords(model: DocumentModel, source: { path: string; sha256: string }): ScdlResult {
  const rows = parseCsv(model.text, csvSeparator(model.text));
  const [header, ...data] = rows;
  const issues: Issue[] = [];
  if (header === undefined) return { records: [], issues };
  const at = new Map<string, number>(header.map((c, i) => [c.value.trim(), i] as const));
  const view = identityView(model.text);
  const records: DelibRecord[] = [];
  data.forEach((row, n) => {
    // ";;;;;;;;" rows a spreadsheet leaves below the data (the Excel export of Saint-Étienne's file has 900).
    if (row.every((c) => c.value.trim() === "")) return;
    if (row.length !== header.length) {
      const first = row[0];
      issues.push({ severity: "warning", ruleId: "scdl.row-width", message: `${source.path}: expected ${header.length} cells in data row ${n + 1}, got ${row.length}: row skipped`, place: first === undefined ? null : { page: 1, start: first.start, end: row.at(-1)?.end ?? first.end } });
      return;
    }
    records.push(recordOf(model, view, row, at, source, records.length));
  });
  return { records, issues };
}

function recordOf(model: DocumentModel, view: ReturnType<typeof identityView>, row: Cell[], at: Map<string, number>, source: { path: string; sha256: string }, index: number): DelibRecord {
  const trail = new Trail(model, view);
  const cell = (c: Column): Cell | undefined => {
    const i = at.get(c);
    const found = i === undefined ? undefined : row[i];
    return found === undefined || found.value.trim() === "" ? undefined : found;
  };
  const text = (c: Column): string | null => {
    const found = cell(c);
    if (found === undefined) return null;
    trail.fromSource(COLUMNS[c], found.start, found.end, COLUMN_CONFIDENCE);
    return foldText(found.value);
  };
  const count = (c: Column): number | null => {
    const found = cell(c);
    const n = found === undefined ? null : integer(found.value.trim());
    if (found !== undefined && n !== null) trail.fromSource(COLUMNS[c], found.start, found.end, COLUMN_CONFIDENCE);
    return n;
  };
  const dateCell = cell("DELIB_DATE");
  const date = dateCell === undefined ? null : isoDate(dateCell.value);
  if (dateCell !== undefined && date !== null) trail.fromSource("sitting.date", dateCell.start, dateCell.end, COLUMN_CONFIDENCE);
  const inOffice = count("VOTE_EFFECTIF");
  // The members in office are the sitting's and the attendance's: one cell, two paths.
  const effectif = cell("VOTE_EFFECTIF");
  const prefecture = prefectureOf(cell("PREF_ID"), cell("PREF_DATE"), trail);
  if (inOffice !== null && effectif !== undefined) trail.fromSource("sitting.membersInOffice", effectif.start, effectif.end, COLUMN_CONFIDENCE);
  const record: DelibRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: `${source.sha256.slice(0, 16)}#${index}`,
    source: { path: source.path, sha256: source.sha256, kind: model.kind, pages: model.pages.length },
    format: SCDL_FORMAT,
    council: { name: text("COLL_NOM"), body: null },
    sitting: { date, place: null, president: null, secretary: null, openedAt: null, closedAt: null, membersInOffice: inOffice },
    number: text("DELIB_ID"),
    report: null,
    title: text("DELIB_OBJET"),
    rapporteur: null,
    commission: null,
    budget: null,
    amounts: [],
    vote: { yes: count("VOTE_POUR"), no: count("VOTE_CONTRE"), abstain: count("VOTE_ABSTENTION"), notVoting: null, unanimous: null, outcome: null, named: { no: [], abstain: [], notVoting: [] } },
    attendance: { counts: { inOffice, present: count("VOTE_REEL"), remote: null, absent: null, proxies: null, voters: null }, members: [], proxies: [] },
    signatory: null,
    annexes: [],
    prefecture,
    budgetTables: [],
    provenance: trail.provenance,
    confidence: trail.confidence,
    issues: trail.issues,
  };
  record.vote.unanimous = deriveUnanimity(record.vote, trail);
  record.vote.outcome = deriveOutcome(record.vote, trail);
  return record;
}

/** "2022-01-31", or "31/01/2022" as a spreadsheet may write it: ISO, null when it is no date. */
function isoDate(value: string): string | null {
  const v = value.trim();
  return /^\d{4}-\d{2}-\d{2}$/u.test(v) ? v : frenchDate(v);
}

/** The stamp an SCDL row states in PREF_ID ("PREF042") and PREF_DATE; null when it states neither. */
function prefectureOf(id: Cell | undefined, date: Cell | undefined, trail: Trail): Prefecture | null {
  const department = id === undefined ? null : actesDepartment(/^PREF(.{3})$/iu.exec(id.value.trim())?.[1] ?? "");
  const receivedAt = date === undefined ? null : isoDate(date.value);
  if (department === null && receivedAt === null) return null;
  if (id !== undefined && department !== null) trail.fromSource(COLUMNS.PREF_ID, id.start, id.end, COLUMN_CONFIDENCE);
  if (date !== undefined && receivedAt !== null) trail.fromSource(COLUMNS.PREF_DATE, date.start, date.end, COLUMN_CONFIDENCE);
  return { id: null, department, siren: null, actDate: null, actNumber: null, nature: null, sentAt: null, receivedAt, publishedAt: null, executoryAt: null };
}
