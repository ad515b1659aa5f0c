/**
 * PDF → document model, through pdfjs-dist. pdf.js gives text items (runs, not words, in content-stream
 * order); src/load/pdf/ rebuilds words, lines, columns, paragraphs and hyphenated words. Pages without a
 * usable text layer (scans) are OCR'd (src/load/ocr/), and their words go through the same rebuild.
 */
import { CachedDataFiles, getDocument, Util, VerbosityLevel, type PDFDocumentProxy } from "./pdfjs/index.js";
import type { TextItem } from "pdfjs-dist/types/src/display/api.js";
import type { Issue } from "../model/issue.js";
import { DEFAULT_MAX_PAGES } from "./limits.js";
import { checkInflatedSize } from "./pdf/inflate-guard.js";
import { LoadError } from "./load-error.js";
import { pdfjsAssets } from "./pdfjs-assets.js";
import type { Loaded } from "./loaded.js";
import { layoutDocument, type PageInput } from "./pdf/layout.js";
import type { PdfItem } from "./pdf/types.js";
import { choosePageSources, type OcrMode } from "./ocr/choose.js";
import { ocrPage } from "./ocr/page.js";

export interface PdfOptions {
  /** "auto" (default): OCR pages without a usable text layer; "off": read text layers only. */
  ocr?: OcrMode;
  /** A PDF with more pages fails without being read (`--max-pages`). */
  maxPages?: number;
}


/** The "%PDF-" header may follow a little garbage (allowed by readers): look this far. */
const HEADER_SEARCH_BYTES = 1024;
/** "%%EOF" ends a complete file; some writers add a few bytes after it: look this far back from the end. */
const EOF_SEARCH_BYTES = 2048;
/** Text whose direction deviates more than this (|sin|) from horizontal is skipped (stamps, margin notes). */
const MAX_SKEW = 0.1;


let guardInstalled = false;

/** True for errors thrown inside pdf.js (FormatError, UnknownErrorException, …). */
function fromPdfjs(reason: unknown): boolean {
  return reason instanceof Error && /[\\/]pdfjs-dist[\\/]/u.test(reason.stack ?? "");
}

/**
 * pdf.js leaves some promises of corrupt files unhandled (e.g. page dictionaries it prefetches into a cache
 * while checking the first page), which would end the whole process under Node's default
 * `--unhandled-rejections=throw` although the error already reached our `catch`. This listener drops
 * those, and only those: any other unhandled rejection is rethrown as Node would, unless some other
 * listener is there to deal with it.
 */
function installRejectionGuard(): void {
  if (guardInstalled) return;
  guardInstalled = true;
  const listener = (reason: unknown): void => {
    if (fromPdfjs(reason)) return;
    if (process.listenerCount("unhandledRejection") === 1) throw reason;
  };
  process.on("unhandledRejection", listener);
}

