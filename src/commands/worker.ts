import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { batchName, knownBatch, listedBatches, readMetas, scannedBatches, type BatchMeta } from "../distributed/batch.js";
import { DEFAULT_LOCK_S, MAX_STALLED_COUNT } from "../distributed/consume.js";
import { closeClient, connectOnce, redisUrl, workerConnection } from "../distributed/redis.js";
import { ALL_BATCHES_POLL_MS, BatchServer } from "../distributed/serve.js";
import { PROGRESS_LINE_EVERY } from "../batch/progress.js";
import { DEFAULT_TIMEOUT_S } from "./extract.js";
import { CommandFailure, EXIT_OK } from "./exit.js";
import { parseCommand, seconds, wholeNumber } from "./options.js";

const USAGE = `Usage: delib worker [--batch <name>] [--redis <url>] [--concurrency N] [--timeout S] [--lock S] [--exit-when-done] [--quiet]

  --batch <name>    that batch only (delib enqueue … --batch <name>); without it, every batch in Redis, those enqueued while it runs included
  --redis <url>     redis://host:port[/db] (default: $DELIB_REDIS_URL, else redis://127.0.0.1:6379)
  --concurrency N   documents read at once, each in a reading process of its own, whatever the number of batches (default: the number of cores)
  --timeout S       a document still being read after S seconds fails, as with extract (default ${DEFAULT_TIMEOUT_S})
  --lock S          a job's lock: a worker killed mid-job leaves its documents to the others after ~S to 2×S seconds (default ${DEFAULT_LOCK_S})
  --exit-when-done  exit once the batch (every batch, without --batch) has no job waiting, active or waiting to be retried (default: wait for more)
  --quiet           no progress on stderr

Runs until SIGTERM or SIGINT (the documents in hand are finished first). Without --batch, it looks for batches every ${ALL_BATCHES_POLL_MS / 1000} s and
serves each with jobs left, with its own results folder and read options. A job that fails for a reason outside its document is retried with
backoff; one that stalls (its worker killed) is taken again, ${MAX_STALLED_COUNT} times at most. Exit codes: 0 stopped, 2 usage error or Redis unreachable.`;

export const WORKER_USAGE = USAGE;

/** How often an idle --exit-when-done worker asks whether the batch is over (ms): a second is nothing to a batch and nothing to Redis. */
const DONE_POLL_MS = 1_000;

/** What the worker serves, found with the probe connection: one batch and its meta, or the batches in Redis now. */
type Served = { only: { batch: string; meta: BatchMeta } } | { found: string[]; known: number };

/** Batches enqueued before the set of names existed are found by SCAN; the set's are counted with them. */
async function batchesInRedis(url: string, only: string | undefined): Promise<Served> {
  const probe = await connectOnce(url);
  try {
    if (only !== undefined) return { only: { batch: only, meta: await knownBatch(probe, only, url) } };
    try {
      const found = await scannedBatches(probe).catch((e: Error) => {
        // A Redis that answers but refuses SCAN (an ACL, a renamed command): the set alone is read.
        if (e.name !== "ReplyError") throw e;
        process.stderr.write(`delib worker: Redis at ${url} refused SCAN (${e.message}): only batches in its set of names are served (enqueue an older batch again to add it)\n`);
        return [];
      });
      const known = await readMetas(probe, [...new Set([...found, ...(await listedBatches(probe))])]);
      return { found, known: known.size };
    } catch (e) {
      throw new CommandFailure(`Expected Redis at ${url} to list its batches, got ${(e as Error).message}`);
    }
  } finally {
    await closeClient(probe);
  }
}

