import NGrams from "natural/lib/natural/ngrams/ngrams.js";
import { foldForMatch } from "../normalize/text.js";

/**
 * Two attachments at least this similar (Jaccard over word 3-grams) are one document printed twice:
 * the seed's OCR'd second copy differs from the first by a few words per page (~0.9); distinct annexes
 * of one deliberation share far less (< 0.3).
 */
export const NEAR_DUPLICATE_JACCARD = 0.8;
const SHINGLE_WORDS = 3;

export function shingles(text: string): Set<string> {
  const words = foldForMatch(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
  if (words.length < SHINGLE_WORDS) return new Set(words.length > 0 ? [words.join(" ")] : []);
  return new Set(NGrams.ngrams(words, SHINGLE_WORDS).map((g) => g.join(" ")));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

/** For each text, the index of the earlier text it repeats and how similar they are, or nulls. */
export function findDuplicates(texts: string[]): Array<{ duplicateOf: number | null; similarity: number | null }> {
  const sets = texts.map(shingles);
  return sets.map((set, i) => {
    let best: { j: number; s: number } | null = null;
    for (let j = 0; j < i; j++) {
      const s = jaccard(set, sets[j] as Set<string>);
      if (s >= NEAR_DUPLICATE_JACCARD && (best === null || s > best.s)) best = { j, s };
    }
    return best === null ? { duplicateOf: null, similarity: null } : { duplicateOf: best.j, similarity: Math.round(best.s * 1000) / 1000 };
  });
}
