/**
 * Approximate glyph widths, to place words inside a pdf.js item (which only gives the whole item's width).
 * Helvetica's widths (1/1000 em) are a fair proxy for the proportions of most sans and serif text fonts:
 * an "i" is narrow, an "m" wide. Accented letters take their base letter's width.
 */
const ASCII_WIDTHS: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];

const OTHER_WIDTHS: Readonly<Record<string, number>> = {
  "«": 556, "»": 556, "–": 556, "—": 1000, "€": 556, "œ": 944, "Œ": 1000, "æ": 889, "Æ": 1000, "°": 400,
  "§": 556, "’": 222, "‘": 222, "“": 333, "”": 333, "…": 1000, "•": 350, "\u00a0": 278, "\u202f": 200, "ß": 611,
};

/** Width of anything else (symbols such as ✓). */
const DEFAULT_WIDTH = 600;

const cache = new Map<string, number>();

/** Approximate width of one character in 1/1000 em. */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 32 && code <= 126) return ASCII_WIDTHS[code - 32] ?? DEFAULT_WIDTH;
  const known = OTHER_WIDTHS[ch];
  if (known !== undefined) return known;
  let w = cache.get(ch);
  if (w === undefined) {
    const base = ch.normalize("NFD")[0] ?? ch;
    const baseCode = base.codePointAt(0) ?? 0;
    w = base !== ch && baseCode >= 32 && baseCode <= 126 ? (ASCII_WIDTHS[baseCode - 32] ?? DEFAULT_WIDTH) : DEFAULT_WIDTH;
    cache.set(ch, w);
  }
  return w;
}

/** Approximate width of a string in 1/1000 em. */
export function textWidth(text: string): number {
  let sum = 0;
  for (const ch of text) sum += charWidth(ch);
  return sum;
}
