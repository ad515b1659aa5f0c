/** What two blocks of text are compared on: their folded words, and the word 3-grams (shingles) of those words. */
import NGrams from "natural/lib/natural/ngrams/ngrams.js";
import { foldForMatch } from "../normalize/text.js";

/**
 * Words per shingle. One OCR slip ("re-labellisation" read "re-labelisation") changes the 3 shingles holding
 * the word; longer shingles would let a few slips per page sink a true copy, shorter ones (words, pairs)
 * make two texts of one council's boilerplate look alike.
 */
export const SHINGLE_WORDS = 3;

/** Folded words, accents and case gone, split at anything but letters and digits. */
export function wordsOf(text: string): string[] {
  return foldForMatch(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
}

export function shingles(words: readonly string[]): Set<string> {
  if (words.length < SHINGLE_WORDS) return new Set(words.length > 0 ? [words.join(" ")] : []);
  return new Set(NGrams.ngrams([...words], SHINGLE_WORDS).map((g) => g.join(" ")));
}

/** Exact Jaccard similarity of two shingle sets (what MinHash estimates). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}
