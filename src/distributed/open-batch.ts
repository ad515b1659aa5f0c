/**
 * What status, collect and forget each do first and last: connect to Redis once (exit 2 when it is not there),
 * open the batch's queue, check that Redis knows the batch, and let go of both whatever happens.
 */
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { batchQueue, knownBatch, type BatchMeta, type DocumentJob } from "./batch.js";
import { closeClient, connectOnce } from "./redis.js";

export interface OpenBatch {
  redis: Redis;
  queue: Queue<DocumentJob>;
  meta: BatchMeta;
}

export async function withBatch<T>(url: string, batch: string, work: (b: OpenBatch) => Promise<T>): Promise<T> {
  const redis = await connectOnce(url);
  const queue = batchQueue(batch, redis);
  try {
    const meta = await knownBatch(redis, batch, url);
    return await work({ redis, queue, meta });
  } finally {
    await queue.close();
    await closeClient(redis);
  }
}