/** `delib worker [--batch <name>]`: argv without the command word. */
export async function workerCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    () =>
      parseArgs({
        args: argv,
        options: {
          batch: { type: "string" },
          redis: { type: "string" },
          concurrency: { type: "string" },
          timeout: { type: "string" },
          lock: { type: "string" },
          "exit-when-done": { type: "boolean" },
          quiet: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
      }),
    USAGE,
  );
  if (parsed === undefined) return EXIT_OK;
  const { values } = parsed;
  const only = values.batch === undefined ? undefined : batchName(values.batch);
  const concurrency = wholeNumber("concurrency", values.concurrency, availableParallelism());
  const timeout = seconds("timeout", values.timeout, DEFAULT_TIMEOUT_S);
  const lock = seconds("lock", values.lock, DEFAULT_LOCK_S);
  const url = redisUrl(values.redis);
  const quiet = values.quiet === true;
  const exitWhenDone = values["exit-when-done"] === true;

  const served = await batchesInRedis(url, only);
  if ("known" in served && served.known === 0) {
    if (exitWhenDone) {
      process.stderr.write(`delib worker: no batch in Redis at ${url}: nothing to do (--exit-when-done)\n`);
      return EXIT_OK;
    }
    if (!quiet) process.stderr.write(`delib worker: no batch in Redis at ${url} yet: waiting for one (delib enqueue <path>... --batch <name>)\n`);
  }
  const all = !("only" in served);
  // Messages name the batch when there can be several.
  const about = (batch: string): string => (all ? `batch ${batch}: ` : "");

  const connection = workerConnection(url);
  // ioredis reconnects by itself (a Redis restart); BullMQ reports what fails meanwhile through "error".
  connection.on("error", () => undefined);
  let done = 0;
  const doneOf = new Map<string, number>();
  const server = new BatchServer({
    connection,
    concurrency,
    timeoutMs: Math.round(timeout * 1000),
    lockMs: Math.round(lock * 1000),
    ...("only" in served ? { only: served.only } : { found: served.found }),
    onServe: (batch, meta) => {
      if (all && !quiet) process.stderr.write(`delib worker: serving batch ${batch} (${meta.inputs} documents in ${meta.jobs} jobs; results in ${meta.results})\n`);
    },
    onCompleted: (batch) => {
      done++;
      doneOf.set(batch, (doneOf.get(batch) ?? 0) + 1);
      if (!quiet && done % PROGRESS_LINE_EVERY === 0) process.stderr.write(`delib worker: ${done} jobs done\n`);
    },
    onFailed: (batch, job, reason, willRetry) => process.stderr.write(`delib worker: ${about(batch)}job ${job} ${willRetry ? "failed, to be retried" : "failed for good"}: ${reason}\n`),
    onError: (batch, e) => process.stderr.write(`delib worker: ${about(batch)}${e.message}\n`),
  });
  await server.start();

  const stop = new AbortController();
  let signalled = false;
  const onSignal = (): void => {
    if (signalled) process.exit(EXIT_OK); // a second signal: stop now (the jobs in hand stall and go to others)
    signalled = true;
    stop.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  const stopped = new Promise<undefined>((resolve) => stop.signal.addEventListener("abort", () => resolve(undefined), { once: true }));
  // --batch without --exit-when-done has nothing to look at: its consumer waits for jobs until stopped.
  if (all || exitWhenDone) {
    const every = all ? ALL_BATCHES_POLL_MS : DONE_POLL_MS;
    while (!stop.signal.aborted) {
      // Redis away for a moment: the look fails (or waits for it) and is made again, unless the worker is stopped meanwhile.
      const look = await Promise.race([server.look().catch(() => undefined), stopped]);
      if (exitWhenDone && look !== undefined && look.pending === 0) break;
      await sleep(every, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } else await stopped;
  await server.close();
  await closeClient(connection);
  if (!quiet) {
    const each = all && doneOf.size > 0 ? ` (${[...doneOf].map(([batch, n]) => `${batch}: ${n}`).join(", ")})` : "";
    process.stderr.write(`delib worker: ${done} jobs done by this worker${each}\n`);
  }
  return EXIT_OK;
}
