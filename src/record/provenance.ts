import { pageAt, type DocumentModel } from "../model/document.js";
import type { Issue, Place, Severity } from "../model/issue.js";
import type { Provenance } from "../model/record.js";
import { toSource, type TextView } from "../text/view.js";
import type { Range } from "../extract/candidate.js";

/** Collects where every value came from, how sure we are, and the record's issues. */
export class Trail {
  readonly provenance: Record<string, Provenance> = {};
  readonly confidence: Record<string, number> = {};
  readonly issues: Issue[] = [];

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

  /** Records that the value at `path` was read at an assembled-text range. */
  fromSource(path: string, start: number, end: number, confidence: number): void {
    this.provenance[path] = { ...this.sourcePlace(start, end), text: this.model.text.slice(start, end) };
    this.confidence[path] = confidence;
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
