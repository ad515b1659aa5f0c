/**
 * pdf.js asks the main thread for its data files (in Node it does not fetch them itself): the standard
 * fonts that stand in for the 14 fonts PDFs may use without embedding (Helvetica, Times…), CMaps, wasm
 * decoders. Its own reader opens the file again for every document that uses them; this one keeps the
 * standard fonts in memory, read once per process: at most the files of pdfjs-dist/standard_fonts
 * (16 files, 0.8 MB), whatever the batch. Other kinds are read from disk each time, as pdf.js does.
 */
import { readFile } from "node:fs/promises";

/** What pdf.js passes to its `BinaryDataFactory` (api.js): the folders given to getDocument. */
export interface DataFolders {
  cMapUrl?: string | null;
  standardFontDataUrl?: string | null;
  wasmUrl?: string | null;
}

/** What pdf.js asks for: a kind of data (the name of the option giving its folder) and a file name. */
export interface DataRequest {
  kind: keyof DataFolders;
  filename: string;
}

/** Standard font files by path, for the whole process (bounded: see above). */
const standardFonts = new Map<string, Uint8Array>();

async function readBytes(path: string): Promise<Uint8Array> {
  const data = await readFile(path);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** pdf.js's `BinaryDataFactory` for Node, with the standard fonts kept in memory. */
export class CachedDataFiles {
  readonly #folders: DataFolders;

  constructor(folders: DataFolders) {
    this.#folders = folders;
  }

  async fetch({ kind, filename }: DataRequest): Promise<Uint8Array> {
    const folder = this.#folders[kind];
    if (folder === undefined || folder === null) throw new Error(`Ensure that the \`${kind}\` API parameter is provided.`);
    const path = `${folder}${filename}`;
    if (kind !== "standardFontDataUrl") return readBytes(path);
    // pdf.js copies what it is given (structured clone): the kept bytes stay whole. Should a later
    // version move them instead (a detached, empty buffer), they are read again.
    const kept = standardFonts.get(path);
    if (kept !== undefined && kept.byteLength > 0) return kept;
    const bytes = await readBytes(path);
    standardFonts.set(path, bytes);
    return bytes;
  }
}
