/**
 * A "decompression bomb" guard for PDFs: a 4 MB file whose one content stream inflates to 4 GB of spaces
 * took pdf.js 4 minutes and 8.7 GB of memory (measured 2026-11-29) before it was read as one empty page.
 * pdf.js inflates in JavaScript into ArrayBuffers, which no thread heap limit bounds. So before pdf.js
 * sees the file, every FlateDecode stream is inflated here (native zlib, output counted, never kept)
 * and the file is refused if one stream, or all of them together, would inflate past the limits.
 */
import { inflateSync, constants } from "node:zlib";

/**
 * Largest stream, inflated (bytes). A page scanned at 600 dpi in colour is ~100 MB raw; content streams
 * of text pages are kilobytes. Past this a stream is a bomb, not a page.
 */
export const MAX_STREAM_INFLATED = 256 * 1024 * 1024;
/** All the streams of one file together, inflated (bytes): a 2,000-page scan at 600 dpi in grey is ~70 GB, but
 * such scans are JPEG (DCTDecode, not inflated here); a file of Flate pages past this is refused. */
export const MAX_DOCUMENT_INFLATED = 2 * 1024 * 1024 * 1024;
/** RFC 1951's limit: a 258-byte match costs at least 2 bits, so deflate inflates at most ~1032 times. */
const DEFLATE_MAX_RATIO = 1032;
/** How far before "stream" its dictionary may start (bytes): stream dictionaries are short. */
const DICTIONARY_LOOKBACK = 2048;

export interface InflateVerdict {
  /** Bytes the Flate streams that had to be inflated inflate to (0 when none could be a bomb). */
  inflated: number;
  /** Why the file is refused; undefined when it is not. */
  refused?: string;
}

const STREAM = Buffer.from("stream");
const END_STREAM = Buffer.from("endstream");
const FLATE = /\/FlateDecode\b/u;
/** A stream with more than one filter ("[/ASCII85Decode /FlateDecode]"): its bytes are not zlib; skipped. */
const FILTER_ARRAY = /\/Filter\s*\[[^\]]*\/\w+[^\]]*\/\w+/u;

/** Inflated size of a zlib stream, or the limit + 1 once it would pass `limit`. Corrupt or encrypted data counts what inflated. */
function inflatedSize(data: Buffer, limit: number): number {
  try {
    return inflateSync(data, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return limit + 1;
    return 0; // not zlib after all (encrypted, another filter first, damaged): pdf.js says what it makes of it
  }
}

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

interface FlateStream {
  /** Offset of its "stream" keyword. */
  at: number;
  data: Buffer;
}

/** The file's FlateDecode streams (single filter), found by their "stream" … "endstream" keywords. */
function flateStreams(buf: Buffer): FlateStream[] {
  const found: FlateStream[] = [];
  for (let at = buf.indexOf(STREAM); at >= 0; at = buf.indexOf(STREAM, at + STREAM.length)) {
    // "endstream" contains "stream": skip it.
    if (at >= 3 && buf.toString("latin1", at - 3, at) === "end") continue;
    let start = at + STREAM.length;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a) continue; // "stream" not at the end of a line: a word in a string, not a stream
    start++;
    const dictionary = buf.toString("latin1", Math.max(0, at - DICTIONARY_LOOKBACK), at);
    const open = dictionary.lastIndexOf("<<");
    const head = open < 0 ? dictionary : dictionary.slice(open);
    const end = buf.indexOf(END_STREAM, start);
    const stop = end < 0 ? buf.length : end;
    if (FLATE.test(head) && !FILTER_ARRAY.test(head)) found.push({ at, data: buf.subarray(start, stop) });
    at = stop;
  }
  return found;
}

/**
 * Counts what the file's Flate streams inflate to; says why it is refused when past a limit. Deflate cannot
 * inflate more than DEFLATE_MAX_RATIO times, so a stream too short to pass the stream limit is not inflated,
 * and none is when the whole file is too short to pass the document limit (a text PDF of 30 pages: ~1 MB of
 * streams against 2 MB): only what could be a bomb costs the time of inflating it.
 */
export function checkInflatedSize(bytes: Uint8Array, maxStream = MAX_STREAM_INFLATED, maxDocument = MAX_DOCUMENT_INFLATED): InflateVerdict {
  const streams = flateStreams(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const bound = streams.reduce((n, s) => n + s.data.length * DEFLATE_MAX_RATIO, 0);
  let inflated = 0;
  for (const [i, s] of streams.entries()) {
    if (bound <= maxDocument && s.data.length * DEFLATE_MAX_RATIO <= maxStream) continue;
    const room = maxDocument - inflated;
    const size = inflatedSize(s.data, Math.min(maxStream, room));
    if (size > maxStream) return { inflated: inflated + size, refused: `Expected each stream to inflate to at most ${mb(maxStream)}, got one (stream ${i + 1}, at byte ${s.at}) inflating past that: a decompression bomb, not read` };
    if (size > room) return { inflated: inflated + size, refused: `Expected the streams to inflate to at most ${mb(maxDocument)} together, got more (${i + 1} streams): a decompression bomb, not read` };
    inflated += size;
  }
  return { inflated };
}
