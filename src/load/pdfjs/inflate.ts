/**
 * pdf.js (5.x) inflates every FlateDecode stream (content streams, fonts) through the global
 * `DecompressionStream`. In Node that is a web stream over an asynchronous zlib stream: each stream
 * crosses to the thread pool and back through several layers of promises, about 15 % of the time spent
 * loading a PDF of a few pages. Streams of a PDF are whole in memory anyway, so this drop-in inflates
 * "deflate" in one synchronous call when the input ends; other formats go to Node's own class.
 * Same output and the same errors as Node's class (truncated, corrupt, bad checksum, trailing bytes),
 * so pdf.js falls back to its own decoder in the same cases.
 */
import { inflateSync } from "node:zlib";

/** Node's own class, kept for the formats this one does not handle. */
const NativeDecompressionStream = globalThis.DecompressionStream;

/** Formats Node's class reads ("deflate" is zlib-wrapped deflate, the one of PDF's FlateDecode). */
type Format = ConstructorParameters<typeof DecompressionStream>[0];

/** Inflates a zlib ("deflate") stream at its end, in one call; any other format is Node's own class. */
export class WholeInflateStream extends TransformStream<Uint8Array, Uint8Array> {
  constructor(format: Format) {
    if (format !== "deflate") return new NativeDecompressionStream(format) as WholeInflateStream;
    const chunks: Uint8Array[] = [];
    super({
      transform(chunk): void {
        chunks.push(chunk);
      },
      flush(controller): void {
        const input = chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
        const out = inflateSync(input);
        controller.enqueue(new Uint8Array(out.buffer, out.byteOffset, out.length));
      },
    });
  }
}

/** Makes the global `DecompressionStream` the whole-stream one, for pdf.js, which runs in this thread. */
export function installWholeInflate(): void {
  globalThis.DecompressionStream = WholeInflateStream as typeof DecompressionStream;
}
