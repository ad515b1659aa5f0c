/**
 * Progress on stderr while a batch runs. On a terminal: one bar redrawn in place, with documents/s,
 * pages/s and the time left. Otherwise (a log file, CI): one line every PROGRESS_LINE_EVERY documents.
 * Either way a failed document is named on its own line when it fails, with its reason.
 */
import type { DocumentDone } from "./lines.js";

/** Documents between two progress lines without a terminal: ~a line a second at text speed, few in a log. */
export const PROGRESS_LINE_EVERY = 100;
/** The bar is redrawn at most this often (ms): redrawing per document would cost more than small documents. */
const REDRAW_MS = 100;
/** Characters of the bar itself. */
const BAR_WIDTH = 24;

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export class Progress {
  private readonly started: number;
  private pages = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** The numbers of the progress line after `done` of `total` documents. */
  line(done: number, total: number): string {
    const seconds = (this.now() - this.started) / 1000;
    const docsPerSecond = seconds > 0 ? done / seconds : 0;
    const pagesPerSecond = seconds > 0 ? this.pages / seconds : 0;
    const eta = docsPerSecond > 0 ? duration((total - done) / docsPerSecond) : "?";
    return `${done}/${total} documents · ${docsPerSecond.toFixed(1)} documents/s · ${pagesPerSecond.toFixed(1)} pages/s · ${duration(seconds)} elapsed · ETA ${eta}`;
  }

  /** A document was written (in input order). */
  document(r: DocumentDone, done: number, total: number): void {
    this.pages += r.pages;
    const tty = this.stream.isTTY === true;
    if (r.status === "failed") {
      this.clear();
      this.stream.write(`delib: failed ${r.reason ?? r.path}\n`);
    }
    if (tty) {
      const t = this.now();
      if (done === total || t - this.lastDraw >= REDRAW_MS || !this.drawn) {
        this.lastDraw = t;
        this.draw(done, total);
      }
    } else if (done % PROGRESS_LINE_EVERY === 0 || done === total) {
      this.stream.write(`delib: ${this.line(done, total)}\n`);
    }
  }

  /** Leaves the terminal line free for what comes next (the summary). */
  end(): void {
    if (this.drawn) this.stream.write("\n");
    this.drawn = false;
  }

  private draw(done: number, total: number): void {
    const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
    const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
    const text = `${bar} ${this.line(done, total)}`;
    const width = this.stream.columns ?? 120;
    this.stream.write(`\r${text.slice(0, width - 1)}\u001b[K`);
    this.drawn = true;
  }

  private clear(): void {
    if (this.drawn) this.stream.write("\r\u001b[K");
    this.drawn = false;
  }
}
