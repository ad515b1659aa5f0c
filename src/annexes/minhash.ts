/**
 * MinHash signatures: for each of K hash functions, the least hash of a block's shingles. The share of
 * positions where two signatures agree estimates the Jaccard similarity of the two shingle sets (standard
 * error ≈ √(J(1−J)/K), ≤ 0.044 for K = 128). Hand-written: small, and deterministic by its fixed seeds.
 */

/** Hash functions per signature: 128 = 32 LSH bands of 4 rows (lsh.ts). */
export const MINHASH_SIZE = 128;

/** FNV-1a over UTF-16 code units: a shingle's 32-bit base hash. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The family's seeds, from a fixed splitmix-style sequence: the same signatures on every run and machine. */
const SEEDS: Uint32Array = (() => {
  const out = new Uint32Array(MINHASH_SIZE);
  let state = 0x9e3779b9;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    out[i] = fmix32(state);
  }
  return out;
})();

/** The MinHash signature of a set of shingles (all 0xffffffff for an empty set). */
export function signature(shingles: Iterable<string>): Uint32Array {
  return signatureOfHashes(Uint32Array.from(shingles, hashString));
}

/**
 * The MinHash signature of shingles given by their base hashes (hashString), repeats allowed: a minimum
 * does not change for a value seen twice. One hash function at a time over all the hashes, its minimum
 * kept in a local (the signature of a benchmark text document's annexes: ~2× faster than one shingle at a
 * time over the 128 functions).
 */
export function signatureOfHashes(bases: Uint32Array): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  if (bases.length === 0) return sig;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    const seed = SEEDS[i] as number;
    let min = 0xffffffff;
    for (let k = 0; k < bases.length; k++) {
      const h = fmix32((bases[k] as number) ^ seed);
      if (h < min) min = h;
    }
    sig[i] = min;
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of hash functions whose minima agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}
