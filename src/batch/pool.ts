/**
 * Processes that read documents (src/batch/worker.ts), one document per process at a time. A process is
 * also the unit a document can be stopped in: past --timeout, out of memory, or crashing (V8's fatal
 * out-of-memory on one huge allocation, a native fault), its process ends and is replaced, the document
 * fails with the reason, and the batch goes on. Threads could not promise that: V8's fatal errors end the
 * whole process, so a document that caused one ended the batch, and --resume read it again and ended again.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { packageRoot } from "../paths.js";
import type { DocumentLines } from "./lines.js";
import type { ProcessOptions } from "../pipeline.js";
import type { WorkerRequest } from "./worker.js";
import { REPLY_FD, ReplyReader, type WorkerReply } from "./frames.js";
import { MAX_OCR_WORKERS } from "../load/limits.js";
import { FatalReport } from "./fatal-report.js";
import { holdsPdf, PDF_INITIAL_OLD_SPACE_MB } from "./heap.js";

/**
 * The compiled reader, from src/ (tests) and dist/ (CLI) alike: a process runs JavaScript, so tests need
 * `tsc` first (npm test's pretest does it).
 */
export const WORKER_SCRIPT = join(packageRoot, "dist", "batch", "worker.js");

/**
 * JS heap per reading process (MB). Reading the benchmark's documents keeps a reader's heap at ~50 MB
 * (2,000 of them in a row); a document that needs 20 times that fails alone (README "Archive-scale
 * batches") instead of taking the machine's memory (Node's own default would be ~4 GB here). PDF streams
 * are bounded before pdf.js (pdf/inflate-guard.ts).
 */
export const WORKER_HEAP_MB = 1024;

/**
 * V8 flags of readers that fill every core: V8's compiler and garbage collector then run on each reader's
 * own thread instead of helper threads, which would only take time from the other readers (a reader alone
 * on a machine keeps V8's default: its helpers use the idle cores). Measured on 2 cores, 2 readers, runs
 * of each setting interleaved: 300 benchmark PDFs 20.6–21.2 s against 21.9–22.4 s; 10,000 benchmark texts
 * 23.5–23.8 s against 24.1–25.3 s; a 3-page scan OCR'd by tesseract.js (its threads are the reader's),
 * 6.2 s against 6.7 s. `--single-threaded-gc --no-concurrent-recompilation` alone: 21.5–21.8 s on the PDFs.
 */
export const FULL_MACHINE_V8_FLAGS: readonly string[] = ["--single-threaded"];

/**
 * Node flags the readers do not take from delib's own command line: "--inspect=9229" in every reader would
 * fight for delib's debugging port. The rest (--cpu-prof, --require …) apply to the readers too.
 */
const INSPECTOR_FLAG = /^--inspect(?:-brk|-port|-wait)?(?:=|$)/u;

/** How long a closing reader may take to end its OCR engine before it is ended (ms). */
const CLOSE_GRACE_MS = 5_000;
/**
 * Documents a reader holds: the one it reads and the next, sent ahead so that it starts the next as soon as
 * it has sent a reply instead of waiting for the batch's process to hear it and answer. With one each, the
 * readers sat idle between documents (10,000 benchmark texts: each reader's main thread busy 76 % of the
 * run, against 85 % for the threads they replaced).
 */
export const DOCUMENTS_PER_READER = 2;

export interface PoolOptions {
  /** Reading processes, at most: one document each at a time. */
  size: number;
  /** A document still being read after this long (ms) fails and its process is replaced. */
  timeoutMs?: number;
  heapMb?: number;
  /**
   * Readers in a process group of their own, out of reach of a terminal's Ctrl-C: for `delib worker`, which
   * answers SIGINT by finishing the documents in hand (its readers would otherwise die with it, and those
   * documents fail). `extract`'s readers stay in its group: Ctrl-C ends the whole batch at once, and
   * --resume goes on from there.
   */
  ownGroup?: boolean;
}

export interface PoolJob {
  path: string;
  /** The path as records name it, for failure reasons. */
  display: string;
  options: ProcessOptions;
  /** Per-stage milliseconds into documents.jsonl (--timings). */
  timings: boolean;
}

/** A document read (its output lines), or why its process could not give it back (timeout, out of memory, a crash). */
export type PoolOutcome = { lines: DocumentLines } | { failure: string };

interface Sent {
  id: number;
  job: PoolJob;
  resolve: (outcome: PoolOutcome) => void;
}

interface Reader {
  process: ChildProcess;
  report: FatalReport;
  /** Sent to the process, in order: it reads the first, the others wait in it. */
  sent: Sent[];
  /** The first document's --timeout, from when the reader started it. */
  timer: NodeJS.Timeout | undefined;
  lost: boolean;
}

export class DocumentPool {
  private readonly readers: Array<Reader | undefined>;
  private nextId = 0;
  private initialOldSpaceMb: number | undefined;

  constructor(private readonly options: PoolOptions) {
    this.readers = Array.from({ length: options.size }, () => undefined);
  }

  /** Documents the pool takes at once: DOCUMENTS_PER_READER a reader. Callers keep at most this many reads in flight (p-queue). */
  get capacity(): number {
    return this.options.size * DOCUMENTS_PER_READER;
  }

  private get heapMb(): number {
    return this.options.heapMb ?? WORKER_HEAP_MB;
  }

