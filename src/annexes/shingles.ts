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

/** FNV-1a's offset basis and prime (minhash.ts hashString), to hash a shingle without building its string. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

function fnvOver(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), FNV_PRIME);
  return x;
}

/**
 * hashString of each shingle of `words`, in order, repeats kept: what signatureOfHashes takes, without the
 * shingles' strings (their joins and their set were a third of the de-duplication's time).
 */
export function shingleHashes(words: readonly string[]): Uint32Array {
  if (words.length < SHINGLE_WORDS) {
    return words.length > 0 ? Uint32Array.of(fnvOver(FNV_OFFSET, words.join(" ")) >>> 0) : new Uint32Array(0);
  }
  const out = new Uint32Array(words.length - SHINGLE_WORDS + 1);
  for (let k = 0; k < out.length; k++) {
    let h = FNV_OFFSET;
    for (let w = 0; w < SHINGLE_WORDS; w++) {
      if (w > 0) h = Math.imul(h ^ SPACE, FNV_PRIME);
      h = fnvOver(h, words[k + w] as string);
    }
    out[k] = h >>> 0;
  }
  return out;
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
