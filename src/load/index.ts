import { extname } from "node:path";
import type { Loaded } from "./loaded.js";
import { LoadError } from "./load-error.js";
import { loadPdf } from "./pdf.js";
import { loadText } from "./text.js";

/** File endings a folder walk picks up. */
export const INPUT_EXTENSIONS: ReadonlySet<string> = new Set([".pdf", ".txt", ".md", ".xml", ".hocr", ".html", ".htm"]);

const PDF_MAGIC = "%PDF-";

/** Reads any accepted input into the document model; throws LoadError with a reason when it cannot. */
export async function loadDocument(bytes: Uint8Array, path: string): Promise<Loaded> {
  const ext = extname(path).toLowerCase();
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (ext === ".pdf" || head.startsWith(PDF_MAGIC)) {
    if (bytes.length === 0) throw new LoadError(path, "Expected a PDF, got an empty file");
    if (!head.includes(PDF_MAGIC)) throw new LoadError(path, `Expected a PDF (starting with ${PDF_MAGIC}), got other bytes`);
    return loadPdf(bytes, path);
  }
  if (ext === ".txt" || ext === ".md") return loadText(bytes, path);
  if (ext === ".xml" || ext === ".hocr" || ext === ".html" || ext === ".htm") {
    throw new LoadError(path, "ALTO and hOCR input are not supported yet (planned: issue 'Scanned deliberations')");
  }
  throw new LoadError(path, `Expected one of ${[...INPUT_EXTENSIONS].join(" ")}, got "${ext || "no extension"}"`);
}
