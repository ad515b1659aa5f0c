import { parseArgs } from "node:util";
import { text } from "node:stream/consumers";
import { QueryError } from "../query/errors.js";
import type { OutputFormat } from "../query/format.js";
import { formatResult } from "../query/format.js";
import { runPrompt } from "../query/prompt.js";
import { openSession } from "../query/session.js";
import { VIEW_NAMES } from "../query/views.js";
import { CACHE_FILE } from "../query/cache.js";
import { EXIT_OK, EXIT_USAGE } from "./exit.js";
import { parseCommand, required } from "./options.js";
import { UsageError } from "../model/usage-error.js";

/** A query DuckDB refused or could not finish (syntax, unknown name, conversion): not a usage error. */
export const EXIT_QUERY_FAILED = 1;

const USAGE = `Usage: delib query ["<SQL>"] --out <dir> [--json | --csv] [--no-cache]

  <SQL>           DuckDB SQL over the views ${VIEW_NAMES.join(", ")} (README "Querying the records");
                  several statements separated by ";" run in turn and the last one's result is printed.
                  Without it: an interactive prompt on a terminal, else the SQL read from standard input.
  --out <dir>     the folder delib extract --out wrote (deliberations.jsonl, documents.jsonl, issues.jsonl)
  --json          one JSON object per row (JSON Lines), numbers with their exact digits
  --csv           CSV (RFC 4180): a header row, CRLF line ends, NULL as an empty field
                  (default: an aligned table, cells cut at 80 characters, then the row count)
  --no-cache      read the JSONL files on each query instead of the cache <dir>/${CACHE_FILE}
                  (made on the first query, made again when the files change)

Exit codes: 0 the query ran, 1 the query failed (one line says why), 2 usage error (bad options, --out not an output folder).`;

export const QUERY_USAGE = USAGE;

/** `delib query ["<SQL>"] --out <dir>`: argv without the command word. */
export async function queryCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          out: { type: "string" },
          json: { type: "boolean" },
          csv: { type: "boolean" },
          "no-cache": { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
      }),
    USAGE,
  );
  if (parsed === undefined) return EXIT_OK;
  const { values, positionals } = parsed;
  const out = required(values.out, "Expected --out <dir>, got none");
  if (positionals.length > 1) throw new UsageError(`Expected the SQL as one argument (in quotes), got ${positionals.length} arguments`);
  if (values.json === true && values.csv === true) throw new UsageError("Expected at most one of --json and --csv, got both");
  const format: OutputFormat = values.json === true ? "json" : values.csv === true ? "csv" : "table";
  const interactive = positionals.length === 0 && process.stdin.isTTY === true;
  let sql = positionals[0];
  if (sql === undefined && !interactive) {
    sql = await text(process.stdin);
    if (sql.trim() === "") throw new UsageError("Expected SQL as an argument or on standard input, got none");
  }

  let session;
  try {
    session = await openSession(out, {
      cache: values["no-cache"] !== true,
      onCacheBuild: () => {
        if (process.stderr.isTTY === true) process.stderr.write(`delib: making the query cache ${out}/${CACHE_FILE} (once for these files)…\n`);
      },
    });
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    if (e.usage) throw new UsageError(e.message);
    process.stderr.write(`delib: ${e.message}\n`);
    return EXIT_QUERY_FAILED;
  }
  try {
    if (session.cache.kind === "none" && values["no-cache"] !== true) process.stderr.write(`delib: ${session.cache.reason}: reading the JSONL files\n`);
    if (sql === undefined) {
      await runPrompt(session, format, { input: process.stdin, output: process.stdout, errors: process.stderr, terminal: true });
      return EXIT_OK;
    }
    try {
      process.stdout.write(formatResult(await session.run(sql), format));
      return EXIT_OK;
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      process.stderr.write(`delib: ${e.message}\n`);
      return e.usage ? EXIT_USAGE : EXIT_QUERY_FAILED;
    }
  } finally {
    session.close();
  }
}
