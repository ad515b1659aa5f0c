/**
 * What a `delib worker` serves: one batch (--batch), or every batch in Redis. Each batch with work gets a
 * BullMQ worker of its own (its queue, its meta's results folder and read options), and all of them read
 * through one Reading (one DocumentPool, one queue of reads): --concurrency bounds the documents read at
 * once by the process, whatever the number of batches.
 *
 * Serving every batch, a look (BatchServer.look, made by the worker command every ALL_BATCHES_POLL_MS)
 * reads the set of batch names, and each batch's counts: a batch with jobs waiting, active or to be retried
 * gets a consumer, one with none left has its consumer closed (a worker on a finished batch would only
 * poll Redis), and the jobs held are shared among the batches that have jobs to take.
 */
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { batchQueue, jobCounts, listedBatches, notOver, readMetas, type BatchMeta, type DocumentJob, type JobCounts } from "./batch.js";
import { consume, JOBS_PER_READER, prepareResults, Reading, type Consumer } from "./consume.js";

/**
 * How often a worker serving every batch looks at them (ms): new batch names, which batches have jobs,
 * whether all are over (--exit-when-done). A look is one SMEMBERS, one MGET and one count per batch; every
 * 2 s, a hundred batches kept in Redis make ~150 small commands a second per worker, nothing to Redis, and a
 * batch enqueued waits 2 s at most before being served, nothing to a batch.
 */
export const ALL_BATCHES_POLL_MS = 2_000;

export interface ServeOptions {
  /** The worker's connection (retrying for ever, as BullMQ's workers require), shared by the queues and consumers. */
  connection: Redis;
  concurrency: number;
  timeoutMs: number;
  lockMs: number;
  /** --batch: that batch only, served from the start whatever its jobs. Without it, every batch in Redis. */
  only?: { batch: string; meta: BatchMeta };
  /** Batches found by SCAN at start (enqueued before the set of names existed): served as those of the set. */
  found?: readonly string[];
  /** Told when a batch gets a consumer. */
  onServe?: (batch: string, meta: BatchMeta) => void;
  onCompleted?: (batch: string) => void;
  onFailed?: (batch: string, job: string, reason: string, willRetry: boolean) => void;
  onError?: (batch: string, e: Error) => void;
}

/** What a look found. */
export interface Look {
  /** Batches known (with their meta). */
  batches: number;
  /** Jobs waiting, active or waiting to be retried, over every batch known: 0 when all are over. */
  pending: number;
}

export class BatchServer {
  private readonly reading: Reading;
  private readonly consumers = new Map<string, Consumer>();
  private readonly queues = new Map<string, Queue<DocumentJob>>();
  private readonly found: Set<string>;
  /** Consumers being closed (their jobs in hand finishing): close() waits for them too. */
  private readonly lettingGo = new Set<Promise<void>>();
  private closing = false;

  constructor(private readonly options: ServeOptions) {
    this.reading = new Reading(options.concurrency, options.timeoutMs);
    this.found = new Set(options.found ?? []);
  }

  /** Jobs a batch's worker holds when it is the only one with jobs to take: JOBS_PER_READER per reader. */
  private get fullShare(): number {
    return this.options.concurrency * JOBS_PER_READER;
  }

  /** --batch: its consumer, at once (the batch is served until the worker stops, as before there were many). */
  async start(): Promise<void> {
    const only = this.options.only;
    if (only !== undefined) await this.serve(only.batch, only.meta, this.fullShare);
  }

  private queue(batch: string): Queue<DocumentJob> {
    let queue = this.queues.get(batch);
    if (queue === undefined) {
      queue = batchQueue(batch, this.options.connection);
      // Counting is asked again at the next look after a failure: BullMQ would print the error.
      queue.on("error", () => undefined);
      this.queues.set(batch, queue);
    }
    return queue;
  }

  private async serve(batch: string, meta: BatchMeta, jobs: number): Promise<void> {
    await prepareResults(meta);
    // Checked after the await and before the worker exists: no consumer is started once close() has begun.
    if (this.closing || this.consumers.has(batch)) return;
    const { onCompleted, onFailed, onError } = this.options;
    const consumer = consume({
      batch,
      meta,
      connection: this.options.connection,
      reading: this.reading,
      jobs,
      lockMs: this.options.lockMs,
      onFailed: (job, reason, willRetry) => onFailed?.(batch, job, reason, willRetry),
      onError: (e) => onError?.(batch, e),
    });
    consumer.worker.on("completed", () => onCompleted?.(batch));
    this.consumers.set(batch, consumer);
    this.options.onServe?.(batch, meta);
  }

  /** Closes the batch's consumer, if it has one, without holding up the look: close() waits for it. */
  private letGo(batch: string): void {
    const consumer = this.consumers.get(batch);
    if (consumer === undefined) return;
    this.consumers.delete(batch);
    const closed: Promise<void> = consumer
      .close()
      .catch((e: unknown) => this.options.onError?.(batch, e instanceof Error ? e : new Error(String(e))))
      .finally(() => this.lettingGo.delete(closed));
    this.lettingGo.add(closed);
  }

  /** Counts the jobs of each batch known; serving every batch, starts and stops consumers accordingly. */
  async look(): Promise<Look> {
    const only = this.options.only;
    let metas: Map<string, BatchMeta>;
    if (only !== undefined) metas = new Map([[only.batch, only.meta]]);
    else {
      const names = new Set([...this.found, ...(await listedBatches(this.options.connection))]);
      metas = await readMetas(this.options.connection, [...names]);
      // Forgotten (delib forget): nothing of it is left to serve.
      for (const name of names) {
        if (metas.has(name)) continue;
        this.found.delete(name);
        this.letGo(name);
        const queue = this.queues.get(name);
        this.queues.delete(name);
        await queue?.close();
      }
    }
    const batches = [...metas.keys()];
    const counts = await Promise.all(batches.map(async (batch) => jobCounts(this.queue(batch))));
    const toTake = (c: JobCounts): number => c.waiting + c.retrying;
    const pending = counts.map(notOver);
    if (only === undefined && !this.closing) {
      // The jobs held are shared among the batches with jobs to take; one with only jobs being read (by this
      // worker or another) keeps a consumer holding one, whose stalled-job check takes back a killed worker's.
      const taking = counts.filter((c) => toTake(c) > 0).length;
      const share = Math.ceil(this.fullShare / Math.max(1, taking));
      for (const [i, batch] of batches.entries()) {
        const meta = metas.get(batch);
        const c = counts[i];
        if (meta === undefined || c === undefined) continue;
        const jobs = toTake(c) > 0 ? share : 1;
        const consumer = this.consumers.get(batch);
        if ((pending[i] ?? 0) === 0) this.letGo(batch);
        else if (consumer === undefined) await this.serve(batch, meta, jobs);
        else consumer.worker.concurrency = jobs;
      }
    }
    return { batches: batches.length, pending: pending.reduce((a, b) => a + b, 0) };
  }

  /** Batches with a consumer now. */
  served(): string[] {
    return [...this.consumers.keys()];
  }

  /** Finishes the jobs in hand of every batch, then lets go of the queues and ends the readers. */
  async close(): Promise<void> {
    this.closing = true;
    for (const batch of [...this.consumers.keys()]) this.letGo(batch);
    await Promise.all([...this.lettingGo]);
    await Promise.all([...this.queues.values()].map(async (queue) => queue.close()));
    this.queues.clear();
    await this.reading.close();
  }
}
