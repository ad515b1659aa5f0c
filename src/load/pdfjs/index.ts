/**
 * pdf.js for this process, loaded once: the legacy build (the one meant for Node) and its worker code,
 * which runs in this thread (pdf.js's "fake worker": with `globalThis.pdfjsWorker` set, as importing
 * pdf.worker.mjs does, no worker thread and no per-document module loading). Then the built-ins pdf.js's
 * polyfills replaced are put back (natives.ts) and FlateDecode streams are inflated in one call
 * (inflate.ts). Everything of delib that uses pdf.js imports it from here.
 *
 * The order of the imports matters: natives.js must be evaluated before pdf.mjs.
 */
import { restoreNatives } from "./natives.js";
import { getDocument, Util, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";
import "pdfjs-dist/legacy/build/pdf.worker.mjs";
import { installWholeInflate } from "./inflate.js";
export { CachedDataFiles } from "./data-files.js";

restoreNatives();
installWholeInflate();

export { getDocument, Util, VerbosityLevel };
export type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
