import { createHash } from "node:crypto";
import type { ScdlColumn } from "../../scdl/columns.js";
import type { CouncilConfig } from "../council-config.js";
import type { RecordLine } from "../records.js";
import { matiereClassifier } from "./classifier.js";
import { rowProblems } from "./constraints.js";
import { scdlHeader, scdlLine } from "./csv.js";
import { scdlRow } from "./row.js";

/** The required columns delib cannot read in a deliberation: `--partial` writes rows without them. */
export const UNKNOWABLE: ReadonlySet<ScdlColumn> = new Set(["COLL_SIRET", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM"]);

/** What the export counted; its rows and messages went to the sink as they came. */
export interface ScdlExport {
  written: number;
  leftOut: number;
  duplicates: number;
  matiere: { config: number; classifier: number; none: number };
}

/** Where the export goes as it is made: the CSV (header first, then each row) and the stderr lines. */
export interface ScdlSink {
  csv(text: string): void;
  /** Records left out (with their id and what they lack) and warnings. */
  message(line: string): void;
}

/**
 * The SCDL CSV of records, written as they are read: a row per record that passes every SCDL constraint; a record
 * that would not (a required value missing, a value of the wrong form) is left out and named with what it lacks. A
 * row identical to one already written (the same deliberation read from two copies of a document) is written once.
 */
export function exportScdl(lines: Iterable<RecordLine>, config: CouncilConfig | undefined, partial: boolean, sink: ScdlSink): ScdlExport {
  const classifier = matiereClassifier();
  const optional = partial ? UNKNOWABLE : new Set<ScdlColumn>();
  // Rows written (their sha256, not their few hundred bytes), to write each once: what is held per record.
  const seen = new Map<string, string>();
  const out = { written: 0, leftOut: 0, duplicates: 0, matiere: { config: 0, classifier: 0, none: 0 } };
  sink.csv(scdlHeader());
  for (const l of lines) {
    if ("error" in l) {
      sink.message(`delib: left out: ${l.error}`);
      out.leftOut++;
      continue;
    }
    const { record } = l;
    const where = `${record.id} (${record.source.path})`;
    const { row, matiere, warnings } = scdlRow(record, config, classifier);
    const problems = rowProblems(row, optional);
    if (problems.length > 0) {
      sink.message(`delib: ${where}: left out: ${problems.join("; ")}`);
      out.leftOut++;
      continue;
    }
    const text = scdlLine(row);
    const key = createHash("sha256").update(text).digest("base64");
    const first = seen.get(key);
    if (first !== undefined) {
      sink.message(`delib: ${where}: same row as ${first}: written once`);
      out.duplicates++;
      continue;
    }
    seen.set(key, record.id);
    for (const w of warnings) sink.message(`delib: ${where}: ${w}`);
    if (partial) for (const c of UNKNOWABLE) if (row[c] === "") sink.message(`delib: ${where}: ${c}: expected a value (the schema requires it), got none: written empty (--partial)`);
    out.matiere[matiere]++;
    sink.csv(text);
    out.written++;
  }
  return out;
}
