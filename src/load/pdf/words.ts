/**
 * From text items to words: split items at spaces, place each word by character proportion of the item
 * width, then merge fragments that touch (runs split mid-word, "1" + superscript "er").
 */
import { textWidth } from "./char-width.js";
import type { PdfItem, PdfWord } from "./types.js";
import { matchesOf } from "../../text/matches.js";

/** Glyph box above the baseline, × font size (ascenders and capitals reach about 0.75–0.8 em). */
const ASCENT = 0.8;
/** Glyph box below the baseline, × font size. */
const DESCENT = 0.2;
/**
 * Two fragments closer than this (× font size) belong to one word: a space is ≥ 0.25 em in text fonts,
 * while runs split mid-word or a superscript right after its base leave (almost) no gap.
 */
export const TOUCH_GAP = 0.15;

/** A word of an item: a run of non-space. */
const WORD = /\S+/gu;

/**
 * The words of one item, each placed by its share of the item's width. Widths are whole numbers
 * (char-width.ts), so summing them as the scan goes gives exactly the width of each prefix.
 */
export function itemWords(item: PdfItem): PdfWord[] {
  const total = textWidth(item.str);
  const scale = total === 0 ? 0 : item.width / total;
  const top = item.baseline - ASCENT * item.fontSize;
  const bottom = item.baseline + DESCENT * item.fontSize;
  const words: PdfWord[] = [];
  let before = 0;
  let scanned = 0;
  for (const m of matchesOf(WORD, item.str)) {
    before += textWidth(item.str.slice(scanned, m.index));
    const own = textWidth(m[0]);
    const word: PdfWord = { text: m[0], x0: item.x + before * scale, x1: item.x + (before + own) * scale, baseline: item.baseline, fontSize: item.fontSize, top, bottom };
    if (item.confidence !== undefined) word.confidence = item.confidence;
    words.push(word);
    before += own;
    scanned = m.index + m[0].length;
  }
  return words;
}

/** One word made of `a` followed by `b`. */
export function mergeWords(a: PdfWord, b: PdfWord): PdfWord {
  const main = a.fontSize >= b.fontSize ? a : b;
  return {
    text: a.text + b.text,
    x0: Math.min(a.x0, b.x0),
    x1: Math.max(a.x1, b.x1),
    baseline: main.baseline,
    fontSize: main.fontSize,
    top: Math.min(a.top, b.top),
    bottom: Math.max(a.bottom, b.bottom),
    ...mergedConfidence(a, b),
  };
}

/** A merged word is as sure as its least sure fragment. */
function mergedConfidence(a: PdfWord, b: PdfWord): { confidence?: number } {
  if (a.confidence === undefined && b.confidence === undefined) return {};
  return { confidence: Math.min(a.confidence ?? 1, b.confidence ?? 1) };
}

/**
 * True when `b` continues `a` without a space (left to right, on one line). Kerning may pull `b` back over
 * `a` ("Y" + "." overlap by 0.2 em), but never by a whole glyph run's width.
 */
export function touches(a: PdfWord, b: PdfWord): boolean {
  const gap = b.x0 - a.x1;
  const size = Math.max(a.fontSize, b.fontSize);
  return gap < TOUCH_GAP * size && gap > -Math.min(a.x1 - a.x0, b.x1 - b.x0);
}

/** The fragments of one row as words, left to right, fragments that touch merged. */
export function mergeTouching(fragments: readonly PdfWord[]): PdfWord[] {
  const sorted = [...fragments].sort((a, b) => a.x0 - b.x0);
  const out: PdfWord[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && touches(last, f)) out[out.length - 1] = mergeWords(last, f);
    else out.push(f);
  }
  return out;
}
