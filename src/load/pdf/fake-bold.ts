/**
 * Fake bold: PDF producers without a bold font draw the text twice, the second time shifted by a fraction
 * of a point. pdf.js then reports the glyphs twice, either as two items or merged into neighbouring runs
 * ("- luxe" + "luxe qui regroupe…"), or as one item with every character doubled ("DDéélliibb").
 */
import { textWidth } from "./char-width.js";
import type { PdfItem } from "./types.js";

/** A redrawn glyph lies this close (× font size) to the original; real text never overprints itself. */
export const DOUBLE_DRAW_TOLERANCE = 0.2;
/** Char-doubled strings need at least this many pairs, so that words like "aa" are left alone. */
const MIN_DOUBLED_PAIRS = 3;

/** "DDéélliibb" → "Délib"; any other string is returned as is. */
export function collapseDoubledChars(str: string): string {
  const chars = [...str];
  if (chars.length < 2 * MIN_DOUBLED_PAIRS || chars.length % 2 !== 0) return str;
  let out = "";
  let letters = false;
  for (let i = 0; i < chars.length; i += 2) {
    const a = chars[i] ?? "";
    if (a !== chars[i + 1]) return str;
    if (/\p{L}/u.test(a)) letters = true;
    out += a;
  }
  // "XXXXXX" (an anonymised name) is not a doubled "XXX": a doubled word has two different letters at least.
  return letters && new Set(out).size > 1 ? out : str;
}

/** The x where `item.str.slice(i)` starts, by character proportion of the item width. */
function xAt(item: PdfItem, i: number): number {
  const total = textWidth(item.str);
  return total === 0 ? item.x : item.x + (item.width * textWidth(item.str.slice(0, i))) / total;
}

/**
 * The length of the longest end of `earlier`'s text that `later` starts with, drawn where that end was drawn;
 * 0 when `later` does not redraw `earlier`.
 */
function redrawnLength(earlier: PdfItem, later: PdfItem): number {
  const tol = DOUBLE_DRAW_TOLERANCE * Math.max(earlier.fontSize, later.fontSize);
  if (Math.abs(earlier.baseline - later.baseline) > tol) return 0;
  if (later.x < earlier.x - tol || later.x > earlier.x + earlier.width + tol) return 0;
  for (let i = 0; i < earlier.str.length; i++) {
    const tail = earlier.str.slice(i);
    if (tail.trim() === "" || !later.str.startsWith(tail)) continue;
    // Closer than half its first glyph too: in "ll" drawn glyph by glyph, the second "l" is one glyph away.
    const glyph = xAt(earlier, i + 1) - xAt(earlier, i);
    if (Math.abs(xAt(earlier, i) - later.x) <= Math.min(tol, glyph / 2)) return tail.length;
  }
  return 0;
}

/** Drops glyphs drawn twice at (almost) the same place; keeps the first drawing. */
export function removeDoubledGlyphs(items: readonly PdfItem[]): PdfItem[] {
  const kept: PdfItem[] = [];
  for (const original of items) {
    let item: PdfItem = { ...original, str: collapseDoubledChars(original.str) };
    for (const earlier of kept) {
      const n = redrawnLength(earlier, item);
      if (n === 0) continue;
      const tailX = xAt(earlier, earlier.str.length - n);
      const cut = Math.max(0, earlier.x + earlier.width - tailX);
      item = { ...item, str: item.str.slice(n), x: item.x + cut, width: Math.max(0, item.width - cut) };
      if (item.str.trim() === "") break;
    }
    if (item.str.trim() !== "") kept.push(item);
  }
  return kept;
}
