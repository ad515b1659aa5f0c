/**
 * Reaching Redis for a distributed batch. ioredis retries a connection for ever by default: a command
 * given a wrong URL would hang. Every command therefore first connects once, without retrying, within
 * CONNECT_TIMEOUT_MS, and answers a PING within PING_TIMEOUT_MS; past either it stops with one line
 * naming the URL (exit code 2). Only then does it make the connections it works with.
 */
import { Redis } from "ioredis";
import { CommandFailure } from "../commands/exit.js";

/**
 * How long the first connection may take (ms). A Redis on the same network answers in milliseconds; 3 s
 * leave room for a loaded machine or a slow VPN while a wrong host still fails well under the few seconds
 * a user waits for a typo to be reported.
 */
export const CONNECT_TIMEOUT_MS = 3_000;
/** How long the first PING may take once connected (ms): a Redis still loading its data answers with an error, not silence. */
export const PING_TIMEOUT_MS = 2_000;
/**
 * How long a closed connection's socket may linger before it is destroyed (ms). ioredis waits 2 s by
 * default, which a command that has failed (or finished) would spend doing nothing before exiting.
 */
const DISCONNECT_TIMEOUT_MS = 100;
/** Where Redis is when neither --redis nor DELIB_REDIS_URL says: the local default port. */
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/** Redis could not be reached: the CLI prints the message and exits with code 2. */
export class RedisUnreachable extends CommandFailure {}

/** --redis, else $DELIB_REDIS_URL, else the local default. */
export function redisUrl(given: string | undefined): string {
  return given ?? process.env["DELIB_REDIS_URL"] ?? DEFAULT_REDIS_URL;
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function validUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUnreachable(`Expected --redis to be a redis:// or rediss:// URL, got "${url}"`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw new RedisUnreachable(`Expected --redis to be a redis:// or rediss:// URL, got "${url}"`);
}

/**
 * A client for short commands (enqueue, collect, status): connected and answering, never retrying (a
 * Redis lost mid-command fails that command instead of hanging it). Throws RedisUnreachable.
 */
export async function connectOnce(url: string): Promise<Redis> {
  validUrl(url);
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  });
  // connect() rejects with "Connection is closed."; the "error" event says why (ECONNREFUSED, ENOTFOUND…).
  let cause: Error | undefined;
  client.on("error", (e: Error) => (cause ??= e));
  try {
    await withDeadline(client.connect(), CONNECT_TIMEOUT_MS, "connection");
    const pong = await withDeadline(client.ping(), PING_TIMEOUT_MS, "answer to PING");
    if (pong !== "PONG") throw new Error(`PING answered "${pong}"`);
  } catch (e) {
    client.disconnect();
    const why = cause ?? e;
    throw new RedisUnreachable(`Expected Redis to answer at ${url}, got ${why instanceof Error ? why.message || why.name : String(why)}`);
  }
  return client;
}

/**
 * The worker's connection, once connectOnce has shown Redis is there. `maxRetriesPerRequest: null` is what
 * BullMQ requires of a worker's connections (its blocking commands wait for jobs): if Redis restarts later,
 * the worker waits and reconnects instead of failing its jobs.
 */
export function workerConnection(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: CONNECT_TIMEOUT_MS });
  return client;
}

/** Closes a client politely (QUIT, the socket then closes at once), or drops it when Redis is gone. */
export async function closeClient(client: Redis): Promise<void> {
  await client.quit().catch(() => client.disconnect());
}
