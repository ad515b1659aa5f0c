import { describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import { deflateSync } from "node:zlib";
import "../src/load/pdfjs/index.js";
import { WholeInflateStream } from "../src/load/pdfjs/inflate.js";
import { CachedDataFiles } from "../src/load/pdfjs/data-files.js";
import { pdfjsAssets } from "../src/load/pdfjs-assets.js";

/** What pdf.js does with a DecompressionStream (src/core/base_stream.js): write once, close, read all. */
async function inflateLikePdfjs(Stream: typeof DecompressionStream, bytes: Uint8Array): Promise<string> {
  try {
    const { readable, writable } = new Stream("deflate");
    const writer = writable.getWriter();
    await writer.ready;
    writer
      .write(bytes)
      .then(async () => {
        await writer.ready;
        await writer.close();
      })
      .catch(() => {});
    const chunks: Uint8Array[] = [];
    for await (const chunk of readable as AsyncIterable<Uint8Array>) chunks.push(chunk);
    return Buffer.concat(chunks).toString("latin1");
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe("pdf.js runtime", () => {
  it("leaves the engine's own push and JSON functions in place after loading pdf.js", () => {
    // core-js's copies are JavaScript: their source shows, except through core-js's own
    // Function.prototype.toString, which hides it; another realm's toString does not.
    const sourceOf = runInNewContext("Function.prototype.toString") as (this: unknown) => string;
    for (const f of [Array.prototype.push, JSON.parse, JSON.stringify]) expect(sourceOf.call(f)).toContain("[native code]");
  });

  it("inflates FlateDecode streams whole, with the same output and errors as Node's DecompressionStream", async () => {
    const { DecompressionStream: NodeStream } = await import("node:stream/web");
    const good = deflateSync(Buffer.from("BT /F1 12 Tf (Conseil municipal) Tj ET\n".repeat(500)));
    const cases: Record<string, Uint8Array> = {
      good,
      "trailing bytes": Buffer.concat([good, Buffer.from("\r\nendstream")]),
      truncated: good.subarray(0, good.length - 10),
      "bad checksum": Buffer.concat([good.subarray(0, good.length - 1), Buffer.from([(good[good.length - 1] ?? 0) ^ 1])]),
      corrupt: Buffer.concat([good.subarray(0, 20), Buffer.alloc(50, 0xa5), good.subarray(70)]),
      empty: new Uint8Array(0),
    };
    expect(globalThis.DecompressionStream).toBe(WholeInflateStream);
    for (const [name, bytes] of Object.entries(cases)) {
      const ours = await inflateLikePdfjs(WholeInflateStream as typeof DecompressionStream, new Uint8Array(bytes));
      const node = await inflateLikePdfjs(NodeStream as typeof DecompressionStream, new Uint8Array(bytes));
      expect(ours, name).toBe(node);
    }
  });

  it("hands formats other than deflate to Node's own class", () => {
    expect(new WholeInflateStream("gzip")).not.toBeInstanceOf(WholeInflateStream);
  });

  it("reads a standard font once per process, and the other data files as asked", async () => {
    const files = new CachedDataFiles(pdfjsAssets());
    const first = await files.fetch({ kind: "standardFontDataUrl", filename: "FoxitSerif.pfb" });
    const again = await new CachedDataFiles(pdfjsAssets()).fetch({ kind: "standardFontDataUrl", filename: "FoxitSerif.pfb" });
    expect(first.byteLength).toBeGreaterThan(0);
    expect(again).toBe(first);
    const cmap = await files.fetch({ kind: "cMapUrl", filename: "UniJIS-UCS2-H.bcmap" });
    expect(cmap.byteLength).toBeGreaterThan(0);
    await expect(files.fetch({ kind: "standardFontDataUrl", filename: "NoSuchFont.pfb" })).rejects.toThrow();
    await expect(new CachedDataFiles({}).fetch({ kind: "cMapUrl", filename: "UniJIS-UCS2-H.bcmap" })).rejects.toThrow(/cMapUrl/u);
  });
});
