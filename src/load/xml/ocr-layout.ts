/**
 * OCR layouts (ALTO, hOCR) → assembled text and document pages, through the PDF loader's layout
 * rebuild (src/load/pdf/layout.ts): every OCR word becomes one positioned text item, so rows, columns,
 * tables, paragraphs and hyphen joins come out exactly as for a PDF of the same page.
 *
 * Why not the OCR engine's own blocks and lines: tesseract runs a line finder across table cells
 * ("Montant prévu au budget 2020 : 120 | actions recherche | 000 €" on one line) and merges short
 * heading lines with the text below into one paragraph ("Secrétaire de séance : M. Michel JASSEY
 * Procurations de vote :"); the PDF rebuild, tuned on deliberations, reads both right. What we do take
 * from the OCR lines is their baseline: the words of one OCR line share it (word boxes vary with
 * ascenders and descenders), after the page's skew, measured along those lines, is sheared away.
 *
 * Spans then get back the OCR word boxes (PDF points, top-left origin, unsheared) and confidences:
 * see attachOcrWords, a small adapter matching the rebuild's words to the OCR words by position.
 * Pages are joined by "\f" like every loader. ALTO's own hyphenation marks (HYP, SUBS_TYPE
 * HypPart1/HypPart2) are turned into a trailing hyphen before the rebuild, whose rule then joins.
 */
import { fitSlope, median } from "../stats.js";
import type { Box, Page } from "../../model/document.js";
import { layoutDocument, type PageInput } from "../pdf/layout.js";
import { textWidth } from "../pdf/char-width.js";
import type { PdfItem } from "../pdf/types.js";

export interface OcrWord {
  text: string;
  /** In PDF points, top-left origin. */
  box: Box;
  /** 0..1 when the source gives one. */
  confidence?: number;
  /** ALTO SUBS_TYPE: first or second part of a word hyphenated across lines. */
  hyphenPart?: 1 | 2;
  /** ALTO SUBS_CONTENT: the whole hyphenated word. */
  fullWord?: string;
}

export interface OcrLine {
  words: OcrWord[];
  box?: Box;
  /** The line ends with a hyphenation mark that is not part of its last word's text (ALTO <HYP>). */
  endsWithHyphenMark: boolean;
}

/**
 * A block of lines as the OCR engine grouped them (ALTO TextBlock, hOCR ocr_par). Kept for callers; the
 * text is assembled from word positions (see the file comment), lines in block order.
 */
export interface OcrBlock {
  lines: OcrLine[];
}

export interface OcrPage {
  /** 1-based. */
  number: number;
  /** In PDF points. */
  width?: number;
  height?: number;
  blocks: OcrBlock[];
}

export interface OcrLayoutResult {
  text: string;
  pages: Page[];
}

/** Characters that end the first part of a word hyphenated at a line end (hyphen-minus, soft hyphen, ‐, ¬). */
const TRAILING_HYPHEN = /[-\u00ad\u2010\u00ac]$/u;
/**
 * Where a word's glyphs reach, × font size: capitals, digits, ascenders, dotted and accented lowercase
 * letters rise to about the cap height (Arial 0.72, DejaVu 0.73, Times 0.66), other lowercase letters to the
 * x-height (0.45–0.55); descenders and commas go below the baseline by about 0.21. A word's box height
 * then gives its font size, and its bottom its baseline.
 */
