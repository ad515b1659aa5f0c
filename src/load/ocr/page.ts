/**
 * One PDF page through OCR: render, straighten, recognise, back to layout items in points. Pages of every
 * document share one queue, so that few page images (~9 MB each at 300 dpi) are held at once.
 */
import PQueue from "p-queue";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PdfItem } from "../pdf/types.js";
import { recognize } from "./pool.js";
import { MAX_OCR_WORKERS } from "../limits.js";
import { rasterisePage } from "./rasterise.js";
import { ocrItems } from "./to-items.js";

/** Pages rendered or being read at once: one more than the workers, so a page is ready when a worker frees up. */
const PAGES_IN_FLIGHT = MAX_OCR_WORKERS + 1;

const queue = new PQueue({ concurrency: PAGES_IN_FLIGHT });

export interface OcrPageResult {
  items: PdfItem[];
  /** Mean word confidence (0..1), 0 when no word was read. */
  confidence: number;
  /** The turn applied to straighten the page image (radians). */
  deskew: number;
}

/** OCRs page `number` (1-based) of an open document. */
export async function ocrPage(doc: PDFDocumentProxy, number: number): Promise<OcrPageResult> {
  return queue.add(async () => {
    const page = await doc.getPage(number);
    try {
      const { image, scale, deskew } = await rasterisePage(page);
      const words = await recognize(image);
      const items = ocrItems(words, scale, image.width, image.height);
      const confidence = words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
      return { items, confidence: Math.round(confidence * 1000) / 1000, deskew };
    } finally {
      page.cleanup();
    }
  });
}
