import { extname } from "node:path";
import type { Loaded } from "./loaded.js";
import { LoadError } from "./load-error.js";
import { isAltoRoot, loadAltoTree } from "./alto.js";
import { isHocrTree, loadHocrTree } from "./hocr.js";
import type { PdfOptions } from "./pdf.js";
import { loadText } from "./text.js";
import { readXml } from "./xml/parse.js";
import { INPUT_EXTENSIONS } from "./extensions.js";
import { MAX_TEXT_BYTES } from "./limits.js";


const PDF_MAGIC = "%PDF-";

/** Options of the loaders: `ocr` ("auto" | "off") for PDF pages without a usable text layer. */
export type LoadOptions = PdfOptions;

/** Reads any accepted input into the document model; throws LoadError with a reason when it cannot. */
export async function loadDocument(bytes: Uint8Array, path: string, options: LoadOptions = {}): Promise<Loaded> {
  const ext = extname(path).toLowerCase();
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (ext === ".pdf" || head.startsWith(PDF_MAGIC)) {
    if (bytes.length === 0) throw new LoadError(path, "Expected a PDF, got an empty file");
    if (!head.includes(PDF_MAGIC)) throw new LoadError(path, `Expected a PDF (starting with ${PDF_MAGIC}), got other bytes`);
    // Loaded on the first PDF only: pdf.js, the canvas and the OCR engine cost each reading process ~40 MB
    // that a batch of text, ALTO or hOCR files never needs.
    const { loadPdf } = await import("./pdf.js");
    return loadPdf(bytes, path, options);
  }
  // Past here every reader takes the whole file as one string.
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new LoadError(path, `Expected a text, XML or CSV file of at most ${MAX_TEXT_BYTES / (1024 * 1024)} MB, got ${Math.ceil(bytes.length / (1024 * 1024))} MB: not read`);
  }
  // A CSV file is text; the pipeline reads SCDL deliberation columns from it (src/scdl/).
  if (ext === ".txt" || ext === ".md" || ext === ".csv") return loadText(bytes, path);
  if (ext === ".xml") {
    // ALTO by its root; hOCR saved as .xml (XHTML with ocr_page elements) is read too.
    const root = readXml(bytes, path, { expected: "ALTO XML", html: false });
    if (isAltoRoot(root)) return loadAltoTree(root, path);
    if (isHocrTree(root)) return loadHocrTree(root, path);
    throw new LoadError(path, `Expected ALTO XML (an <alto> root element) or hOCR (ocr_page elements), got a <${root.name}> root element`);
  }
  if (ext === ".hocr" || ext === ".html" || ext === ".htm") {
    const root = readXml(bytes, path, { expected: "hOCR", html: true });
    if (isHocrTree(root)) return loadHocrTree(root, path);
    throw new LoadError(path, `Expected hOCR (elements of class "ocr_page"), got a <${root.name}> document without any`);
  }
  throw new LoadError(path, `Expected one of ${[...INPUT_EXTENSIONS].join(" ")}, got "${ext || "no extension"}"`);
}
