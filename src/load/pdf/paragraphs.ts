/**
 * Where paragraphs start, between two consecutive lines of a page in reading order.
 * Left-aligned and justified text alike: a line that ends short of its column although the next line's first
 * word would have fitted ends a paragraph; so does a wide vertical gap, a new column region, a table row,
 * a change of font size or a list marker.
 */
import type { ReadLine } from "./types.js";

/** A vertical gap above this × the usual line pitch starts a paragraph (producers add ≥ 0.5 line between paragraphs). */
export const PARAGRAPH_GAP_FACTOR = 1.4;
/** Font sizes differing by more than this ratio are different blocks (a heading and its text). */
const FONT_SIZE_CHANGE = 1.2;
/**
 * The next line's first word "would have fit" when its estimated width, × this margin, fits in the room the
 * previous line left: word widths are estimated from character proportions, ±10 %.
 */
const FIT_MARGIN = 1.15;
/** A word space, × font size (0.25–0.33 em in text fonts; the smaller value errs towards joining). */
const SPACE_EM = 0.25;
/**
 * A line starting with a bullet starts a list item, even after a full line ("- foo", "• foo", "✓ foo"):
 * in deliberations a hyphen-minus at the start of a line is far more often a list item than a wrapped dash.
 */
const BULLET = /^[-•·▪►➢✓✔○●]$/u;
/** En and em dashes are also parenthetical dashes: a list item only if the dash would have fitted above. */
const DASH = /^[–—]$/u;
/** Enumerations "1.", "2)", "a)", "A/", "IV." followed by a capitalised word ("M." is a civility, not one). */
const ENUMERATION = /^(?:\d{1,2}[.)]|[a-zA-Z][)/]|[IVX]{2,4}\.)$/u;

/** True when `next` starts a new paragraph after `prev`. `pitchEm` is the usual line pitch (× font size). */
export function startsParagraph(prev: ReadLine, next: ReadLine, pitchEm: number): boolean {
  if (prev.region !== next.region || prev.table || next.table) return true;
  const size = Math.max(prev.fontSize, next.fontSize);
  if (size / Math.min(prev.fontSize, next.fontSize) > FONT_SIZE_CHANGE) return true;
  if (prev.column === next.column) {
    const delta = next.baseline - prev.baseline;
    if (delta <= 0 || delta > PARAGRAPH_GAP_FACTOR * pitchEm * size) return true;
  } else if (!next.flows) return true;
  const first = next.cells[0]?.[0];
  if (first === undefined) return true;
  const room = prev.colRight - prev.x1;
  const needed = SPACE_EM * next.fontSize + (first.x1 - first.x0);
  if (BULLET.test(first.text)) return true;
  if (DASH.test(first.text)) return room >= needed;
  const second = next.cells[0]?.[1];
  if (ENUMERATION.test(first.text) && second !== undefined && /^\p{Lu}/u.test(second.text)) return true;
  return room > FIT_MARGIN * needed;
}