const CAP_HEIGHT_EM = 0.72;
const X_HEIGHT_EM = 0.5;
const DESCENDER_EM = 0.21;
const TALL = /[\p{Lu}\p{N}bdfhijklt\u00e0-\u00e5\u00e8-\u00ef\u00f2-\u00f6\u00f9-\u00fc'"()[\]{}/|!?%&#@$€§]/u;
const BELOW_BASELINE = /[gjpqyçQ,;()[\]{}/|@µ§]/u;
/**
 * OCR words of one line are kept this far apart at least (× font size), above the rebuild's touching
 * distance (0.15 em): the engine already split the line into words, and its boxes sometimes overlap
 * (the grave accent of "à" widens its box to the left, onto the word before).
 */
const MIN_WORD_GAP_EM = 0.3;
/**
 * Line font sizes within this ratio of the document's usual size are taken to be that size: the
 * estimate wobbles by ±10 % from line to line, and the rebuild reads a size change > 1.2 as a new block.
 */
const SIZE_SNAP_RATIO = 0.15;
/** A line's font size: this quantile of its words' estimates (box heights err upwards, see placeWords). */
const LINE_SIZE_QUANTILE = 0.25;
/** Words whose size estimate is within this ratio of the line's size place its baseline. */
const SIZE_AGREEMENT = 0.2;
/** Lines narrower than this many ems (Helvetica widths) say too little about their font size from widths. */
const MIN_WIDTH_EMS = 3;
/** Usual sizes are counted in bins this wide (points). */
const SIZE_BIN = 0.25;
/** Skew is measured on lines with at least this many baseline words spanning at least this width (points)… */
const SKEW_MIN_WORDS = 3;
const SKEW_MIN_SPAN = 100;
/** …and only corrected up to this slope (about 5.7°); beyond it the page was not deskewed by the OCR and rows are lost anyway. */
const MAX_SKEW_SLOPE = 0.1;
/** Position tolerance when matching the rebuild's words to OCR words (points; positions are copied, not computed). */
const MATCH_EPSILON = 1e-6;

/** An OCR word placed for the layout rebuild. */
export interface Placed {
  text: string;
  /** Original OCR box and confidence, given back to the spans. */
  box: Box;
  confidence?: number;
  /** Left edge, width and baseline (deskewed) of the item the rebuild sees. */
  x: number;
  width: number;
  baseline: number;
  fontSize: number;
}

function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];
}

const bottomOf = (b: Box): number => b.y + b.h;

/** Words placing a line's baseline and size: with a letter or digit (punctuation boxes say little). */
function measurableWords(words: readonly OcrWord[]): OcrWord[] {
  const good = words.filter((w) => /[\p{L}\p{N}]/u.test(w.text));
  return good.length > 0 ? good : [...words];
}

/** A word's font size and baseline from its box and which of its characters rise or descend. */
function wordMetrics(w: OcrWord): { size: number; baseline: number } {
  const rise = TALL.test(w.text) ? CAP_HEIGHT_EM : X_HEIGHT_EM;
  const below = BELOW_BASELINE.test(w.text) ? DESCENDER_EM : 0;
  const size = w.box.h / (rise + below);
  return { size, baseline: bottomOf(w.box) - below * size };
}
/**
 * The lines of a page with ALTO hyphenation marks made explicit: HypPart1/HypPart2 halves rewritten to
 * spell SUBS_CONTENT with a trailing hyphen on the first half; a line ending in <HYP> gets the hyphen on
 * its last word. Copies; the input is not changed.
 */
function explicitHyphens(page: OcrPage): OcrLine[] {
  const lines = page.blocks
    .flatMap((b) => b.lines)
    .map((l) => ({ ...l, words: l.words.filter((w) => w.text !== "").map((w) => ({ ...w })) }))
    .filter((l) => l.words.length > 0);
  lines.forEach((line, i) => {
    const last = line.words[line.words.length - 1];
    if (last === undefined) return;
    const next = lines[i + 1]?.words[0];
    if (last.hyphenPart === 1 && next?.hyphenPart === 2) {
      const head = last.text.replace(TRAILING_HYPHEN, "");
      const full = last.fullWord ?? next.fullWord;
      if (full !== undefined && full !== head + next.text) {
        if (full.startsWith(head) && full.length > head.length) next.text = full.slice(head.length);
        else if (full.length > 1) {
          const k = Math.min(Math.max(1, head.length), full.length - 1);
          last.text = full.slice(0, k);
          next.text = full.slice(k);
        }
      }
      if (!TRAILING_HYPHEN.test(last.text)) last.text += "-";
    } else if (line.endsWithHyphenMark && !TRAILING_HYPHEN.test(last.text)) last.text += "-";
  });
  return lines;
}

