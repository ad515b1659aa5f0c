import { describe, expect, it } from "vitest";
import type { DocumentModel } from "../src/model/document.js";
import { ocrConfidence } from "../src/record/ocr-confidence.js";
import { Trail } from "../src/record/provenance.js";
import { identityView } from "../src/text/view.js";

// "Pour : 14" read by OCR, the engine unsure of "14" (0.42), sure of "Pour" (0.96).
const TEXT = "Pour : 14\nContre : 0";
const OCR: DocumentModel = {
  kind: "pdf-ocr",
  text: TEXT,
  pages: [
    {
      number: 1,
      start: 0,
      end: TEXT.length,
      lines: [
        { start: 0, end: 9, spans: [ { start: 0, end: 4, confidence: 0.96 }, { start: 5, end: 6, confidence: 0.9 }, { start: 7, end: 9, confidence: 0.42 } ] },
        { start: 10, end: 20, spans: [ { start: 10, end: 16, confidence: 0.97 }, { start: 17, end: 18, confidence: 0.93 }, { start: 19, end: 20, confidence: 0.95 } ] },
      ],
    },
  ],
};

describe("field confidence on OCR'd text", () => {
  it("is the lowest confidence of the words under a range, 1 without word confidences", () => {
    expect(ocrConfidence(OCR, 7, 9)).toBe(0.42);
    expect(ocrConfidence(OCR, 0, 9)).toBe(0.42);
    expect(ocrConfidence(OCR, 19, 20)).toBe(0.95);
    expect(ocrConfidence({ ...OCR, kind: "text", pages: [{ number: 1, start: 0, end: TEXT.length, lines: [] }] }, 7, 9)).toBe(1);
  });

  it("multiplies the rule's confidence and flags an unsure reading once per place", () => {
    const trail = new Trail(OCR, identityView(TEXT));
    trail.fromSource("vote.yes", 7, 9, 0.9);
    trail.fromSource("vote.no", 19, 20, 0.9);
    trail.fromSource("vote.voters", 7, 9, 0.9);
    expect(trail.confidence["vote.yes"]).toBeCloseTo(0.9 * 0.42);
    expect(trail.confidence["vote.no"]).toBeCloseTo(0.9 * 0.95);
    expect(trail.issues.map((i) => [i.ruleId, i.place?.start])).toEqual([["field.low-ocr-confidence", 7]]);
  });
});
