/**
 * Locality-sensitive hashing over MinHash signatures: cut each signature into bands of rows; two blocks
 * sharing one band whole are a candidate pair. A pair of Jaccard J becomes a candidate with probability
 * 1 − (1 − J^ROWS)^BANDS: with 32 bands of 4 rows, 0.99 at J = 0.6 and 1.00 from J = 0.7, 0.23 at J = 0.3
 * (the S-curve's midpoint (1/32)^(1/4) ≈ 0.42). Only candidates are aligned (align.ts), so a 200-page
 * document's many blocks cost no quadratic alignment.
 */
import { MINHASH_SIZE } from "./minhash.js";

export const LSH_ROWS = 4;
export const LSH_BANDS = MINHASH_SIZE / LSH_ROWS;

/** Candidate pairs [i, j], i < j, sorted; blocks whose signature is `null` (too short to compare) take no part. */
export function candidatePairs(signatures: ReadonlyArray<Uint32Array | null>): Array<[number, number]> {
  const pairs = new Set<number>();
  const n = signatures.length;
  for (let band = 0; band < LSH_BANDS; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((sig, i) => {
      if (sig === null) return;
      const key = Array.from(sig.subarray(band * LSH_ROWS, (band + 1) * LSH_ROWS)).join(",");
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [i]);
      else bucket.push(i);
    });
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) pairs.add((bucket[x] as number) * n + (bucket[y] as number));
    }
  }
  return [...pairs].sort((a, b) => a - b).map((p) => [Math.floor(p / n), p % n]);
}
