/**
 * Annexes printed twice: shingles → MinHash signatures → LSH candidates → word alignment → clusters.
 * Works on blocks of text (a deliberation's attachments, running lines already blanked out); says which
 * block repeats which. Nothing is removed from the document.
 */
import { alignedShare, WordIds } from "./align.js";
import { clustersOf, type Cluster, type CopyPair } from "./clusters.js";
import { keepLater } from "./keep.js";
import { candidatePairs } from "./lsh.js";
import { estimateJaccard, signatureOfHashes } from "./minhash.js";
import { foreignWords, isNumber, numberEdits } from "./foreign.js";
import { shingleHashes, wordsOf } from "./shingles.js";

/**
 * A block needs this many words to be compared: two annexes that are a title over a plan or a photo
 * ("Annexe 4 : plan de situation") share most of their few words without being one annex.
 */
export const MIN_BLOCK_WORDS = 30;
/**
 * LSH candidates whose estimated Jaccard is below this are not aligned: the seed's copies estimate 0.95–1.00
 * (exact 0.937–1.000); a pair aligned at NEAR_DUPLICATE_ALIGNED (one word in ten changed, each change
 * spoiling 3 shingles) is near 0.5 at worst, so below it the alignment can only fail.
 */
export const MIN_ESTIMATED_JACCARD = 0.5;
/**
 * Two blocks may be one text printed twice when this share of their words aligns, in order (2·LCS / (N+M)).
 * The seed's copies align at 0.989–1.000 (a few OCR slips per page). Alignment alone does not tell a copy:
 * deliberations of one sitting align up to 0.981 ("Création d’un emploi d’adjoint" 4 and 5, Pierrefonds
 * 2018-04-26; "Approbation du compte de gestion" of four budgets, Putanges 2019-04-08, 0.97), so the words
 * that differ must be OCR slips too (below).
 */
export const NEAR_DUPLICATE_ALIGNED = 0.9;
/**
 * Digits a copy may print differently (numberEdits: the digits of the two blocks' numbers, in order), one per
 * this many words of the two blocks, plus OCR_DIGIT_SLIPS: the seed's copies print the same digits (its
 * 300-dpi scan too, once cut and glued numbers are read as digits); every pair of deliberations of one
 * sitting aligned at 0.9+ differs by 3 digits or more (their item numbers, dates, amounts, hours).
 */
export const WORDS_PER_NUMBER_SLIP = 2000;
/** Digits misread in any copy, however short: one ("482 812" printed "482 872" by the copy's OCR). */
export const OCR_DIGIT_SLIPS = 1;
/**
 * Words of either block that the other prints in no near form (foreign.ts), at most this share of their
 * words: the seed's copies have none; the deliberations of one sitting aligned at 0.9+ have 2.1–8.8 %, or
 * none for Pierrefonds' two "Création d’un emploi", which only their numbers tell apart.
 */
export const MAX_FOREIGN_WORD_SHARE = 0.01;

export interface Block {
  /** The block's text, running headers and footers blanked out. */
  text: string;
  /** Mean OCR word confidence, or null for text that came with none. */
  confidence: number | null;
}

export interface Duplicate {
  /** Index of the block kept, or null for a block that repeats nothing (or is itself kept). */
  duplicateOf: number | null;
  /** Aligned share of words with that block, 3 decimals. */
  similarity: number | null;
}

