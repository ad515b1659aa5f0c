import { median } from "../load/stats.js";
import type { DocumentModel, Page } from "../model/document.js";
import type { ViewEdit } from "./view.js";

/**
 * How wide, against the page's mean character width, a lone "-" must be to be an en dash that OCR read
 * as a hyphen. Measured on the seed and two written cases, as ALTO and hOCR from native tesseract and as
 * a 300-dpi scan read by tesseract.js: hyphens 0.48–0.59 of a character, en dashes 0.74–0.90.
 */
export const EN_DASH_WIDTH_RATIO = 0.67;

/** Words at least this long give the page's character width (short words are mostly punctuation). */
const MIN_WORD_LENGTH = 4;

const HYPHEN = "-";
const EN_DASH = "–";

/** The median width of one character of the page's longer words, from their OCR boxes. */
function characterWidth(model: DocumentModel, page: Page): number | undefined {
  const widths: number[] = [];
  for (const line of page.lines) {
    for (const s of line.spans) {
      const length = s.end - s.start;
      if (s.box !== undefined && length >= MIN_WORD_LENGTH && !/\s/u.test(model.text.slice(s.start, s.end))) widths.push(s.box.w / length);
    }
  }
  return median(widths);
}

/**
 * Edits reading as en dashes the lone OCR hyphens as wide as one: "Actions recherche et innovation -
 * Soutien" (a "-" 0.77 characters wide) → "… innovation – Soutien". Only words with an OCR confidence
 * count: the boxes of a PDF text layer are the font's, and its dashes are what was typed.
 */
export function ocrDashEdits(model: DocumentModel): ViewEdit[] {
  const edits: ViewEdit[] = [];
  for (const page of model.pages) {
    const char = characterWidth(model, page);
    if (char === undefined || char <= 0) continue;
    for (const line of page.lines) {
      for (const span of line.spans) {
        if (span.box === undefined || span.confidence === undefined) continue;
        if (model.text.slice(span.start, span.end) !== HYPHEN) continue;
        if (span.box.w / char >= EN_DASH_WIDTH_RATIO) edits.push({ start: span.start, end: span.end, insert: EN_DASH });
      }
    }
  }
  return edits;
}
