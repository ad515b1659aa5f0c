import { describe, expect, it } from "vitest";
import type { DocumentModel, Span } from "../src/model/document.js";
import { ocrDashEdits } from "../src/text/ocr-dash.js";
import { matchingView } from "../src/text/markup.js";

/** One line of words 20 units wide a character, each with a box (and a confidence when it comes from OCR). */
function ocrLine(words: Array<{ text: string; width?: number }>, fromOcr = true): DocumentModel {
  let text = "";
  let x = 0;
  const spans: Span[] = [];
  for (const w of words) {
    if (text !== "") text += " ";
    const width = w.width ?? 20 * w.text.length;
    const span: Span = { start: text.length, end: text.length + w.text.length, box: { x, y: 0, w: width, h: 30 } };
    if (fromOcr) span.confidence = 0.9;
    spans.push(span);
    text += w.text;
    x += width + 10;
  }
  return { kind: "hocr", text, pages: [{ number: 1, start: 0, end: text.length, lines: [{ start: 0, end: text.length, spans }] }] };
}

describe("en dashes OCR read as hyphens", () => {
  // Seed scan: "innovation - Soutien" with a "-" 0.77 characters wide; hyphens measure 0.48–0.59.
  it("reads a lone '-' as wide as an en dash as '–', and leaves a hyphen-wide one", () => {
    const model = ocrLine([{ text: "innovation" }, { text: "-", width: 16 }, { text: "Soutien" }, { text: "-", width: 10 }, { text: "fonds" }]);
    expect(ocrDashEdits(model)).toEqual([{ start: 11, end: 12, insert: "–" }]);
    const view = matchingView(model);
    expect(view.text).toBe("innovation – Soutien - fonds");
    expect(model.text.slice(view.source[11], (view.source[11] ?? 0) + 1)).toBe("-");
  });

  it("leaves a PDF text layer's dashes alone: its words carry no OCR confidence", () => {
    expect(ocrDashEdits(ocrLine([{ text: "innovation" }, { text: "-", width: 16 }, { text: "Soutien" }], false))).toEqual([]);
  });
});
