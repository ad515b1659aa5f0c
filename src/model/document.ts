/** The document model every loader produces: pages → lines → spans, all indexed into one assembled text. */

export type SourceKind = "pdf" | "pdf-ocr" | "alto" | "hocr" | "text";

/** A box on the page in PDF points, origin at the top-left corner of the page. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A word (or word fragment) with its offsets in the assembled text. */
export interface Span {
  start: number;
  end: number;
  box?: Box;
  /** OCR word confidence in 0..1, when the source gives one. */
  confidence?: number;
}

export interface Line {
  start: number;
  end: number;
  spans: Span[];
  box?: Box;
}

export interface Page {
  /** 1-based page number. */
  number: number;
  start: number;
  end: number;
  lines: Line[];
  width?: number;
  height?: number;
  /** How many text columns the loader found on the page (1 for plain text). */
  columns?: number;
}

/** Where a PDF page's text came from, and why (documents.jsonl `pageSources`). */
export interface PageSource {
  /** 1-based page number. */
  page: number;
  source: "text-layer" | "ocr";
  /** Why that source: see PageSourceReason. */
  reason: PageSourceReason;
  /** Mean OCR word confidence of the page in 0..1 (OCR pages only). */
  confidence?: number;
}

/**
 * text-layer: `good-text-layer`; `no-text-layer`, `garbage-text-layer` or `sparse-text-layer` kept
 * because OCR was turned off (`ocr-off`) or failed (`ocr-failed`), or OCR read less than the layer
 * (`ocr-read-less`). ocr: the layer was missing (`no-text-layer`), garbage or sparse.
 */
export type PageSourceReason =
  | "good-text-layer"
  | "no-text-layer"
  | "garbage-text-layer"
  | "sparse-text-layer"
  | "ocr-off"
  | "ocr-failed"
  | "ocr-read-less";

export interface DocumentModel {
  kind: SourceKind;
  /** The assembled text: every offset in delib indexes this string (UTF-16 code units). */
  text: string;
  pages: Page[];
  /** PDFs: per page, whether the text layer or OCR was read, and why. */
  pageSources?: PageSource[];
}

/** The page (1-based) holding a text offset. */
export function pageAt(model: DocumentModel, offset: number): number {
  let lo = 0;
  let hi = model.pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const page = model.pages[mid];
    if (page !== undefined && page.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return model.pages[lo]?.number ?? 1;
}
