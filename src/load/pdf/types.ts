/** Shared shapes of the PDF layout rebuild: items in, words, rows and reading-order lines out. */

/** A pdf.js text item in page space: top-left origin, PDF points, horizontal text. */
export interface PdfItem {
  str: string;
  /** Left end of the item. */
  x: number;
  /** Baseline, measured down from the top of the page. */
  baseline: number;
  /** Advance width of the whole item. */
  width: number;
  fontSize: number;
  /** OCR confidence of the item in 0..1; absent for a text layer. */
  confidence?: number;
}

/** A word, or a fragment of one before touching fragments are merged. */
export interface PdfWord {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  fontSize: number;
  top: number;
  bottom: number;
  /** OCR confidence in 0..1 (the lowest of its fragments); absent for a text layer. */
  confidence?: number;
}

/** Words sharing one baseline across the whole page width (both columns of a two-column page). */
export interface Row {
  baseline: number;
  fontSize: number;
  /** Sorted left to right. */
  words: PdfWord[];
}

/** A line in reading order: one column's part of a row, or a whole table row. */
export interface ReadLine {
  /** Word groups: one group for a text line; one per table cell (emitted with "\t" between) for a table row. */
  cells: PdfWord[][];
  /** Index of the column region on the page, or -1 for full-width text. */
  region: number;
  /** Column inside the region (0 for full-width text). */
  column: number;
  /** A row of a table read row by row (numeric right-hand side, or table-wide gutters). */
  table: boolean;
  /** Text may flow from the bottom of one column of the region into the next (true outside regions). */
  flows: boolean;
  baseline: number;
  fontSize: number;
  x0: number;
  x1: number;
  /** Left and right edges of the column the line sits in (its measure). */
  colLeft: number;
  colRight: number;
}
