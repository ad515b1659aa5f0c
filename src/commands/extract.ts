import { parseArgs } from "node:util";
import { availableParallelism } from "node:os";
import { runBatch } from "../batch/run.js";
import { formatSummary } from "../batch/summary.js";
import { DEFAULT_MAX_PAGES } from "../load/limits.js";
import { UsageError } from "../model/usage-error.js";
import { maxPages, parseCommand, required, seconds, wholeNumber } from "./options.js";
import { ocrMode, ruleSet } from "./reading-options.js";
import { Progress, PROGRESS_LINE_EVERY } from "../batch/progress.js";
import { EXIT_OK, EXIT_SOME_FAILED } from "./exit.js";

/**
 * Seconds a document may take by default. OCR is the slow path: ~3 s a page on one core here, so a
 * 100-page scan takes ~5 minutes; ten minutes stops a stuck document without stopping a long honest one.
 */
export const DEFAULT_TIMEOUT_S = 600;

const USAGE = `Usage: delib extract <path>... --out <dir> [--resume] [--concurrency N] [--format <rules-id>] [--ocr auto|off] [--max-pages N] [--timeout S] [--timings] [--quiet]

  <path>          files or folders (walked recursively): .pdf, .txt, .md, ALTO (.xml), hOCR (.hocr, .html, .htm, .xml), SCDL deliberations (.csv)
  --out <dir>     where deliberations.jsonl, documents.jsonl, issues.jsonl and summary.json (the checks report) are written (must hold none yet, unless --resume)
  --resume        finish a run into --out that was stopped: documents done with the same sha256 are kept and skipped
  --concurrency   documents read at once, each in a reading process of its own (default: the number of cores)
  --format        force a rule set instead of detecting it (e.g. grand-besancon/2020)
  --ocr           auto (default): OCR PDF pages without a usable text layer (offline); off: read them as empty
  --max-pages     a PDF with more pages fails without being read (default ${DEFAULT_MAX_PAGES})
  --timeout       a document still being read after S seconds fails and the batch goes on (default ${DEFAULT_TIMEOUT_S})
  --timings       write per-stage milliseconds into documents.jsonl (output is then not byte-identical between runs)
  --quiet         no progress and no summary on stderr (progress: a bar on a terminal, else a line every ${PROGRESS_LINE_EVERY} documents)

Exit codes: 0 every document read, 1 some document failed (listed with its reason), 2 usage error.`;

export const EXTRACT_USAGE = USAGE;

/** `delib extract <path>... --out <dir>`: argv without the command word. */
export async function extractCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          out: { type: "string" },
          concurrency: { type: "string" },
          format: { type: "string" },
          ocr: { type: "string" },
          "max-pages": { type: "string" },
          timeout: { type: "string" },
          resume: { type: "boolean" },
          timings: { type: "boolean" },
          quiet: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
      }),
    USAGE,
  );
  if (parsed === undefined) return EXIT_OK;
  const { values, positionals: paths } = parsed;
  if (paths.length === 0) throw new UsageError("Expected at least one file or folder to read, got none");
  const out = required(values.out, "Expected --out <dir>, got none");
  const concurrency = wholeNumber("concurrency", values.concurrency, availableParallelism());
  const format = ruleSet(values.format);
  const pages = maxPages(values["max-pages"]);
  const timeout = seconds("timeout", values.timeout, DEFAULT_TIMEOUT_S);
  const ocr = ocrMode(values.ocr);
  const progress = values.quiet === true ? undefined : new Progress(process.stderr);
  // An --out holding another run's files is a UsageError from runBatch, reported by the CLI.
  const summary = await runBatch({
    ocr,
    paths,
    out,
    concurrency,
    timings: values.timings === true,
    resume: values.resume === true,
    timeoutMs: Math.round(timeout * 1000),
    ...(pages === undefined ? {} : { maxPages: pages }),
    ...(format === undefined ? {} : { format }),
    ...(progress === undefined ? {} : { onDocument: (r, done, total) => progress.document(r, done, total) }),
  });
  progress?.end();
  if (values.quiet !== true) process.stderr.write(formatSummary(summary));
  return summary.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}
