import { describe, expect, it } from "vitest";
import { scannedSignerTitle } from "../src/extract/signer-on-scan.js";
import type { DocumentModel } from "../src/model/document.js";

// "Le Secrétaire, Le Maire," then only the secretary's name: the stroke covers "Sébastien LEROUX" (Putanges-le-Lac, 3 Feb. 2025).
const CLOSING = "L'ordre du jour étant épuisé, la séance est levée à 21h10.\nLe Secrétaire, Le Maire,\nppe GRANDIN";

function model(kind: DocumentModel["kind"], source: "ocr" | "text-layer"): DocumentModel {
  return { kind, text: CLOSING, pages: [{ number: 1, start: 0, end: CLOSING.length, lines: [] }], pageSources: [{ page: 1, source, reason: source === "ocr" ? "no-text-layer" : "good-text-layer" }] };
}

describe("the signer's title closing a scan", () => {
  it("is read on a page read by OCR", () => {
    const found = scannedSignerTitle(model("pdf-ocr", "ocr"), CLOSING, (at) => at);
    expect(found?.role).toBe("Maire");
    expect(CLOSING.slice(found?.range.start, found?.range.end)).toBe("Maire");
  });
  it("says nothing on a text layer, which would have printed the name", () => {
    expect(scannedSignerTitle(model("pdf", "text-layer"), CLOSING, (at) => at)).toBeNull();
  });
  it("needs the title at the end of its line", () => {
    const text = "Le Maire rappelle que la séance est levée.";
    expect(scannedSignerTitle({ ...model("pdf-ocr", "ocr"), text }, text, (at) => at)).toBeNull();
  });
});
