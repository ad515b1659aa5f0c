/**
 * The starting size of each reading process's old generation when a batch holds PDFs. V8 starts a heap
 * small and collects it whole (mark-compact) each time it outgrows its limit; pdf.js makes new closures
 * for every page, whose optimised code V8 keeps only while one of them lives, so each full collection
 * sends them back through the compiler (`--trace-opt`: the same functions compiled again right after
 * each Mark-Compact). A larger start means far fewer full collections while a reader warms up and reads.
 *
 * Measured on 300 benchmark PDFs (5–40 pages), 2 readers (then threads), `/usr/bin/time`:
 *   default         21.0–21.8 s, 39–41 s of CPU, peak RSS 406–420 MB
 *   128 MB          19.3 s, 35.9 s of CPU, 454 MB
 *   192 MB          18.4 s, 33.9 s of CPU, 573 MB
 *   256 MB          18.0–18.7 s, 32.9–34.2 s of CPU, 709–713 MB
 * 192 MB keeps most of the gain for a third of 256's memory. Text batches gain nothing from it (10,000
 * benchmark texts: 20.8–21.0 s either way) and their peak RSS would grow past 400 MB (463 MB at 128):
 * only a batch holding a PDF gets it.
 */
import { extname } from "node:path";

export const PDF_INITIAL_OLD_SPACE_MB = 192;

/** Files read through pdf.js: their extension says so (the loader sniffs their bytes; the extension is enough to size heaps by). */
const PDF_EXTENSIONS: ReadonlySet<string> = new Set([".pdf"]);

/** Whether `paths` hold a PDF, whose readers start with PDF_INITIAL_OLD_SPACE_MB of old generation. */
export function holdsPdf(paths: Iterable<string>): boolean {
  for (const p of paths) if (PDF_EXTENSIONS.has(extname(p).toLowerCase())) return true;
  return false;
}