/** The page's skew as a slope (dy/dx), the median over long lines of their words' baseline slope. */
function pageSlope(lines: readonly OcrLine[]): number {
  const slopes: number[] = [];
  for (const line of lines) {
    const words = measurableWords(line.words);
    if (words.length < SKEW_MIN_WORDS) continue;
    const xs = words.map((w) => w.box.x + w.box.w / 2);
    const ys = words.map((w) => wordMetrics(w).baseline);
    const span = Math.max(...xs) - Math.min(...xs);
    if (span < SKEW_MIN_SPAN) continue;
    const slope = fitSlope(xs, ys);
    if (slope !== null) slopes.push(slope);
  }
  const slope = median(slopes) ?? 0;
  return Math.abs(slope) <= MAX_SKEW_SLOPE ? slope : 0;
}

/** A line being placed: its words, its baseline, and its font size as estimated from heights and from widths. */
interface PlacedLine {
  words: Placed[];
  heightSize: number;
  /** Points per em of advance width (Helvetica proportions), or undefined for lines too short to tell. */
  widthSize: number | undefined;
}

/** Places the lines of one page: deskewed, one baseline per OCR line (the median over its words). */
function placeLines(lines: readonly OcrLine[]): PlacedLine[] {
  const slope = pageSlope(lines);
  const out: PlacedLine[] = [];
  for (const line of lines) {
    if (line.words.length === 0) continue;
    // Sheared coordinates: y' = y − slope·x puts the lines of a skewed page back on horizontal rows.
    const measurable = measurableWords(line.words);
    const measured = measurable.map((w) => ({ ...wordMetrics(w), x: w.box.x + w.box.w / 2 }));
    // Word boxes are sometimes too tall (reaching into the line below), rarely too short: the line's
    // size is a low quantile of its words' sizes, its baseline the median of the words agreeing with it.
    const heightSize = Math.max(1, quantile(measured.map((m) => m.size), LINE_SIZE_QUANTILE) ?? 1);
    const agreeing = measured.filter((m) => Math.abs(m.size - heightSize) <= SIZE_AGREEMENT * heightSize);
    const baseline = median((agreeing.length > 0 ? agreeing : measured).map((m) => m.baseline - slope * m.x)) ?? 0;
    // Widths from words of letters only: the ink of punctuation and initials ("D.") is far narrower than its advance.
    const lettered = line.words.filter((w) => /^\p{L}{3,}[.,;:]?$/u.test(w.text));
    const ems = lettered.reduce((sum, w) => sum + textWidth(w.text.replace(/[.,;:]$/u, "")) / 1000, 0);
    const widthSize = ems >= MIN_WIDTH_EMS ? lettered.reduce((sum, w) => sum + w.box.w, 0) / ems : undefined;
    const words: Placed[] = [...line.words]
      .sort((a, b) => a.box.x - b.box.x)
      .map((w) => ({ text: w.text, box: w.box, x: w.box.x, width: w.box.w, baseline, fontSize: heightSize, ...(w.confidence === undefined ? {} : { confidence: w.confidence }) }));
    out.push({ words, heightSize, widthSize });
  }
  return out;
}

/**
 * Gives every line its font size: the height estimate, or the width estimate (scaled to heights over
 * the document) when that is clearly smaller. A stray mark makes a word box too tall, never too wide and tall at
 * once; a heading in a larger font is both, and keeps its size.
 */
function sizeLines(pages: readonly PlacedLine[][]): void {
  const ratio = median(pages.flat().flatMap((l) => (l.widthSize === undefined ? [] : [l.heightSize / l.widthSize])));
  for (const line of pages.flat()) {
    const fromWidth = ratio === undefined || line.widthSize === undefined ? line.heightSize : ratio * line.widthSize;
    const fontSize = fromWidth < (1 - SIZE_SNAP_RATIO) * line.heightSize ? fromWidth : line.heightSize;
    for (const w of line.words) w.fontSize = fontSize;
  }
}

/** Keeps the words of each line MIN_WORD_GAP_EM apart (the engine split them; see the constant). */
function separateWords(line: PlacedLine): void {
  line.words.forEach((next, k) => {
    const prev = line.words[k - 1];
    if (prev === undefined) return;
    const gap = MIN_WORD_GAP_EM * next.fontSize;
    if (next.x - (prev.x + prev.width) >= gap) return;
    // Shorten the word before when it stays a word; else move this one right.
    if (next.x - gap - prev.x > gap) prev.width = next.x - gap - prev.x;
    else next.x = prev.x + prev.width + gap;
  });
}

