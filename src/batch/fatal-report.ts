/**
 * A reading process's stderr, passed on to delib's own until the process starts dying: V8's fatal report
 * (the last garbage collections, then "FATAL ERROR: …" and a native stack) is kept out of the user's
 * terminal, and its reason line is kept for the failed document instead.
 */
import type { Readable } from "node:stream";

/**
 * Where V8's and Node's fatal reports begin:
 * "<--- Last few GCs --->" (out of memory), "FATAL ERROR: Reached heap limit Allocation failed - JavaScript
 * heap out of memory", "# Fatal error in ../deps/v8/…" (a V8 check failed).
 */
const FATAL_START = /^(?:<--- Last few GCs --->|FATAL ERROR:|#\s*Fatal error\b)/u;
/** "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory": the reason. */
const FATAL_LINE = /^FATAL ERROR: (.+)$/u;
/** "… Allocation failed - JavaScript heap out of memory", "Zone Allocation failed - process out of memory". */
const OUT_OF_MEMORY = /out of memory/iu;

export class FatalReport {
  private pending = "";
  private dying = false;
  /** V8's reason, when the process printed one: "Reached heap limit Allocation failed - JavaScript heap out of memory". */
  reason: string | undefined;

  constructor(stderr: Readable, private readonly write: (text: string) => void) {
    stderr.setEncoding("utf8");
    stderr.on("data", (chunk: string) => this.take(chunk));
    stderr.on("end", () => this.take("\n"));
  }

  /** Whether the process said it ran out of memory before it ended. */
  get outOfMemory(): boolean {
    return this.reason !== undefined && OUT_OF_MEMORY.test(this.reason);
  }

  private take(chunk: string): void {
    const lines = (this.pending + chunk).split("\n");
    this.pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!this.dying && FATAL_START.test(line)) this.dying = true;
      if (!this.dying) {
        this.write(`${line}\n`);
        continue;
      }
      const fatal = FATAL_LINE.exec(line);
      if (fatal?.[1] !== undefined && this.reason === undefined) this.reason = fatal[1].trim();
    }
  }
}
