import type { Normalized } from "../normalize/index.js";

/** A value some rule read, with where it read it. Offsets index the assembled text. */
export interface Candidate {
  /** Dotted record path ("sitting.date"). */
  path: string;
  value: Exclude<Normalized, null>;
  start: number;
  end: number;
  /** The same place in the matching view. */
  range: Range;
  ruleId: string;
  confidence: number;
}

/** A half-open range of the matching view. */
export interface Range {
  start: number;
  end: number;
}
