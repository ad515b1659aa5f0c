/**
 * A distributed batch in Redis. BullMQ keeps the jobs (one BullMQ queue per batch, named after it, keys
 * under QUEUE_PREFIX); delib keeps, under its own keys (BATCH_PREFIX, apart from BullMQ's), what `collect`
 * needs to write the batch as `extract` would have: the inputs in extract's order, where the workers put
 * their results, and the reading options.
 */
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { OcrMode } from "../load/ocr/choose.js";
import { UsageError } from "../model/usage-error.js";
import { CommandFailure } from "../commands/exit.js";

/** BullMQ's key prefix for delib's queues: `delib:<batch>:wait`, `delib:<batch>:active`… */
export const QUEUE_PREFIX = "delib";
/**
 * delib's own keys: `delib-batch:<batch>` (its meta, a JSON string), `delib-batch:<batch>:inputs` (a list),
 * and BATCH_NAMES, the set of every batch's name.
 */
export const BATCH_PREFIX = "delib-batch";
/**
 * The set of batch names a worker without --batch serves, added to by enqueue, removed from by forget. "."
 * is in no batch name: this key cannot be a batch's meta key (`delib-batch:names` would be batch "names"'s).
 */
export const BATCH_NAMES = `${BATCH_PREFIX}:.names`;
/** Batch names: a BullMQ queue name (no ":") that is also safe in a key, a file name and a SCAN pattern. */
const BATCH_NAME = /^[A-Za-z0-9_-]{1,100}$/u;
/**
 * Keys a SCAN step looks at (its COUNT). Redis's default of 10 would take a round trip per ten keys, and
 * a million-document batch has millions of BullMQ keys to step past; a thousand a step keeps each step
 * well under a millisecond of Redis's time and the whole scan to a few thousand round trips.
 */
const SCAN_COUNT = 1_000;

/**
 * Tries of a job (the first and the retries). A job fails only for a problem outside the document (shared
 * storage not readable at that moment, a result that could not be written); a bad document is a normal
 * result. With BACKOFF_MS doubling, five tries span 2 + 4 + 8 + 16 = 30 s: an NFS server's failover or a
 * remount, not a missing file, which then shows up in collect with its reason.
 */
export const ATTEMPTS = 5;
/** First retry delay (ms), doubled at each retry (BullMQ's exponential backoff). */
export const BACKOFF_MS = 2_000;

/** The options every document job is added with. Completed and failed jobs are kept: status counts them, collect reads a failed one's reason. */
export function jobOptions(attempts = ATTEMPTS, backoffMs = BACKOFF_MS): JobsOptions {
  return { attempts, backoff: { type: "exponential", delay: backoffMs }, removeOnComplete: false, removeOnFail: false };
}

/** How an input is read; the same for every document of a batch. */
export interface ReadOptions {
  format?: string;
  ocr?: OcrMode;
  maxPages?: number;
}

/** One input of the batch, in extract's order: a file to read (its job) or a path given that does not exist. */
export type BatchInput = { display: string; path: string; sha256: string; job: string } | { display: string; missing: string };

export interface BatchMeta {
  /** Where workers write one result file per job (shared storage, an absolute path). */
  results: string;
  options: ReadOptions;
  /** sha256 of the inputs, options and results folder: enqueueing the same batch again must give the same. */
  digest: string;
  inputs: number;
  jobs: number;
}

/** What a job carries: each path holding these bytes (same content under two paths: one job, read once per path). */
export interface DocumentJob {
  inputs: Array<{ path: string; display: string }>;
  /** The sha256 the files had at enqueue, "" when they could not be read then. */
  sha256: string;
}

/** `--batch <name>`, required, a name BATCH_NAME allows. */
export function batchName(raw: string | undefined): string {
  if (raw === undefined) throw new UsageError("Expected --batch <name>, got none");
  if (!BATCH_NAME.test(raw)) throw new UsageError(`Expected --batch to be 1–100 letters, digits, "-" or "_", got "${raw}"`);
  return raw;
}

/** The key of a batch's meta: the one key of the form `delib-batch:<name>`, no further ":". */
export const metaKey = (batch: string): string => `${BATCH_PREFIX}:${batch}`;
/** The key of a batch's inputs list. */
export const inputsKey = (batch: string): string => `${BATCH_PREFIX}:${batch}:inputs`;

/** A batch's jobs by what became of them, as status, forget and the workers count them. */
export interface JobCounts {
  /** Waiting to be taken (BullMQ's waiting and prioritized). */
  waiting: number;
  active: number;
  /** Failed once, waiting for their next try (BullMQ's delayed). */
  retrying: number;
  done: number;
  failed: number;
}

/** Jobs not over: waiting, being read, or waiting to be retried. */
export const notOver = (c: JobCounts): number => c.waiting + c.active + c.retrying;