export interface Dedup {
  blocks: Duplicate[];
  clusters: Cluster[];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Letters a token glued to a number must keep to count as a word: "annexe2" → "annexe", not "1er" → "er". */
const MIN_GLUED_LETTERS = 4;

/** The word of a token: itself without digits, or null for a number ("2020", "1er"). */
function lettersOf(token: string): string | null {
  if (!isNumber(token)) return token;
  const rest = token.replace(/\d+/gu, "");
  return rest.length >= MIN_GLUED_LETTERS ? rest : null;
}

/** `read` of each block's words, worked out the first time block i is asked for. */
function lazily<T>(words: readonly string[][], read: (w: string[]) => T): (i: number) => T {
  const memo = new Map<number, T>();
  return (i) => {
    let v = memo.get(i);
    if (v === undefined) {
      v = read(words[i] ?? []);
      memo.set(i, v);
    }
    return v;
  };
}

/** Which blocks repeat which, and the clusters they form. Deterministic: same blocks, same answer. */
export function findDuplicates(blocks: readonly Block[]): Dedup {
  const words = blocks.map((b) => wordsOf(b.text));
  const out: Duplicate[] = blocks.map(() => ({ duplicateOf: null, similarity: null }));
  // One block long enough to compare (most deliberations: a single attachment) repeats nothing: no signatures.
  if (words.filter((w) => w.length >= MIN_BLOCK_WORDS).length < 2) return { blocks: out, clusters: [] };
  const signatures = words.map((w) => (w.length < MIN_BLOCK_WORDS ? null : signatureOfHashes(shingleHashes(w))));
  // Read only for the blocks of a pair that gets that far (each at most once): most pairs stop at the estimate.
  const ids = new WordIds();
  const seq = lazily(words, (w) => ids.of(w));
  const numbers = lazily(words, (w) => w.filter(isNumber));
  // A word OCR glued to a number keeps its letters among the words ("annexe2" / "annexe 2", the seed's scan);
  // a short ending stays with its number ("1er" / "1").
  const letters = lazily(words, (w) => w.map(lettersOf).filter((t): t is string => t !== null));
  // Each later block's best confirmed earlier block (highest share, then the earliest).
  const best = new Map<number, CopyPair>();
  for (const [i, j] of candidatePairs(signatures)) {
    if (estimateJaccard(signatures[i] as Uint32Array, signatures[j] as Uint32Array) < MIN_ESTIMATED_JACCARD) continue;
    // Cheapest test first: numbers are few, and the deliberations of a template differ by them.
    const n = (words[i]?.length ?? 0) + (words[j]?.length ?? 0);
    const digitSlips = Math.floor(n / WORDS_PER_NUMBER_SLIP) + OCR_DIGIT_SLIPS;
    if (numberEdits(numbers(i), numbers(j), digitSlips) > digitSlips) continue;
    const share = alignedShare(seq(i), seq(j), NEAR_DUPLICATE_ALIGNED);
    if (share === null) continue;
    const maxWords = Math.floor(MAX_FOREIGN_WORD_SHARE * n);
    if (foreignWords(letters(i), letters(j), maxWords) > maxWords) continue;
    const prev = best.get(j);
    if (prev === undefined || share > prev.similarity) best.set(j, { copy: j, original: i, similarity: share });
  }
  // A third printing points at the first, not at the second.
  const rootOf = (i: number): number => {
    let at = i;
    for (let p = best.get(at); p !== undefined; p = best.get(at)) at = p.original;
    return at;
  };
  const pairs = [...best.values()].map((p) => ({ ...p, original: rootOf(p.original) }));
  const clusters: Cluster[] = [];
  for (const c of clustersOf(pairs)) {
    const later = keepLater(meanConfidence(blocks, words, c.originals), meanConfidence(blocks, words, c.copies));
    const kept = later ? c.copies : c.originals;
    const copies = later ? c.originals : c.copies;
    copies.forEach((copy, k) => {
      out[copy] = { duplicateOf: kept[k] as number, similarity: round3(c.similarities[k] as number) };
    });
    clusters.push({ kept, copies, similarity: round3(Math.min(...c.similarities)) });
  }
  return { blocks: out, clusters };
}

/** Mean OCR confidence of some blocks, weighted by their words; null when none has one. */
function meanConfidence(blocks: readonly Block[], words: readonly string[][], which: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  for (const i of which) {
    const c = blocks[i]?.confidence ?? null;
    if (c === null) continue;
    const w = words[i]?.length ?? 0;
    sum += c * w;
    n += w;
  }
  return n === 0 ? null : sum / n;
}
