import { parseArgs } from "node:util";
import { linesOf, type DocumentLines } from "../batch/lines.js";
import { failedDocument } from "../batch/failed.js";
import { BatchOutput, earlierOutput } from "../batch/output.js";
import { formatSummary } from "../batch/summary.js";
import { batchName, readInputs, type BatchInput } from "../distributed/batch.js";
import { withBatch } from "../distributed/open-batch.js";
import { readResult, resultFile } from "../distributed/results.js";
import { redisUrl } from "../distributed/redis.js";
import { existsSync } from "node:fs";
import { CommandFailure, EXIT_OK, EXIT_SOME_FAILED } from "./exit.js";
import { parseCommand, required } from "./options.js";
import { UsageError } from "../model/usage-error.js";

const USAGE = `Usage: delib collect --batch <name> --out <dir> [--redis <url>] [--quiet]

  --batch <name>  the batch (delib enqueue … --batch <name>), every document of it done or failed for good
  --out <dir>     where deliberations.jsonl, documents.jsonl, issues.jsonl and summary.json are written, as extract writes them (must hold none yet)
  --redis <url>   redis://host:port[/db] (default: $DELIB_REDIS_URL, else redis://127.0.0.1:6379)

The files are those \`delib extract\` run from the enqueueing folder would have written, byte for byte: same order, each document once,
a job failed for good appearing as a failed document with its reason. Exit codes: 0 every document read, 1 some failed, 2 usage error,
Redis unreachable, or documents not done yet (nothing is written then; see delib status).`;

export const COLLECT_USAGE = USAGE;

/** Documents named in the message about an unfinished batch: enough to look into, not a screenful. */
const NAMED_PENDING = 5;

/** `delib collect --batch <name> --out <dir>`: argv without the command word. */
export async function collectCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    () =>
      parseArgs({
        args: argv,
        options: {
          batch: { type: "string" },
          out: { type: "string" },
          redis: { type: "string" },
          quiet: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
      }),
    USAGE,
  );
  if (parsed === undefined) return EXIT_OK;
  const { values } = parsed;
  const batch = batchName(values.batch);
  const out = required(values.out, "Expected --out <dir>, got none");
  const url = redisUrl(values.redis);

  return withBatch(url, batch, async ({ redis, queue, meta }) => {
    const existing = await earlierOutput(out);
    if (existing.length > 0) throw new UsageError(`Expected an empty --out folder, got ${out} holding ${existing.join(", ")} (remove them, or choose another folder)`);

    // First pass: every job has its result, or failed for good (its reason then stands for its documents).
    const givenUp = new Map<string, string>();
    const pending: string[] = [];
    let pendingCount = 0;
    for await (const input of readInputs(redis, batch)) {
      if ("missing" in input || givenUp.has(input.job) || existsSync(resultFile(meta.results, input.job))) continue;
      const job = await queue.getJob(input.job);
      const state = job === undefined ? "not in the queue" : await job.getState();
      if (job !== undefined && state === "failed") {
        givenUp.set(input.job, `not read after ${job.attemptsMade} attempts (${job.failedReason})`);
        continue;
      }
      pendingCount++;
      if (pending.length < NAMED_PENDING) pending.push(`${input.display} (${state === "completed" ? `completed but ${resultFile(meta.results, input.job)} is missing` : state})`);
    }
    if (pendingCount > 0) {
      throw new CommandFailure(`Expected every document of batch "${batch}" done or failed, got ${pendingCount} not done: ${pending.join(", ")}${pendingCount > pending.length ? ", …" : ""} (delib status --batch ${batch})`);
    }

    // Second pass: each input's lines, in the enqueued order (extract's).
    const output = new BatchOutput(out);
    for await (const input of readInputs(redis, batch)) output.emit(await linesOfInput(input, meta.results, givenUp));
    const summary = await output.close();
    if (values.quiet !== true) process.stderr.write(formatSummary(summary));
    return summary.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
  });
}

async function linesOfInput(input: BatchInput, results: string, givenUp: ReadonlyMap<string, string>): Promise<DocumentLines> {
  // As extract reports a path given that does not exist.
  if ("missing" in input) return linesOf(failedDocument(input.display, "", `${input.display}: ${input.missing}`), false);
  const reason = givenUp.get(input.job);
  if (reason !== undefined) return linesOf(failedDocument(input.display, input.sha256, `${input.display}: ${reason}`), false);
  const result = await readResult(results, input.job);
  const mine = result?.documents.find((d) => d.display === input.display);
  if (mine === undefined) throw new Error(`Expected ${resultFile(results, input.job)} to hold the result of ${input.display}, got ${result === undefined ? "no file" : "none for it"}`);
  return mine.lines;
}
