import { pageAt, type DocumentModel } from "../model/document.js";
import type { Issue, Place, Severity } from "../model/issue.js";
import type { Provenance } from "../model/record.js";
import { toSource, type TextView } from "../text/view.js";
import type { Range } from "../extract/candidate.js";
import { ocrConfidence } from "./ocr-confidence.js";

/** OCR words read with less confidence than this are worth a look: tesseract's clean words score 0.9+. */
const LOW_OCR_CONFIDENCE = 0.6;
/** tesseract scores some clean words near 0 (an italic "l'essentiel" at 0.04): no reading counts as nothing. */
const OCR_CONFIDENCE_FLOOR = 0.05;

/** Collects where every value came from, how sure we are, and the record's issues. */
export class Trail {
  readonly provenance: Record<string, Provenance> = {};
  readonly confidence: Record<string, number> = {};
  readonly issues: Issue[] = [];
  private readonly lowConfidence = new Set<string>();

  constructor(
    private readonly model: DocumentModel,
    private readonly view: TextView,
  ) {}

  /** The place of a view range in the assembled text. */
  place(range: Range): Place {
    const { start, end } = toSource(this.view, range.start, range.end);
    return { page: pageAt(this.model, start), start, end };
  }

  /** The place of an assembled-text range. */
  sourcePlace(start: number, end: number): Place {
    return { page: pageAt(this.model, start), start, end };
  }

  /**
   * Records that the value at `path` was read at an assembled-text range. Its confidence is the rule's
   * times the OCR engine's for the words read; a value the engine was unsure of gets an info issue.
   */
  fromSource(path: string, start: number, end: number, confidence: number): void {
    // The place's fields, then the text: one object, in sourcePlace's key order (records are written as JSON).
    this.provenance[path] = { page: pageAt(this.model, start), start, end, text: this.model.text.slice(start, end) };
    const ocr = Math.max(ocrConfidence(this.model, start, end), OCR_CONFIDENCE_FLOOR);
    this.confidence[path] = confidence * ocr;
    // One issue per place: every member's status points at the one heading of their list.
    if (ocr < LOW_OCR_CONFIDENCE && !this.lowConfidence.has(`${start}:${end}`)) {
      this.lowConfidence.add(`${start}:${end}`);
      this.issue("info", "field.low-ocr-confidence", `Expected a clear reading of ${path}, got words the OCR engine was ${Math.round(ocr * 100)} % sure of: "${this.model.text.slice(start, end)}"`, this.sourcePlace(start, end));
    }
  }

  /** Records that the value at `path` was read at a view range. */
  fromView(path: string, range: Range, confidence: number): void {
    const { start, end } = this.place(range);
    this.fromSource(path, start, end, confidence);
  }

  issue(severity: Severity, ruleId: string, message: string, place: Place | null): void {
    this.issues.push({ severity, ruleId, message, place });
  }

  /** "page 1, 5120–5131" for messages. */
  where(place: Place): string {
    return `page ${place.page}, offsets ${place.start}–${place.end}`;
  }
}
