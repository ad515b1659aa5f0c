import { parseArgs } from "node:util";
import { batchName, jobCounts } from "../distributed/batch.js";
import { withBatch } from "../distributed/open-batch.js";
import { redisUrl } from "../distributed/redis.js";
import { EXIT_OK } from "./exit.js";
import { parseCommand } from "./options.js";

/** Latest jobs done that the recent throughput is measured over: a few seconds of a busy batch, steady enough to read. */
const RECENT_JOBS = 100;

const USAGE = `Usage: delib status --batch <name> [--redis <url>] [--json]

  --batch <name>  the batch (delib enqueue … --batch <name>)
  --redis <url>   redis://host:port[/db] (default: $DELIB_REDIS_URL, else redis://127.0.0.1:6379)
  --json          one JSON object on stdout instead of a line on stderr

Jobs waiting, active, waiting to be retried, done and failed for good, and jobs done per second: over the last
${RECENT_JOBS} done, and since the first started. Exit codes: 0, 2 usage error or Redis unreachable.`;

export const STATUS_USAGE = USAGE;

export interface BatchStatus {
  batch: string;
  documents: number;
  jobs: number;
  waiting: number;
  active: number;
  /** Failed once, waiting for their backoff before the next attempt. */
  retrying: number;
  done: number;
  failed: number;
  /** Jobs done per second over the last RECENT_JOBS done (null before two are). */
  recentPerSecond: number | null;
  /** Jobs done per second since the first job started (null before one is done). */
  overallPerSecond: number | null;
}

/** `delib status --batch <name>`: argv without the command word. */
export async function statusCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(() => parseArgs({ args: argv, options: { batch: { type: "string" }, redis: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } }), USAGE);
  if (parsed === undefined) return EXIT_OK;
  const { values } = parsed;
  const batch = batchName(values.batch);
  const url = redisUrl(values.redis);
  return withBatch(url, batch, async ({ queue, meta }) => {
    const c = await jobCounts(queue);
    const recent = await queue.getJobs(["completed"], 0, RECENT_JOBS - 1, false);
    const [first] = await queue.getJobs(["completed"], 0, 0, true);
    const finished = recent.map((j) => j.finishedOn ?? 0).filter((t) => t > 0);
    const newest = Math.max(...finished);
    const oldest = Math.min(...finished);
    const perSecond = (n: number, ms: number): number | null => (ms > 0 ? Math.round((n / ms) * 1000 * 10) / 10 : null);
    const status: BatchStatus = {
      batch,
      documents: meta.inputs,
      jobs: meta.jobs,
      ...c,
      recentPerSecond: finished.length < 2 ? null : perSecond(finished.length - 1, newest - oldest),
      overallPerSecond: first?.processedOn === undefined || finished.length === 0 ? null : perSecond(c.done, newest - first.processedOn),
    };
    if (values.json === true) process.stdout.write(`${JSON.stringify(status)}\n`);
    else {
      const rate = (r: number | null): string => (r === null ? "?" : r.toFixed(1));
      process.stderr.write(
        `delib: batch ${batch}: ${status.documents} documents in ${status.jobs} jobs: ${status.waiting} waiting, ${status.active} active, ${status.retrying} retrying, ${status.done} done, ${status.failed} failed; ${rate(status.recentPerSecond)} jobs/s over the last ${Math.min(RECENT_JOBS, finished.length)} done, ${rate(status.overallPerSecond)} jobs/s since the first started\n`,
      );
    }
    return EXIT_OK;
  });
}
