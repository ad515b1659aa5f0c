/**
 * The whole lines of a file, one at a time, read a chunk at a time: a batch's deliberations.jsonl reaches
 * gigabytes (35 KB a document on the benchmark set: 1.1 GB at 31,000 documents), past what one string can
 * hold (V8: 2^29 − 24 characters) and what a resumed run should keep in memory.
 */
import { closeSync, existsSync, openSync, readSync } from "node:fs";

/** Bytes read at a time: large enough that a read is cheap, small enough to be nothing in memory. */
export const CHUNK_BYTES = 1 << 20;

const NEWLINE = 0x0a;

/**
 * Each line ending in "\n", without it, decoded as UTF-8 (a "\n" byte is never inside a multi-byte character,
 * so cutting at it never cuts a character). A last line without its "\n" was cut by a kill: not given. A
 * missing file has no lines. The file is open while the lines are asked for. `onCut` is told the cut line.
 */
export function* wholeLines(file: string, chunkBytes = CHUNK_BYTES, onCut?: (text: string) => void): Generator<string, void, undefined> {
  if (!existsSync(file)) return;
  const fd = openSync(file, "r");
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    // The start of a line begun in an earlier chunk (a record longer than a chunk spans several).
    let pending: Buffer[] = [];
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkBytes, null);
      if (n === 0) {
        // What is left in `pending` had no "\n": cut, dropped (told to `onCut`).
        if (pending.length > 0) onCut?.(Buffer.concat(pending).toString("utf8"));
        return;
      }
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE, 0); nl !== -1 && nl < n; nl = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, nl);
        const line = pending.length === 0 ? piece.toString("utf8") : Buffer.concat([...pending, piece]).toString("utf8");
        pending = [];
        start = nl + 1;
        yield line;
      }
      // Copied: the chunk is read into again.
      if (start < n) pending.push(Buffer.from(chunk.subarray(start, n)));
    }
  } finally {
    closeSync(fd);
  }
}
