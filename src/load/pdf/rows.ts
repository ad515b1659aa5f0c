/**
 * Rows: words grouped by baseline across the whole page width. A raised, smaller fragment that touches a
 * word of the row just below (a superscript such as the "er" of "1er") joins that row.
 */
import { itemWords, mergeTouching, touches } from "./words.js";
import type { PdfItem, PdfWord, Row } from "./types.js";

/** Baselines closer than this (× font size) are one row: glyph positions jitter far less than that. */
const ROW_BASELINE_TOLERANCE = 0.3;
/** A superscript is at most this much smaller than its base text (ratio of font sizes)… */
const SUPERSCRIPT_MAX_SIZE_RATIO = 0.85;
/** …and raised by at most this much (× the base font size). */
const SUPERSCRIPT_MAX_RISE = 0.6;

interface Building {
  baseline: number;
  fontSize: number;
  fragments: PdfWord[];
}

function dominantSize(fragments: readonly PdfWord[]): number {
  return fragments.reduce((m, f) => Math.max(m, f.fontSize), 0);
}

/** Groups the words of a page's items into rows, top to bottom. */
export function buildRows(items: readonly PdfItem[]): Row[] {
  const fragments = items.flatMap(itemWords).sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const rows: Building[] = [];
  for (const f of fragments) {
    const row = rows[rows.length - 1];
    if (row !== undefined && Math.abs(f.baseline - row.baseline) <= ROW_BASELINE_TOLERANCE * Math.max(f.fontSize, row.fontSize)) {
      row.fragments.push(f);
      row.fontSize = Math.max(row.fontSize, f.fontSize);
    } else rows.push({ baseline: f.baseline, fontSize: f.fontSize, fragments: [f] });
  }
  attachSuperscripts(rows);
  return rows
    .filter((r) => r.fragments.length > 0)
    .map((r) => ({ baseline: r.baseline, fontSize: dominantSize(r.fragments), words: mergeTouching(r.fragments) }));
}

/** Moves raised small fragments that touch a word of the next row down into that row. */
function attachSuperscripts(rows: Building[]): void {
  for (let i = 0; i + 1 < rows.length; i++) {
    const small = rows[i] as Building;
    const base = rows[i + 1] as Building;
    const rise = base.baseline - small.baseline;
    if (small.fontSize > SUPERSCRIPT_MAX_SIZE_RATIO * base.fontSize || rise <= 0 || rise > SUPERSCRIPT_MAX_RISE * base.fontSize) continue;
    small.fragments = small.fragments.filter((f) => {
      const host = base.fragments.some((g) => touches(g, f) || touches(f, g));
      if (host) base.fragments.push(f);
      return !host;
    });
  }
}