function indexOfAscii(bytes: Uint8Array, needle: string, from: number, to: number): number {
  const codes = [...needle].map((c) => c.charCodeAt(0));
  for (let i = Math.max(0, from); i + codes.length <= Math.min(bytes.length, to); i++) {
    if (codes.every((c, k) => bytes[i + k] === c)) return i;
  }
  return -1;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Maps pdf.js's exceptions to reasons a person can act on. */
function openFailure(err: unknown): string {
  const name = err instanceof Error ? err.name : "";
  if (name === "PasswordException") return "Expected a PDF readable without a password, got an encrypted PDF";
  if (name === "InvalidPDFException") return `Expected a well-formed PDF, got a corrupt file (${describe(err)})`;
  return `Expected a readable PDF, got an error from the PDF reader (${describe(err)})`;
}

async function readPages(doc: PDFDocumentProxy): Promise<PageInput[]> {
  const pages: PageInput[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    for (const raw of content.items) {
      if (!("str" in raw)) continue;
      const item = raw as TextItem;
      if (item.str.trim() === "" || item.width <= 0) continue;
      const m = Util.transform(viewport.transform, item.transform) as number[];
      const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = m;
      const scale = Math.hypot(a, b);
      if (scale === 0 || Math.abs(b) / scale > MAX_SKEW) continue;
      items.push({ str: item.str, x: e, baseline: f, width: item.width, fontSize: Math.hypot(c, d) });
    }
    pages.push({ number: n, width: viewport.width, height: viewport.height, items });
    page.cleanup();
  }
  return pages;
}

/** Loads a PDF: text layers, OCR where they are missing or garbage. Throws LoadError for empty, truncated, corrupt or password-protected files. */
export async function loadPdf(bytes: Uint8Array, path: string, options: PdfOptions = {}): Promise<Loaded> {
  if (bytes.length === 0) throw new LoadError(path, "Expected a PDF, got an empty file");
  if (indexOfAscii(bytes, "%PDF-", 0, HEADER_SEARCH_BYTES) < 0) throw new LoadError(path, "Expected a PDF (a %PDF- header), got something else");
  // No "%%EOF" near the end: truncated, or written by a careless tool. pdf.js often recovers such files,
  // so read what it can and say so; fail (saying "truncated") only when nothing can be read.
  const truncated = indexOfAscii(bytes, "%%EOF", bytes.length - EOF_SEARCH_BYTES, bytes.length) < 0;
  const failure = (reason: string): LoadError => new LoadError(path, truncated ? `Expected a complete PDF, got a truncated file (no %%EOF marker at the end; ${reason})` : reason);
  const bomb = checkInflatedSize(bytes).refused;
  if (bomb !== undefined) throw new LoadError(path, bomb);
  installRejectionGuard();
  const task = getDocument({
    data: bytes.slice(),
    ...pdfjsAssets(),
    BinaryDataFactory: CachedDataFiles,
    isEvalSupported: false,
    useSystemFonts: false,
    // Errors only: pdf.js warns about font hinting ("Warning: TT: undefined function: 32"), nothing that
    // changes the text; what does is reported as an issue. INFOS would print on stdout, which carries data.
    verbosity: VerbosityLevel.ERRORS,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    throw failure(openFailure(err));
  }
  let layers: PageInput[];
  let choice: Awaited<ReturnType<typeof choosePageSources>>;
  const mode = options.ocr ?? "auto";
  try {
    if (doc.numPages === 0) throw failure("Expected a PDF with pages, got none");
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    if (doc.numPages > maxPages) throw failure(`Expected at most ${maxPages} pages (--max-pages), got ${doc.numPages}: not read`);
    try {
      layers = await readPages(doc);
    } catch (err) {
      if (err instanceof LoadError) throw err;
      throw failure(`Expected readable pages, got an error from the PDF reader (${describe(err)})`);
    }
    choice = await choosePageSources(path, layers, mode, (n) => ocrPage(doc, n));
  } finally {
    await doc.destroy();
  }
  const { inputs, sources } = choice;
  const { text, pages } = layoutDocument(inputs);
  const issues: Issue[] = [];
  if (truncated) {
    issues.push({
      severity: "warning",
      ruleId: "pdf.truncated",
      message: `Expected a complete PDF ending in %%EOF, got none: read the ${pages.length} page(s) the PDF reader recovered`,
      place: null,
    });
  }
  const placeOf = (n: number): Issue["place"] => {
    const page = pages.find((p) => p.number === n);
    return page === undefined ? null : { page: n, start: page.start, end: page.end };
  };
  for (const f of choice.failures) issues.push({ severity: "warning", ruleId: "pdf.ocr-failed", message: f.message, place: placeOf(f.page) });
  // With OCR on, a page OCR read and found empty is blank (the back of a scanned sheet): nothing to say.
  if (mode === "off") {
    for (const input of inputs) {
      if (input.items.length > 0) continue;
      issues.push({
        severity: "warning",
        ruleId: "pdf.page-without-text",
        message: `Expected a text layer on page ${input.number} of ${path}, got none: OCR turned off (--ocr off)`,
        place: placeOf(input.number),
      });
    }
  }
  const kind = sources.some((s) => s.source === "ocr") ? "pdf-ocr" : "pdf";
  return { model: { kind, text, pages, pageSources: sources }, issues };
}
