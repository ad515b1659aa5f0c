/**
 * OCR words (pixels) → the PDF layout rebuild's items (points, top-left origin), so that OCR'd pages get
 * the same rows, columns, paragraphs and hyphen joins as text-layer pages. Each word becomes one item:
 * baseline from the engine's line baseline, or from the bottoms of the line's words; font size from the
 * line's ascender height.
 */
import { fitSlope, median } from "../stats.js";
import type { PdfItem } from "../pdf/types.js";
import type { OcrWord } from "./types.js";

/** Capitals, digits and ascenders reach this high above the baseline, × font size (0.7 in most text faces). */
const ASCENDER_EM = 0.72;
/** Letters that go below the baseline: their word's bottom is not the baseline. */
const DESCENDERS = /[gjpqyçµ,;()[\]{}]/u;
/** Letters that reach the ascender line (accents on capitals would reach higher: left out). */
const ASCENDERS = /[A-Z0-9bdfhklt]/u;
/** A line must span this many pixels (and hold ≥ 3 words) for its slope to be measured: ~1 inch at 300 dpi. */
const MIN_SLOPE_SPAN = 300;
/**
 * Words without a lower-case letter read with less confidence than this are dropped: dotted leader
 * lines, signatures and stamps come out as "LCOETECTOECTECONDOETOEEENTE", "RRAEKXEX", "#08" at 0–0.3,
 * while printed capitals score 0.6–0.97. Lower-case words are kept whatever their score: tesseract gave
 * 0.04 to a clean italic "l'essentiel" (Saint-Restitut, 10 Sept. 2019).
 */
export const MIN_WORD_CONFIDENCE = 0.3;

/** A word read with at least this confidence vouches for its line being printed text. */
const CONFIDENT_WORD = 0.7;
/**
 * A low-confidence capital word is kept when its line holds at least this many confident words (and they
 * are at least half of the line's other words): tesseract gives 0.00–0.26 to printed capitals beside a
 * dotted initial in running text ("Y. ARMAND précise…", "I.MEJEAN : procuration à N.VERDON", "ACCEPTE
 * le legs", amounts such as "18.382,50" or "100 000€"), while noise (stamps, signatures, "*******") sits
 * on lines of its own.
 */
const MIN_CONFIDENT_NEIGHBOURS = 3;
/**
 * …and when its box is at least this share of the height of those words: dotted leaders inside a text
 * line ("Réparation débroussailleuse CCOCTE 1.674,38 €") are read as letters whose box is the dots only,
 * 0.04–0.5 of the line's height, while printed words measure 0.65–1.3 of it.
 */
const MIN_HEIGHT_SHARE = 0.6;
/**
 * …and at most this share: a signature or stamp reaching into a text line is boxed 3–5 times as tall as the
 * line's words ("{" and "AT" beside "Le Maire :" / "Yves ARMAND", Saint-Restitut, 25 Oct. 2016), while printed
 * words measure at most ~1.35 of it (parentheses, accented capitals).
 */
const MAX_HEIGHT_SHARE = 1.6;

/**
 * A table's vertical rule read as a word: "2026 004 | Modification de l’objet social" (Pierrefonds list of
 * deliberations). Kept, it bridges the gutter between two cells and the table reads as prose. A doubled bar
 * ("|| faut") is a misread "Il", not a rule.
 */
const RULE_BAR = /^[|¦]$/u;

/** True for OCR noise rather than a word (see MIN_WORD_CONFIDENCE and MIN_CONFIDENT_NEIGHBOURS). */
function noise(w: OcrWord, line: readonly OcrWord[]): boolean {
  if (RULE_BAR.test(w.text)) return true;
  if (w.confidence >= MIN_WORD_CONFIDENCE || /\p{Ll}/u.test(w.text)) return false;
  const others = line.filter((o) => o !== w);
  const confident = others.filter((o) => o.confidence >= CONFIDENT_WORD);
  if (confident.length < MIN_CONFIDENT_NEIGHBOURS || confident.length * 2 < others.length) return true;
  const height = median(confident.map((o) => o.y1 - o.y0)) ?? 0;
  const h = w.y1 - w.y0;
  return h < MIN_HEIGHT_SHARE * height || h > MAX_HEIGHT_SHARE * height;
}

/** Remaining skew (radians) smaller than this is not corrected: 0.2° moves a 2,000-pixel line's end by 7 pixels, less than a row's tolerance. */
const MIN_RESIDUAL_SKEW = (0.2 * Math.PI) / 180;

function byLine(words: readonly OcrWord[]): OcrWord[][] {
  const lines = new Map<string, OcrWord[]>();
  for (const w of words) {
    const line = lines.get(w.line);
    if (line === undefined) lines.set(w.line, [w]);
    else line.push(w);
  }
  return [...lines.values()];
}

/** Descenders reach this far below the baseline, × the word box height, at most (~0.25 em of a ~1.1 em box). */
const MAX_DESCENT_SHARE = 0.35;
/** A line's font size is at most this many times the page's median one: headings reach ~2.5×, noise read as a "line" far more. */
const MAX_FONT_RATIO = 4;

/** True when the engine's baseline can be the word's: inside its box, or a descender's depth below it. */
function plausible(w: OcrWord): boolean {
  return w.baseline !== undefined && w.baseline > w.y0 && w.baseline <= w.y1 + MAX_DESCENT_SHARE * (w.y1 - w.y0);
}

/** A word's bottom is this share of its box height below the baseline when it has descenders (~0.25 of ~1.15 em). */
const DESCENT_SHARE = 0.22;

