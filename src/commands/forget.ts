import { parseArgs } from "node:util";
import type { Redis } from "ioredis";
import { BATCH_NAMES, batchName, inputsKey, jobCounts, metaKey, notOver, QUEUE_PREFIX, scanKeys } from "../distributed/batch.js";
import { withBatch } from "../distributed/open-batch.js";
import { redisUrl } from "../distributed/redis.js";
import { CommandFailure, EXIT_OK } from "./exit.js";
import { parseCommand } from "./options.js";

const USAGE = `Usage: delib forget --batch <name> [--redis <url>] [--force] [--quiet]

  --batch <name>  the batch whose keys to remove from Redis, once collected (delib collect --batch <name>)
  --redis <url>   redis://host:port[/db] (default: $DELIB_REDIS_URL, else redis://127.0.0.1:6379)
  --force         remove them even while jobs are waiting, active or waiting to be retried (those jobs are dropped)
  --quiet         no line on stderr

Removes BullMQ's keys of the batch (${QUEUE_PREFIX}:<name>:*: its jobs, done and failed included), delib's own (the stored inputs and options)
and its name from the set workers without --batch read; the result files are left where they are. Status, collect and workers know the batch
no more; stop the workers started with --batch <name> first. Exit codes: 0 removed, 2 usage error, Redis unreachable, unknown batch, or jobs
not over (without --force).`;

export const FORGET_USAGE = USAGE;

/** Keys deleted by obliterate in one call: bounded commands for a batch of millions of jobs. */
const DELETE_CHUNK = 1_000;

/** The keys left under the batch's BullMQ prefix, removed (what obliterate does not know of, or a worker wrote meanwhile); how many. */
async function sweep(redis: Redis, batch: string): Promise<number> {
  let removed = 0;
  // Batch names hold no glob character ([A-Za-z0-9_-]): the pattern is the batch's keys and no other's.
  // Each step's keys (SCAN_COUNT looked at) are deleted in one command.
  for await (const keys of scanKeys(redis, `${QUEUE_PREFIX}:${batch}:*`)) if (keys.length > 0) removed += await redis.del(...keys);
  return removed;
}

/** `delib forget --batch <name>`: argv without the command word. */
export async function forgetCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    () =>
      parseArgs({
        args: argv,
        options: {
          batch: { type: "string" },
          redis: { type: "string" },
          force: { type: "boolean" },
          quiet: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
      }),
    USAGE,
  );
  if (parsed === undefined) return EXIT_OK;
  const { values } = parsed;
  const batch = batchName(values.batch);
  const url = redisUrl(values.redis);

  return withBatch(url, batch, async ({ redis, queue, meta }) => {
    const c = await jobCounts(queue);
    if (notOver(c) > 0 && values.force !== true) {
      throw new CommandFailure(
        `Expected batch "${batch}" to have no job waiting, active or waiting to be retried, got ${c.waiting} waiting, ${c.active} active, ${c.retrying} retrying (delib status --batch ${batch}; --force to forget it all the same)`,
      );
    }
    // Its name first, its meta last: a forget stopped half-way leaves the meta, and is run again.
    await redis.srem(BATCH_NAMES, batch);
    await queue.obliterate({ force: true, count: DELETE_CHUNK });
    // A Redis refusing SCAN (an ACL, a renamed command): obliterate's removal stands alone.
    const leftovers = await sweep(redis, batch).catch((e: Error) => {
      if (e.name !== "ReplyError") throw e;
      return 0;
    });
    // UNLINK: a million inputs are freed by Redis in the background instead of blocking it.
    await redis.unlink(inputsKey(batch));
    await redis.del(metaKey(batch));
    if (values.quiet !== true) {
      const jobs = notOver(c) + c.done + c.failed;
      process.stderr.write(
        `delib: batch ${batch} forgotten in ${url}: ${jobs} jobs (${c.done} done, ${c.failed} failed${notOver(c) > 0 ? `, ${notOver(c)} not over` : ""}) and ${meta.inputs} inputs removed${leftovers > 0 ? `, ${leftovers} other keys` : ""}; results kept in ${meta.results}\n`,
      );
    }
    return EXIT_OK;
  });
}
