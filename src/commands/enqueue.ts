import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { walkInputs } from "../batch/walk.js";
import { DEFAULT_MAX_PAGES } from "../load/limits.js";
import { batchName, batchQueue, ATTEMPTS, BACKOFF_MS, jobOptions, readMeta, registerBatch, writeBatch, type BatchInput, type BatchMeta, type DocumentJob, type ReadOptions } from "../distributed/batch.js";
import { closeClient, connectOnce, redisUrl } from "../distributed/redis.js";
import { CommandFailure, EXIT_OK } from "./exit.js";
import { maxPages, parseCommand, seconds, wholeNumber } from "./options.js";
import { ocrMode, ruleSet } from "./reading-options.js";
import { UsageError } from "../model/usage-error.js";

const USAGE = `Usage: delib enqueue <path>... --batch <name> [--redis <url>] [--results <dir>] [--format <rules-id>] [--ocr auto|off] [--max-pages N] [--attempts N] [--backoff S]

  <path>          files or folders, walked as extract walks them; every worker must see them at the same absolute path (shared storage)
  --batch <name>  the batch: letters, digits, "-", "_" (enqueueing the same inputs again adds no job)
  --redis <url>   redis://host:port[/db] (default: $DELIB_REDIS_URL, else redis://127.0.0.1:6379)
  --results <dir> where workers write one result file per document (shared storage; default ./delib-results/<name>)
  --attempts N    tries of a job that fails for a reason outside its document, e.g. storage not answering (default ${ATTEMPTS})
  --backoff S     wait before the first retry, doubled at each next one (default ${BACKOFF_MS / 1000})
  --format, --ocr, --max-pages   as for extract, for every document of the batch (default --max-pages ${DEFAULT_MAX_PAGES})

One job per distinct content (its sha256 is the job id); paths with the same content share it. Once its jobs are added, the batch is named in
Redis's set of batches, where \`delib worker\` without --batch finds it. Exit codes: 0 queued, 2 usage error or Redis unreachable.`;

export const ENQUEUE_USAGE = USAGE;

/** Jobs added to BullMQ in one call: one round trip for many, without one huge command. */
const ADD_CHUNK = 1_000;

async function fileSha(path: string): Promise<string | undefined> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}

/** `delib enqueue <path>... --batch <name>`: argv without the command word. */
export async function enqueueCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          batch: { type: "string" },
          redis: { type: "string" },
          results: { type: "string" },
          format: { type: "string" },
          ocr: { type: "string" },
          "max-pages": { type: "string" },
          attempts: { type: "string" },
          backoff: { type: "string" },
          quiet: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
      }),
    USAGE,
  );
  if (parsed === undefined) return EXIT_OK;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError("Expected at least one file or folder to enqueue, got none");
  const batch = batchName(values.batch);
  const format = ruleSet(values.format);
  const ocr = ocrMode(values.ocr);
  const pages = maxPages(values["max-pages"]);
  const attempts = wholeNumber("attempts", values.attempts, ATTEMPTS);
  const backoff = seconds("backoff", values.backoff, BACKOFF_MS / 1000, "zero allowed");
  const options: ReadOptions = { ocr, ...(format === undefined ? {} : { format }), ...(pages === undefined ? {} : { maxPages: pages }) };
  const results = resolve(values.results ?? `delib-results/${batch}`);
  const url = redisUrl(values.redis);

  const redis = await connectOnce(url);
  try {
    // In extract's order: paths given that do not exist first, then the files walked.
    const walked = await walkInputs(positionals);
    const inputs: BatchInput[] = walked.missing.map((m) => ({ display: m.path, missing: m.reason }));
    const jobs = new Map<string, DocumentJob>();
    for (const f of walked.files) {
      const path = resolve(f.path);
      const sha = await fileSha(path);
      // A file that cannot be read now still gets its job (keyed by its path): the worker reports it as extract would.
      const job = sha ?? `unreadable-${createHash("sha256").update(path).digest("hex")}`;
      inputs.push({ display: f.display, path, sha256: sha ?? "", job });
      const entry = jobs.get(job) ?? { inputs: [], sha256: sha ?? "" };
      entry.inputs.push({ path, display: f.display });
      jobs.set(job, entry);
    }
    const digest = createHash("sha256").update(JSON.stringify({ inputs, options, results })).digest("hex");
    const meta: BatchMeta = { results, options, digest, inputs: inputs.length, jobs: jobs.size };
    const earlier = await readMeta(redis, batch);
    if (earlier !== undefined && earlier.digest !== meta.digest) {
      throw new CommandFailure(`Expected batch "${batch}" to be enqueued again with the same inputs, options and --results, got different ones (choose another --batch name)`);
    }
    await mkdir(results, { recursive: true });
    if (earlier === undefined) await writeBatch(redis, batch, meta, inputs);
    const queue = batchQueue(batch, redis);
    try {
      const all = [...jobs.entries()];
      for (let i = 0; i < all.length; i += ADD_CHUNK) {
        // The job id is the content's sha256: BullMQ adds no job whose id it already holds, whatever its state.
        await queue.addBulk(all.slice(i, i + ADD_CHUNK).map(([id, data]) => ({ name: "document", data, opts: { ...jobOptions(attempts, Math.round(backoff * 1000)), jobId: id } })));
      }
      // Workers without --batch find it now, every job of it there (a batch enqueued before the set existed gets in it too).
      await registerBatch(redis, batch);
      if (values.quiet !== true) {
        const missing = walked.missing.length;
        process.stderr.write(
          `delib: batch ${batch}: ${inputs.length} documents (${missing} not found), ${jobs.size} jobs${earlier === undefined ? "" : " (batch known already: jobs it held are kept as they were)"} in ${url}; results in ${results}\n`,
        );
      }
    } finally {
      await queue.close();
    }
    return EXIT_OK;
  } finally {
    await closeClient(redis);
  }
}
