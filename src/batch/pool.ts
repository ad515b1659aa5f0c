/**
 * Worker threads that read documents (src/batch/worker.ts), one document per thread at a time. A thread
 * is also the unit a document can be stopped in: past --timeout, or out of memory, its thread is ended
 * and replaced, and the document fails with the reason; the batch goes on.
 */
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import type { DocumentLines } from "./lines.js";
import type { ProcessOptions } from "../pipeline.js";
import type { WorkerRequest, WorkerSetup } from "./worker.js";
import { MAX_OCR_WORKERS } from "../load/limits.js";

/**
 * The compiled worker, from src/ (tests) and dist/ (CLI) alike: a thread runs JavaScript, so tests need
 * `tsc` first (npm test's pretest does it).
 */
export const WORKER_SCRIPT = join(packageRoot, "dist", "batch", "worker.js");

/**
 * JS heap per document thread (MB). Reading the benchmark's documents keeps a thread's heap at ~50 MB
 * (2,000 of them in a row); a document that needs 20 times that fails alone, when V8 can refuse the
 * allocation gracefully (README "Archive-scale batches"), instead of taking the machine's memory (Node's
 * own default would be ~4 GB per thread here). PDF streams are bounded before pdf.js (pdf/inflate-guard.ts).
 */
export const WORKER_HEAP_MB = 1024;

/** How long a closing thread may take to end its OCR engine before it is ended (ms). */
const CLOSE_GRACE_MS = 5_000;

export interface PoolOptions {
  /** Threads, at most: one document each at a time. */
  size: number;
  /** A document still being read after this long (ms) fails and its thread is replaced. */
  timeoutMs?: number;
  heapMb?: number;
}

export interface PoolJob {
  path: string;
  /** The path as records name it, for failure reasons. */
  display: string;
  options: ProcessOptions;
  /** Per-stage milliseconds into documents.jsonl (--timings). */
  timings: boolean;
}

/** A document read (its output lines), or why its thread could not give it back (timeout, out of memory, a crash). */
export type PoolOutcome = { lines: DocumentLines } | { failure: string };

type Reply = { id: number; lines: DocumentLines } | { id: number; error: string };

interface Slot {
  worker: Worker | undefined;
  busy: boolean;
}

export class DocumentPool {
  private readonly slots: Slot[];
  private nextId = 0;

  constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: options.size }, () => ({ worker: undefined, busy: false }));
  }

  private spawn(slot: Slot): Worker {
    const setup: WorkerSetup = { ocrWorkers: Math.max(1, Math.floor(MAX_OCR_WORKERS / this.options.size)) };
    const worker = new Worker(WORKER_SCRIPT, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? WORKER_HEAP_MB } });
    // Between documents nothing listens; a thread that dies then is simply replaced by the next job.
    worker.on("error", () => undefined);
    worker.once("exit", () => {
      if (slot.worker === worker) slot.worker = undefined;
    });
    slot.worker = worker;
    return worker;
  }

  /** Reads one document in an idle thread. The caller keeps at most `size` reads in flight (p-queue). */
  read(job: PoolJob): Promise<PoolOutcome> {
    const slot = this.slots.find((s) => !s.busy);
    if (slot === undefined) throw new Error(`Expected at most ${this.slots.length} documents in flight, got one more`);
    slot.busy = true;
    const worker = slot.worker ?? this.spawn(slot);
    const id = this.nextId++;
    return new Promise<PoolOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (outcome: PoolOutcome, threadLost: boolean): void => {
        if (timer !== undefined) clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (threadLost) {
          slot.worker = undefined;
          void worker.terminate();
        }
        slot.busy = false;
        resolve(outcome);
      };
      const onMessage = (reply: Reply): void => {
        if (reply.id !== id) return;
        if ("lines" in reply) settle({ lines: reply.lines }, false);
        else settle({ failure: `${job.display}: internal error while processing (${reply.error})` }, false);
      };
      const onError = (e: Error & { code?: string }): void => {
        const why = e.code === "ERR_WORKER_OUT_OF_MEMORY" ? `needed more than ${this.options.heapMb ?? WORKER_HEAP_MB} MB of memory: stopped` : `its reader crashed (${e.message})`;
        settle({ failure: `${job.display}: ${why}` }, true);
      };
      const onExit = (code: number): void => settle({ failure: `${job.display}: its reader ended with code ${code} before finishing` }, true);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      if (this.options.timeoutMs !== undefined) {
        const ms = this.options.timeoutMs;
        timer = setTimeout(() => settle({ failure: `${job.display}: not read within --timeout ${ms / 1000} s: stopped` }, true), ms);
      }
      const request: WorkerRequest = { type: "read", id, path: job.path, options: job.options, timings: job.timings };
      worker.postMessage(request);
    });
  }

  /** Ends every thread (after it has ended its OCR engine, or CLOSE_GRACE_MS at most). */
  async close(): Promise<void> {
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        slot.worker = undefined;
        if (worker === undefined) return;
        const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
        const close: WorkerRequest = { type: "close" };
        worker.postMessage(close);
        const grace = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
        await exited;
        clearTimeout(grace);
      }),
    );
  }
}