/** The counts of a batch's queue. */
export async function jobCounts(queue: Queue<DocumentJob>): Promise<JobCounts> {
  const c = await queue.getJobCounts("waiting", "prioritized", "active", "delayed", "completed", "failed");
  return { waiting: (c["waiting"] ?? 0) + (c["prioritized"] ?? 0), active: c["active"] ?? 0, retrying: c["delayed"] ?? 0, done: c["completed"] ?? 0, failed: c["failed"] ?? 0 };
}

/** The queue of a batch, on a connection of the caller's. */
export function batchQueue(batch: string, connection: Redis): Queue<DocumentJob> {
  return new Queue<DocumentJob>(batch, { connection, prefix: QUEUE_PREFIX });
}

export async function readMeta(redis: Redis, batch: string): Promise<BatchMeta | undefined> {
  const raw = await redis.get(metaKey(batch));
  return raw === null ? undefined : (JSON.parse(raw) as BatchMeta);
}

/** Lines of the inputs list read at a time by collect: bounded memory for a million-document batch. */
const INPUTS_PAGE = 10_000;

/**
 * Stores the batch's inputs, then its meta (last: a batch whose meta exists has all its inputs; an
 * enqueue killed before writes them again).
 */
export async function writeBatch(redis: Redis, batch: string, meta: BatchMeta, inputs: readonly BatchInput[]): Promise<void> {
  await redis.del(inputsKey(batch));
  for (let i = 0; i < inputs.length; i += INPUTS_PAGE) {
    await redis.rpush(inputsKey(batch), ...inputs.slice(i, i + INPUTS_PAGE).map((e) => JSON.stringify(e)));
  }
  await redis.set(metaKey(batch), JSON.stringify(meta));
}

/**
 * Adds the batch to BATCH_NAMES, where workers without --batch look for batches. Enqueue calls it once the
 * batch's jobs are all added: a worker finding the batch sees every job of it, so that --exit-when-done
 * does not take a batch being enqueued for one that is over.
 */
export async function registerBatch(redis: Redis, batch: string): Promise<void> {
  await redis.sadd(BATCH_NAMES, batch);
}

/** The batches in BATCH_NAMES (a member that is not a batch name, put there by hand, is left out). */
export async function listedBatches(redis: Redis): Promise<string[]> {
  return (await redis.smembers(BATCH_NAMES)).filter((name) => BATCH_NAME.test(name)).sort();
}

/**
 * The batches whose meta key exists, found by SCAN: batches enqueued before BATCH_NAMES existed are in no
 * set. A SCAN steps through every key of the database (BullMQ's included), so workers do it once, at start.
 */
export async function scannedBatches(redis: Redis): Promise<string[]> {
  const names = new Set<string>();
  for await (const keys of scanKeys(redis, `${BATCH_PREFIX}:*`)) {
    for (const key of keys) {
      const name = key.slice(BATCH_PREFIX.length + 1);
      if (BATCH_NAME.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * The keys matching `pattern`, SCAN_COUNT looked at a step (ioredis's scanStream walks the cursor): a
 * refused SCAN (an ACL, a renamed command) rejects with Redis's ReplyError.
 */
export async function* scanKeys(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  for await (const keys of redis.scanStream({ match: pattern, count: SCAN_COUNT })) yield keys as string[];
}

/** The meta of each batch named, in one round trip; a batch without meta (forgotten, or not enqueued yet) is left out. */
export async function readMetas(redis: Redis, batches: readonly string[]): Promise<Map<string, BatchMeta>> {
  const metas = new Map<string, BatchMeta>();
  if (batches.length === 0) return metas;
  const raw = await redis.mget(...batches.map(metaKey));
  batches.forEach((batch, i) => {
    const text = raw[i];
    if (typeof text === "string") metas.set(batch, JSON.parse(text) as BatchMeta);
  });
  return metas;
}

/** The inputs, in order, a page at a time. */
export async function* readInputs(redis: Redis, batch: string): AsyncGenerator<BatchInput> {
  for (let start = 0; ; start += INPUTS_PAGE) {
    const page = await redis.lrange(inputsKey(batch), start, start + INPUTS_PAGE - 1);
    for (const line of page) yield JSON.parse(line) as BatchInput;
    if (page.length < INPUTS_PAGE) return;
  }
}

/** The meta of a batch the commands after enqueue work on; a CommandFailure (exit 2) when Redis does not know it. */
export async function knownBatch(redis: Redis, batch: string, url: string): Promise<BatchMeta> {
  const meta = await readMeta(redis, batch);
  if (meta === undefined) throw new CommandFailure(`Expected a batch named "${batch}" in Redis at ${url}, got none (delib enqueue <path>... --batch ${batch} first)`);
  return meta;
}
