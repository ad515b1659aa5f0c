/** Problems are data: every loader, extractor and check reports through this shape. */

export type Severity = "error" | "warning" | "info";

export interface Place {
  page: number;
  start: number;
  end: number;
}

export interface Issue {
  severity: Severity;
  ruleId: string;
  message: string;
  place: Place | null;
  /** Other places the issue is about ("annex.duplicate": the copy kept, which `place`'s copy repeats). */
  related?: Place[];
}
