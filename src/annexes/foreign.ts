/**
 * What two aligned blocks do not share, told apart from OCR slips. A copy differs from its original by
 * misread letters inside words ("labellisation"/"labelisation", "Financeurs"/"Financiers", "comit"/"comite":
 * the seed's only differences); two deliberations of one sitting, however alike ("Création d’un emploi
 * d’adjoint" 4 and 5, Pierrefonds 2018-04-26, 98 % of words aligned), differ by numbers ("30" hours / "22")
 * and by words that are no variant of any other ("atelier relais" / "assainissement", Putanges 2019-04-08).
 */

/** Words this long or longer may be an OCR variant of another; shorter ones ("de", "le", "4") must match. */
const MIN_VARIANT_LENGTH = 4;
/** An OCR variant is at most this many letters away (inserted, deleted or changed): "prestations"/"prestation". */
const MAX_VARIANT_EDITS = 2;

export interface Foreign {
  /** Tokens holding a digit that the other block does not print, both ways. */
  numbers: number;
  /** Words that the other block does not print, nor any near variant of them, both ways. */
  words: number;
}

/** Levenshtein distance of two words, or max + 1 once it is known to exceed max. */
function editsWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] as number;
}

/** Tokens of `a` left over once every token of `b` took one equal token of `a` (multiset difference). */
function leftOver(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1);
  const out: string[] = [];
  for (const w of a) {
    const n = counts.get(w) ?? 0;
    if (n > 0) counts.set(w, n - 1);
    else out.push(w);
  }
  return out;
}

/**
 * The tokens that set two blocks apart beyond OCR slips. Counting stops past `maxWords` foreign words
 * (the caller's limit): a pair that is no copy need not be counted to the end.
 */
export function foreignTokens(a: readonly string[], b: readonly string[], maxWords: number): Foreign {
  const onlyA = leftOver(a, b);
  const onlyB = leftOver(b, a);
  const isNumber = (w: string): boolean => /\d/u.test(w);
  let numbers = 0;
  let words = 0;
  for (const [mine, theirs] of [
    [onlyA, onlyB],
    [onlyB, onlyA],
  ] as const) {
    const candidates = theirs.filter((w) => !isNumber(w) && w.length >= MIN_VARIANT_LENGTH);
    for (const w of mine) {
      if (isNumber(w)) numbers++;
      else if (w.length < MIN_VARIANT_LENGTH || !candidates.some((c) => editsWithin(w, c, MAX_VARIANT_EDITS) <= MAX_VARIANT_EDITS)) words++;
      if (words > maxWords) return { numbers, words };
    }
  }
  return { numbers, words };
}
