import type { ScdlColumn } from "../../scdl/columns.js";
import type { CouncilConfig } from "../council-config.js";
import type { RecordLine } from "../records.js";
import { matiereClassifier } from "./classifier.js";
import { rowProblems } from "./constraints.js";
import { scdlHeader, scdlLine } from "./csv.js";
import { scdlRow } from "./row.js";

/** The required columns delib cannot read in a deliberation: `--partial` writes rows without them. */
export const UNKNOWABLE: ReadonlySet<ScdlColumn> = new Set(["COLL_SIRET", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM"]);

export interface ScdlExport {
  csv: string;
  /** stderr lines: records left out (with their id and what they lack) and warnings. */
  messages: string[];
  written: number;
  leftOut: number;
  duplicates: number;
  matiere: { config: number; classifier: number; none: number };
}

/**
 * The SCDL CSV of a list of records: a row per record that passes every SCDL constraint; a record that would not
 * (a required value missing, a value of the wrong form) is left out and named with what it lacks. A row identical to
 * one already written (the same deliberation read from two copies of a document) is written once.
 */
export function exportScdl(lines: readonly RecordLine[], config: CouncilConfig | undefined, partial: boolean): ScdlExport {
  const classifier = matiereClassifier();
  const optional = partial ? UNKNOWABLE : new Set<ScdlColumn>();
  const messages: string[] = [];
  const seen = new Map<string, string>();
  const out = { written: 0, leftOut: 0, duplicates: 0, matiere: { config: 0, classifier: 0, none: 0 } };
  let csv = scdlHeader();
  for (const l of lines) {
    if ("error" in l) {
      messages.push(`delib: left out: ${l.error}`);
      out.leftOut++;
      continue;
    }
    const { record } = l;
    const where = `${record.id} (${record.source.path})`;
    const { row, matiere, warnings } = scdlRow(record, config, classifier);
    const problems = rowProblems(row, optional);
    if (problems.length > 0) {
      messages.push(`delib: ${where}: left out: ${problems.join("; ")}`);
      out.leftOut++;
      continue;
    }
    const text = scdlLine(row);
    const first = seen.get(text);
    if (first !== undefined) {
      messages.push(`delib: ${where}: same row as ${first}: written once`);
      out.duplicates++;
      continue;
    }
    seen.set(text, record.id);
    for (const w of warnings) messages.push(`delib: ${where}: ${w}`);
    if (partial) for (const c of UNKNOWABLE) if (row[c] === "") messages.push(`delib: ${where}: ${c}: expected a value (the schema requires it), got none: written empty (--partial)`);
    out.matiere[matiere]++;
    csv += text;
    out.written++;
  }
  return { csv, messages, ...out };
}