  /**
   * Readers started from now on begin with a larger heap when `paths` hold a PDF (src/batch/heap.ts). Call
   * before the first read: a reader keeps the heap it started with.
   */
  sizeFor(paths: Iterable<string>): void {
    if (this.initialOldSpaceMb === undefined && holdsPdf(paths)) this.initialOldSpaceMb = PDF_INITIAL_OLD_SPACE_MB;
  }

  private spawn(at: number): Reader {
    const ocrWorkers = Math.max(1, Math.floor(MAX_OCR_WORKERS / this.options.size));
    const heap = [`--max-old-space-size=${this.heapMb}`, ...(this.initialOldSpaceMb === undefined ? [] : [`--initial-old-space-size=${this.initialOldSpaceMb}`])];
    const helpers = this.options.size >= availableParallelism() ? FULL_MACHINE_V8_FLAGS : [];
    const child = fork(WORKER_SCRIPT, [String(ocrWorkers)], {
      execArgv: [...process.execArgv.filter((flag) => !INSPECTOR_FLAG.test(flag)), ...heap, ...helpers],
      stdio: ["ignore", "inherit", "pipe", "ipc", "pipe"],
      detached: this.options.ownGroup === true,
    });
    const stderr = child.stderr;
    const replies = child.stdio[REPLY_FD];
    if (stderr === null || replies === null || replies === undefined) throw new Error("Expected a reading process with stderr and reply pipes, got none");
    const reader: Reader = { process: child, report: new FatalReport(stderr, (text) => void process.stderr.write(text)), sent: [], timer: undefined, lost: false };
    const frames = new ReplyReader();
    replies.on("data", (chunk: Buffer) => {
      for (const reply of frames.push(chunk)) this.replied(reader, reply);
    });
    child.on("error", (e) => this.lose(reader, `its reader could not run (${e.message})`));
    // "close", not "exit": V8's last words on stderr are read by then.
    child.on("close", (code, signal) => this.lose(reader, this.lostWhy(reader, code, signal)));
    this.readers[at] = reader;
    return reader;
  }

  /** Why a reader ended before it gave its document back: V8's own words when it said any. */
  private lostWhy(reader: Reader, code: number | null, signal: NodeJS.Signals | null): string {
    if (reader.report.outOfMemory) return `needed more than ${this.heapMb} MB of memory: stopped`;
    const said = reader.report.reason === undefined ? "" : ` (${reader.report.reason})`;
    return signal !== null ? `its reader crashed (${signal})${said}` : `its reader ended with code ${String(code)} before finishing${said}`;
  }

  private startTimer(reader: Reader): void {
    const ms = this.options.timeoutMs;
    if (ms === undefined || reader.sent.length === 0) return;
    reader.timer = setTimeout(() => this.lose(reader, `not read within --timeout ${ms / 1000} s: stopped`), ms);
  }

  private replied(reader: Reader, reply: WorkerReply): void {
    const first = reader.sent[0];
    if (reader.lost || first?.id !== reply.id) return;
    reader.sent.shift();
    clearTimeout(reader.timer);
    // The reader has started the next document it holds.
    this.startTimer(reader);
    first.resolve("lines" in reply ? { lines: reply.lines } : { failure: `${first.job.display}: internal error while processing (${reply.error})` });
  }

  /** The reader is gone (or is ended now): the document it read fails with `why`; those waiting in it go to another reader. */
  private lose(reader: Reader, why: string): void {
    if (reader.lost) return;
    reader.lost = true;
    clearTimeout(reader.timer);
    const at = this.readers.indexOf(reader);
    if (at >= 0) this.readers[at] = undefined;
    reader.process.kill("SIGKILL");
    const [first, ...waiting] = reader.sent;
    reader.sent = [];
    first?.resolve({ failure: `${first.job.display}: ${why}` });
    for (const sent of waiting) this.send(sent);
  }

  private send(sent: Sent): void {
    let at = -1;
    for (let i = 0; i < this.readers.length; i++) {
      const held = this.readers[i]?.sent.length ?? 0;
      if (held < DOCUMENTS_PER_READER && (at < 0 || held < (this.readers[at]?.sent.length ?? 0))) at = i;
    }
    if (at < 0) throw new Error(`Expected at most ${this.capacity} documents in flight, got one more`);
    const reader = this.readers[at] ?? this.spawn(at);
    reader.sent.push(sent);
    if (reader.sent.length === 1) this.startTimer(reader);
    const request: WorkerRequest = { type: "read", id: sent.id, path: sent.job.path, options: sent.job.options, timings: sent.job.timings };
    reader.process.send(request, (e) => {
      if (e !== null) this.lose(reader, `its reader could not be sent the document (${e.message})`);
    });
  }

  /** Reads one document in a reader process. The caller keeps at most `capacity` reads in flight (p-queue). */
  read(job: PoolJob): Promise<PoolOutcome> {
    return new Promise<PoolOutcome>((resolve) => this.send({ id: this.nextId++, job, resolve }));
  }

  /** Ends every reader (after it has ended its OCR engine, or CLOSE_GRACE_MS at most). */
  async close(): Promise<void> {
    await Promise.all(
      this.readers.map(async (reader, at) => {
        this.readers[at] = undefined;
        if (reader === undefined || reader.lost) return;
        reader.lost = true;
        const child = reader.process;
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        const close: WorkerRequest = { type: "close" };
        child.send(close, () => undefined);
        const grace = setTimeout(() => child.kill("SIGKILL"), CLOSE_GRACE_MS);
        await exited;
        clearTimeout(grace);
      }),
    );
  }
}