/** The least-squares line y = a + b·x through points, or undefined when they do not spread along x. */
function fitLine(points: ReadonlyArray<readonly [number, number]>): ((x: number) => number) | undefined {
  if (points.length < 2) return undefined;
  const mx = points.reduce((s, p) => s + p[0], 0) / points.length;
  const my = points.reduce((s, p) => s + p[1], 0) / points.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  if (den === 0) return undefined;
  const b = num / den;
  return (x) => my + b * (x - mx);
}

/** Bottoms further than this (× the line's median word height) from the first fit are outliers (noise boxed with a word). */
const OUTLIER_SHARE = 0.1;

/** The line through the bottoms of words without descenders, fitted twice: the second time without outliers. */
function bottomLine(line: readonly OcrWord[]): ((x: number) => number) | undefined {
  const points = line.filter((w) => !DESCENDERS.test(w.text)).map((w) => [(w.x0 + w.x1) / 2, w.y1] as const);
  const first = fitLine(points);
  if (first === undefined) return points.length === 1 ? () => points[0]?.[1] ?? 0 : undefined;
  const tolerance = Math.max(2, OUTLIER_SHARE * (median(line.map((w) => w.y1 - w.y0)) ?? 0));
  return fitLine(points.filter(([x, y]) => Math.abs(y - first(x)) <= tolerance)) ?? first;
}

/**
 * Baseline under each word: the engine's when plausible (noise read as text can get a line far away);
 * else the line through the bottoms of the line's words without descenders (skew kept, outliers left
 * out); with no such word, the word's bottom raised by a descender's depth.
 */
function baselines(line: readonly OcrWord[]): number[] {
  const fit = bottomLine(line);
  return line.map((w) => {
    if (plausible(w)) return w.baseline ?? w.y1;
    const guess = fit?.((w.x0 + w.x1) / 2) ?? w.y1 - DESCENT_SHARE * (w.y1 - w.y0);
    return Math.min(w.y1, Math.max(w.y0, guess));
  });
}

/** The slope of the page's lines (radians, positive down to the right): the median of long lines' slopes. */
export function residualSkew(words: readonly OcrWord[]): number {
  const slopes: number[] = [];
  for (const line of byLine(words)) {
    if (line.length < 3) continue;
    const bases = baselines(line);
    const xs = line.map((w) => (w.x0 + w.x1) / 2);
    const span = Math.max(...xs) - Math.min(...xs);
    if (span < MIN_SLOPE_SPAN) continue;
    const slope = fitSlope(xs, bases);
    if (slope !== null) slopes.push(Math.atan(slope));
  }
  return median(slopes) ?? 0;
}

/** Turns word boxes by -angle about (cx, cy): each box moves with its centre, keeping its size. */
export function deskewWords(words: readonly OcrWord[], angle: number, cx: number, cy: number): OcrWord[] {
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const turn = (x: number, y: number): [number, number] => [cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos];
  return words.map((w) => {
    const mx = (w.x0 + w.x1) / 2;
    const my = (w.y0 + w.y1) / 2;
    const [nx, ny] = turn(mx, my);
    const dx = nx - mx;
    const dy = ny - my;
    const moved: OcrWord = { ...w, x0: w.x0 + dx, x1: w.x1 + dx, y0: w.y0 + dy, y1: w.y1 + dy };
    if (w.baseline !== undefined) moved.baseline = w.baseline + dy;
    return moved;
  });
}

/**
 * Braces are parentheses misread: French minutes print none, and the engine reads "(Drôme)", "(RPQS)" as
 * "{Drôme}", "{RPQS)" on scans (Saint-Restitut, Putanges-le-Lac).
 */
const BRACE_FOR: Readonly<Record<string, string>> = { "{": "(", "}": ")" };

/**
 * Items of one page from its OCR words. `scale` is pixels per point; (width, height) the image size,
 * whose centre residual skew turns about.
 */
export function ocrItems(read: readonly OcrWord[], scale: number, width: number, height: number): PdfItem[] {
  const lines0 = new Map(byLine(read).flatMap((line) => line.map((w) => [w, line] as const)));
  const words = read.filter((w) => !noise(w, lines0.get(w) ?? [w]));
  const skew = residualSkew(words);
  const straight = Math.abs(skew) >= MIN_RESIDUAL_SKEW ? deskewWords(words, skew, width / 2, height / 2) : words;
  const lines = byLine(straight).map((line) => {
    const bases = baselines(line);
    const heights = line.flatMap((w, i) => (ASCENDERS.test(w.text) ? [(bases[i] ?? w.y1) - w.y0] : []));
    const ascent = median(heights) ?? Math.max(...line.map((w) => w.y1 - w.y0)) * ASCENDER_EM;
    return { line, bases, fontSize: Math.max(1, ascent / ASCENDER_EM) / scale };
  });
  const cap = MAX_FONT_RATIO * (median(lines.map((l) => l.fontSize)) ?? 0);
  const items: PdfItem[] = [];
  for (const { line, bases, fontSize: measured } of lines) {
    const fontSize = Math.min(measured, cap);
    line.forEach((w, i) => {
      items.push({
        str: w.text.replace(/[{}]/gu, (b) => BRACE_FOR[b] ?? b),
        x: w.x0 / scale,
        baseline: (bases[i] ?? w.y1) / scale,
        width: Math.max(1, w.x1 - w.x0) / scale,
        fontSize,
        confidence: Math.round(w.confidence * 1000) / 1000,
      });
    });
  }
  return items;
}