/** Sizes within SIZE_SNAP_RATIO of the document's most common size (by words) become that size. */
function snapSizes(pages: readonly Placed[][]): void {
  const bins = new Map<number, number>();
  for (const p of pages.flat()) {
    const bin = Math.round(p.fontSize / SIZE_BIN);
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  let best: [number, number] | undefined;
  for (const entry of bins) if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  if (best === undefined) return;
  // The mode of rounded sizes, refined to the median of the sizes near it.
  const around = pages.flat().filter((p) => Math.abs(p.fontSize - best[0] * SIZE_BIN) <= SIZE_SNAP_RATIO * best[0] * SIZE_BIN);
  const usual = median(around.map((p) => p.fontSize)) ?? best[0] * SIZE_BIN;
  for (const p of pages.flat()) if (Math.abs(p.fontSize - usual) <= SIZE_SNAP_RATIO * usual) p.fontSize = usual;
}

function unionBox(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * ADAPTER (OCR words ↔ the PDF rebuild's spans). The rebuild gives spans boxes derived from font size
 * and no OCR confidence; this gives each span the union of the OCR boxes and the lowest confidence of
 * the OCR words it is made of. A span is made of the words whose left edge lies in its x-range and
 * whose (deskewed) baseline lies in its vertical range: the rebuild copies item positions into word
 * positions unchanged, and merges only touching words of one row.
 */
function attachOcrWords(pages: Page[], placed: readonly Placed[][]): void {
  pages.forEach((page, p) => {
    const words = [...(placed[p] ?? [])].sort((a, b) => a.x - b.x);
    for (const line of page.lines) {
      for (const span of line.spans) {
        const sb = span.box;
        delete span.confidence;
        if (sb === undefined) continue;
        let lo = 0;
        let hi = words.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((words[mid]?.x ?? 0) < sb.x - MATCH_EPSILON) lo = mid + 1;
          else hi = mid;
        }
        const matched: Placed[] = [];
        for (let k = lo; k < words.length; k++) {
          const w = words[k] as Placed;
          if (w.x >= sb.x + Math.max(sb.w, MATCH_EPSILON)) break;
          if (w.baseline >= sb.y - MATCH_EPSILON && w.baseline <= sb.y + sb.h + MATCH_EPSILON) matched.push(w);
        }
        const box = unionBox(matched.map((w) => w.box));
        if (box !== undefined) span.box = box;
        const confidences = matched.flatMap((w) => (w.confidence === undefined ? [] : [w.confidence]));
        if (confidences.length > 0) span.confidence = Math.min(...confidences);
      }
      const lineBox = unionBox(line.spans.flatMap((s) => (s.box === undefined ? [] : [s.box])));
      if (lineBox !== undefined) line.box = lineBox;
    }
  });
}

/** The layout rebuild's input for pages of OCR words (one item per word), and the placed words. */
export function ocrPageInputs(ocrPages: readonly OcrPage[]): { inputs: PageInput[]; placed: Placed[][] } {
  const lines = ocrPages.map((page) => placeLines(explicitHyphens(page)));
  sizeLines(lines);
  const placed = lines.map((page) => page.flatMap((l) => l.words));
  snapSizes(placed);
  for (const line of lines.flat()) separateWords(line);
  const inputs: PageInput[] = ocrPages.map((page, p) => {
    const words = placed[p] ?? [];
    const items: PdfItem[] = words.map((w) => ({ str: w.text, x: w.x, baseline: w.baseline, width: Math.max(w.width, MATCH_EPSILON), fontSize: w.fontSize }));
    const width = page.width ?? Math.max(0, ...words.map((w) => w.box.x + w.box.w));
    const height = page.height ?? Math.max(0, ...words.map((w) => w.box.y + w.box.h));
    return { number: page.number, width, height, items };
  });
  return { inputs, placed };
}

/** Pages of OCR words → the assembled text and the document pages (see the file comment). */
export function layoutOcrPages(ocrPages: readonly OcrPage[]): OcrLayoutResult {
  const { inputs, placed } = ocrPageInputs(ocrPages);
  const { text, pages } = layoutDocument(inputs);
  attachOcrWords(pages, placed);
  return { text, pages };
}
