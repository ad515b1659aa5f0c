/**
 * Word-level alignment of two blocks (Myers' O((N+M)·D) diff, hand-written): the share of words the two
 * have in common, in order, 2·LCS / (N + M) = 1 − D / (N + M) with D the words inserted or deleted. It
 * confirms what MinHash only estimates, and is what a copy's `similarity` reports.
 */

/**
 * The aligned share of two word-id sequences, or null when it is below `min`: the search stops as soon as
 * D passes (1 − min)·(N + M), so a pair that is no copy costs little.
 */
export function alignedShare(a: ArrayLike<number>, b: ArrayLike<number>, min: number): number | null {
  const n = a.length;
  const m = b.length;
  if (n + m === 0) return 1;
  const maxD = Math.floor((1 - min) * (n + m));
  const offset = maxD + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x − k).
  const v = new Int32Array(2 * maxD + 3);
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return 1 - d / (n + m);
    }
  }
  return null;
}

/** Word ids for alignment: one number per distinct word, shared by every block of one comparison. */
export class WordIds {
  private readonly ids = new Map<string, number>();

  of(words: readonly string[]): Int32Array {
    const out = new Int32Array(words.length);
    words.forEach((w, i) => {
      let id = this.ids.get(w);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(w, id);
      }
      out[i] = id;
    });
    return out;
  }
}
