/**
 * From confirmed copy pairs to clusters: a convention printed twice with its annexes is one event, not four.
 * Consecutive copies whose originals are consecutive too (the seed's second Convention, Annexes 1, 2 and 3
 * repeating the first four attachments) form one cluster; a lone repeated annex is a cluster of its own.
 */

/** One block repeating an earlier one, and how much of their words align. */
export interface CopyPair {
  copy: number;
  original: number;
  similarity: number;
}

export interface Cluster {
  /** The blocks kept as the text of record, in order. */
  kept: number[];
  /** The other copy of each, same order: `copies[i]` repeats `kept[i]`. */
  copies: number[];
  /** The lowest similarity of its pairs. */
  similarity: number;
}

/** Groups pairs (sorted by copy) into runs of consecutive copies of consecutive originals. */
export function clustersOf(pairs: readonly CopyPair[]): Array<{ originals: number[]; copies: number[]; similarities: number[] }> {
  const out: Array<{ originals: number[]; copies: number[]; similarities: number[] }> = [];
  for (const p of [...pairs].sort((a, b) => a.copy - b.copy)) {
    const last = out.at(-1);
    if (last !== undefined && last.copies.at(-1) === p.copy - 1 && last.originals.at(-1) === p.original - 1) {
      last.copies.push(p.copy);
      last.originals.push(p.original);
      last.similarities.push(p.similarity);
    } else {
      out.push({ originals: [p.original], copies: [p.copy], similarities: [p.similarity] });
    }
  }
  return out;
}
