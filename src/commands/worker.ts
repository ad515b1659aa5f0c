import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { batchName, batchQueue, knownBatch } from "../distributed/batch.js";
import { consume, DEFAULT_LOCK_S, MAX_STALLED_COUNT } from "../distributed/consume.js";
import { closeClient, connectOnce, redisUrl, workerConnection } from "../distributed/redis.js";
import { PROGRESS_LINE_EVERY } from "../batch/progress.js";
import { DEFAULT_TIMEOUT_S } from "./extract.js";
import { EXIT_OK } from "./exit.js";
import { parseCommand, seconds, wholeNumber } from "./options.js";

const USAGE = `Usage: delib worker --batch <name> [--redis <url>] [--concurrency N] [--timeout S] [--lock S] [--exit-when-done] [--quiet]

  --batch <name>    the batch whose documents to read (delib enqueue … --batch <name>)
  --redis <url>     redis://host:port[/db] (default: $DELIB_REDIS_URL, else redis://127.0.0.1:6379)
  --concurrency N   documents read at once, each in its own thread (default: the number of cores)
  --timeout S       a document still being read after S seconds fails, as with extract (default ${DEFAULT_TIMEOUT_S})
  --lock S          a job's lock: a worker killed mid-job leaves its documents to the others after ~S to 2×S seconds (default ${DEFAULT_LOCK_S})
  --exit-when-done  exit once the batch has no job waiting, active or waiting to be retried (default: wait for more)
  --quiet           no progress on stderr

Runs until SIGTERM or SIGINT (the documents in hand are finished first). A job that fails for a reason outside its document is retried with backoff;
one that stalls (its worker killed) is taken again, ${MAX_STALLED_COUNT} times at most. Exit codes: 0 stopped, 2 usage error or Redis unreachable.`;

export const WORKER_USAGE = USAGE;

/** How often an idle --exit-when-done worker asks whether the batch is over (ms): a second is nothing to a batch and nothing to Redis. */
const DONE_POLL_MS = 1_000;

/** `delib worker --batch <name>`: argv without the command word. */
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
  const batch = batchName(values.batch);
  const concurrency = wholeNumber("concurrency", values.concurrency, availableParallelism());
  const timeout = seconds("timeout", values.timeout, DEFAULT_TIMEOUT_S);
  const lock = seconds("lock", values.lock, DEFAULT_LOCK_S);
  const url = redisUrl(values.redis);
  const quiet = values.quiet === true;

  const probe = await connectOnce(url);
  const meta = await knownBatch(probe, batch, url).finally(() => closeClient(probe));

  const connection = workerConnection(url);
  // ioredis reconnects by itself (a Redis restart); BullMQ reports what fails meanwhile through "error".
  connection.on("error", () => undefined);
  let done = 0;
  const consumer = await consume({
    batch,
    meta,
    connection,
    concurrency,
    timeoutMs: Math.round(timeout * 1000),
    lockMs: Math.round(lock * 1000),
    onFailed: (job, reason, willRetry) => process.stderr.write(`delib worker: job ${job} ${willRetry ? "failed, to be retried" : "failed for good"}: ${reason}\n`),
    onError: (e) => process.stderr.write(`delib worker: ${e.message}\n`),
  });
  consumer.worker.on("completed", () => {
    done++;
    if (!quiet && done % PROGRESS_LINE_EVERY === 0) process.stderr.write(`delib worker: ${done} jobs done\n`);
  });

  const queue = batchQueue(batch, connection);
  // Its only use is --exit-when-done's polling, which asks again after a failure: BullMQ would print the error.
  queue.on("error", () => undefined);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) process.exit(EXIT_OK); // a second signal: stop now (the jobs in hand stall and go to others)
      stopping = true;
      resolve();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    if (values["exit-when-done"] === true) {
      const poll = setInterval(() => {
        queue.getJobCounts("waiting", "active", "delayed", "prioritized").then(
          (c) => {
            if (Object.values(c).every((n) => n === 0)) {
              clearInterval(poll);
              resolve();
            }
          },
          () => undefined, // Redis away for a moment: ask again at the next tick
        );
      }, DONE_POLL_MS);
    }
  });
  await consumer.close();
  await queue.close();
  await closeClient(connection);
  if (!quiet) process.stderr.write(`delib worker: ${done} jobs done by this worker\n`);
  return EXIT_OK;
}
