/**
 * The worker side of a distributed batch: a BullMQ worker whose jobs are read through the same DocumentPool
 * as `extract` (reading processes, --timeout, the heap cap), each result stored as the DocumentLines extract would
 * have written for it.
 */
import { access, constants, mkdir } from "node:fs/promises";
import PQueue from "p-queue";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { DocumentPool } from "../batch/pool.js";
import { linesOfOutcome } from "../batch/failed.js";
import { QUEUE_PREFIX, type BatchMeta, type DocumentJob } from "./batch.js";
import { writeResult, type JobResult } from "./results.js";

/**
 * A job stalled (its worker stopped renewing its lock: killed, its machine gone) this many times fails for
 * good. A document that kills whatever process reads it (V8's fatal out-of-memory on one huge allocation,
 * README "Archive-scale batches") would otherwise take down every worker in turn; twice tells it from a
 * worker killed by an operator or a machine lost.
 */
export const MAX_STALLED_COUNT = 2;
/**
 * Default lock of a job (s): a worker that stops renewing it (killed) leaves its jobs to others after this
 * and one or two stalled checks (every half of it). Documents are read in reading processes, so the worker's own
 * event loop stays free to renew the lock every half of it even while reading; 10 s lets a killed worker's
 * documents wait ~20 s at most, far above a loaded machine's event-loop pauses.
 */
export const DEFAULT_LOCK_S = 10;
/**
 * Jobs a worker holds per reader: one being read, one fetched and waiting. With one, each reader (then a thread) sat
 * idle while its job's result was written and Redis was asked for the next (5,000 text documents, one worker
 * process with one thread: 1.01 cores busy; two such processes on 2 cores: 80 % each).
 */
export const JOBS_PER_READER = 2;

/**
 * Where a worker's documents are read, whatever their batch: one DocumentPool and one queue of reads in
 * front of it, so that `concurrency` bounds the documents read at once by the worker process as a whole.
 */
export class Reading {
  readonly pool: DocumentPool;
  /** The pool reads `concurrency` documents at once; the jobs held beyond its capacity wait here for a reader. */
  readonly reads: PQueue;

  constructor(concurrency: number, timeoutMs: number) {
    this.pool = new DocumentPool({ size: concurrency, timeoutMs, ownGroup: true });
    this.reads = new PQueue({ concurrency: this.pool.capacity });
  }

  /** Ends the pool's readers; once every consumer reading through it is closed. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}

export interface ConsumeOptions {
  batch: string;
  meta: BatchMeta;
  connection: Redis;
  reading: Reading;
  /** Jobs held at once (fetched from Redis, locked): JOBS_PER_READER per reader for a worker of one batch. */
  jobs: number;
  lockMs: number;
  /** Told each job that failed (it is retried while attempts are left). */
  onFailed?: (job: string, reason: string, willRetry: boolean) => void;
  onError?: (e: Error) => void;
}

export interface Consumer {
  worker: Worker<DocumentJob>;
  /** Waits for the jobs in hand to be done, then lets go of the queue (the Reading stays open). */
  close(): Promise<void>;
}

/** A job's data comes from Redis: checked before it is trusted. */
function checkJob(data: unknown): DocumentJob {
  const d = data as Partial<DocumentJob> | null;
  if (d === null || typeof d !== "object" || typeof d.sha256 !== "string" || !Array.isArray(d.inputs) || d.inputs.some((i) => typeof i?.path !== "string" || typeof i.display !== "string")) {
    throw new UnrecoverableError(`Expected a job of {inputs: [{path, display}], sha256}, got ${JSON.stringify(data)}`);
  }
  return d as DocumentJob;
}

/** Makes the batch's results folder, where its consumer writes: before consume(). */
export async function prepareResults(meta: BatchMeta): Promise<void> {
  await mkdir(meta.results, { recursive: true });
}

/** A BullMQ worker on the batch's queue, taking jobs at once; its documents are read through `reading`. */
export function consume(options: ConsumeOptions): Consumer {
  const { meta, reading } = options;
  const processor = async (job: Job<DocumentJob>): Promise<void> => {
    const data = checkJob(job.data);
    const id = job.id;
    if (id === undefined) throw new UnrecoverableError("Expected a job with an id, got none");
    const result: JobResult = { documents: [] };
    for (const input of data.inputs) {
      // Shared storage that does not answer now is a job failure, retried later; a file unreadable at
      // enqueue already (sha256 "") is read as extract reads it, and fails as extract reports it.
      if (data.sha256 !== "") await access(input.path, constants.R_OK);
      // Before the pool's readers exist, when the first documents are PDFs (a batch of PDFs): as extract does.
      reading.pool.sizeFor([input.path]);
      const outcome = await reading.reads.add(async () => reading.pool.read({ path: input.path, display: input.display, options: { ...meta.options, displayPath: input.display }, timings: false }));
      const lines = linesOfOutcome(outcome, input.path, input.display, false);
      // Failed, and the file no longer answers: the storage went away while it was read, not a bad document (retried).
      if (data.sha256 !== "" && lines.done.status === "failed") await access(input.path, constants.R_OK);
      result.documents.push({ display: input.display, lines });
    }
    await writeResult(meta.results, id, result);
  };
  const worker = new Worker<DocumentJob>(options.batch, processor, {
    connection: options.connection,
    prefix: QUEUE_PREFIX,
    concurrency: options.jobs,
    lockDuration: options.lockMs,
    stalledInterval: Math.max(1, Math.floor(options.lockMs / 2)),
    maxStalledCount: MAX_STALLED_COUNT,
  });
  worker.on("failed", (job, error) => {
    if (job === undefined) return;
    options.onFailed?.(job.id ?? "?", error.message, job.attemptsMade < (job.opts.attempts ?? 1));
  });
  worker.on("error", (e) => options.onError?.(e));
  return {
    worker,
    async close() {
      await worker.close();
    },
  };
}
