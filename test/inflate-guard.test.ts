import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { packageRoot } from "../src/paths.js";
import { checkInflatedSize } from "../src/load/pdf/inflate-guard.js";

const MB = 1024 * 1024;

/** A PDF-like file holding one Flate stream per size given (MB of spaces each). */
function withStreams(...sizesMb: number[]): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  sizesMb.forEach((size, i) => {
    const z = deflateSync(Buffer.alloc(size * MB, 0x20), { level: 9 });
    parts.push(Buffer.from(`${i + 4} 0 obj << /Length ${z.length} /Filter /FlateDecode >> stream\n`), z, Buffer.from("\nendstream endobj\n"));
  });
  parts.push(Buffer.from("%%EOF\n"));
  return Buffer.concat(parts);
}

describe("the decompression-bomb guard", () => {
  it("refuses a stream that inflates past the stream limit, naming it", () => {
    expect(checkInflatedSize(withStreams(1, 3), 2 * MB).refused).toBe("Expected each stream to inflate to at most 2 MB, got one (stream 2, at byte 1170) inflating past that: a decompression bomb, not read");
  });

  it("refuses streams that together inflate past the document limit", () => {
    expect(checkInflatedSize(withStreams(1, 1, 1), 2 * MB, 2.5 * MB).refused).toBe("Expected the streams to inflate to at most 3 MB together, got more (3 streams): a decompression bomb, not read");
  });

  it("inflates nothing when no stream is long enough to pass a limit (deflate inflates ~1032× at most)", () => {
    expect(checkInflatedSize(withStreams(1, 1))).toEqual({ inflated: 0 });
    const seed = readFileSync(join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.pdf"));
    expect(checkInflatedSize(seed)).toEqual({ inflated: 0 });
  });

  it("counts what inflates when a stream could pass the limit, and lets a big honest stream through", () => {
    // 100 MB of spaces deflate to ~100 KB, which could inflate to a little over 100 MB: under a limit of
    // 100 MB + 1 byte it is inflated and counted, and passes.
    expect(checkInflatedSize(withStreams(100), 100 * MB + 1)).toEqual({ inflated: 100 * MB });
    expect(checkInflatedSize(withStreams(100), 50 * MB).refused).toMatch(/^Expected each stream to inflate to at most 50 MB/u);
  });

  it("leaves \"stream\" inside a string and streams with a filter chain alone", () => {
    const text = Buffer.from("%PDF-1.4\n1 0 obj (a stream of words) endobj\n2 0 obj << /Filter [/ASCII85Decode /FlateDecode] /Length 5 >> stream\nzzzzz\nendstream endobj\n%%EOF\n");
    expect(checkInflatedSize(text, 1)).toEqual({ inflated: 0 });
  });
});
