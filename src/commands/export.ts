import { parseArgs } from "node:util";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCouncilConfig } from "../export/council-config.js";
import { readRecords } from "../export/records.js";
import { exportScdl } from "../export/scdl/export.js";
import { voteEvent, voteEventFileName } from "../export/ocd/vote-event.js";
import { EXIT_OK, EXIT_SOME_FAILED } from "./exit.js";
import { parseCommand } from "./options.js";
import { BufferedWrite } from "../batch/buffered-write.js";
import { UsageError } from "../model/usage-error.js";

const USAGE = `Usage: delib export scdl --out <dir> [--council-config <file.json>] [--partial] > deliberations.csv
       delib export ocd  --out <dir> [--council-config <file.json>] [--to <folder>]

  scdl              the SCDL "Délibérations" 2.1.5 CSV (OpenDataFrance) on stdout: UTF-8, comma, every cell quoted, CRLF
  ocd               Open Civic Data VoteEvents: one JSON object per line on stdout, or with --to one <id>.json per deliberation
  --out <dir>       the folder delib extract --out wrote (its deliberations.jsonl is read)
  --council-config  per-council values delib cannot read (COLL_SIRET, COLL_NOM, DELIB_URL template, matières by number)
  --partial         scdl: also write rows whose COLL_SIRET or matière is unknown, those cells empty (the schema requires
                    them: such a file is one to complete, each gap is listed on stderr)
  --to <folder>     ocd: write <record id>.json files there instead of JSON lines on stdout

Records that cannot be exported (a required value missing) are left out and listed on stderr with their id.
Exit codes: 0 every record exported, 1 some record left out, 2 usage error.`;

export const EXPORT_USAGE = USAGE;

/** `delib export scdl|ocd …`: argv without the command word. */
export async function exportCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          out: { type: "string" },
          "council-config": { type: "string" },
          partial: { type: "boolean" },
          to: { type: "string" },
          help: { type: "boolean", short: "h" },
        },
      }),
    USAGE,
  );
  if (parsed === undefined) return EXIT_OK;
  const { values, positionals } = parsed;
  const [format, ...extra] = positionals;
  if (format !== "scdl" && format !== "ocd") throw new UsageError(`Expected a format to export (scdl, ocd), got ${format === undefined ? "none" : `"${format}"`}`);
  if (extra.length > 0) throw new UsageError(`Expected no argument after "${format}", got "${extra.join(" ")}"`);
  if (values.out === undefined) throw new UsageError("Expected --out <dir> (the folder delib extract wrote), got none");
  if (format === "scdl" && values.to !== undefined) throw new UsageError("Expected --to with ocd only, got it with scdl");
  if (format === "ocd" && values.partial === true) throw new UsageError("Expected --partial with scdl only, got it with ocd");
  // A config or an --out that cannot be read throws a UsageError naming the file (CouncilConfigError, ExportInputError).
  const config = values["council-config"] === undefined ? undefined : loadCouncilConfig(values["council-config"]);
  const lines = readRecords(values.out).lines;
  if (format === "scdl") {
    const csv = new BufferedWrite((text) => process.stdout.write(text));
    const result = exportScdl(lines, config, values.partial === true, { csv: (text) => csv.add(text), message: (m) => process.stderr.write(`${m}\n`) });
    csv.flush();
    process.stderr.write(
      `delib: ${result.written} rows written, ${result.leftOut} records left out, ${result.duplicates} duplicate rows written once; matière from the council config ${result.matiere.config}, from the classifier ${result.matiere.classifier}, unknown ${result.matiere.none}\n`,
    );
    return result.leftOut > 0 ? EXIT_SOME_FAILED : EXIT_OK;
  }
  let written = 0;
  let leftOut = 0;
  if (values.to !== undefined) {
    mkdirSync(values.to, { recursive: true });
    if (readdirSync(values.to).length > 0) throw new UsageError(`Expected --to to name an empty or new folder, got ${values.to} which holds files`);
  }
  for (const l of lines) {
    if ("error" in l) {
      process.stderr.write(`delib: left out: ${l.error}\n`);
      leftOut++;
      continue;
    }
    const r = voteEvent(l.record, config);
    if ("missing" in r) {
      process.stderr.write(`delib: ${l.record.id} (${l.record.source.path}): left out: ${r.missing.join("; ")}\n`);
      leftOut++;
      continue;
    }
    if (values.to === undefined) process.stdout.write(`${JSON.stringify(r.event)}\n`);
    else writeFileSync(join(values.to, voteEventFileName(l.record.id)), `${JSON.stringify(r.event, null, 2)}\n`);
    written++;
  }
  process.stderr.write(`delib: ${written} vote events written, ${leftOut} records left out\n`);
  return leftOut > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}
