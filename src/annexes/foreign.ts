/**
 * What two aligned blocks do not share, told apart from OCR slips. A copy differs from its original by
 * misread letters inside words ("labellisation"/"labelisation", "Financeurs"/"Financiers", "comit"/"comite":
 * the seed's only differences); two deliberations of one sitting, however alike ("Création d’un emploi
 * d’adjoint" 4 and 5, Pierrefonds 2018-04-26, 98 % of words aligned), differ by numbers ("30" hours / "22")
 * and by words that are no variant of any other ("atelier relais" / "assainissement", Putanges 2019-04-08).
 */

/** Words this long or longer may be an OCR variant of another; shorter ones ("de", "le") must match. */
const MIN_VARIANT_LENGTH = 4;
/** An OCR variant is at most this many letters away (inserted, deleted or changed): "prestations"/"prestation". */
const MAX_VARIANT_EDITS = 2;

/**
 * Levenshtein distance of two strings when it is at most `max`, else max + 1. Banded: only cells within max
 * of the diagonal can hold a distance ≤ max, so the cost is the length times (2·max + 1), whatever the
 * strings (a word, or a block's digit stream of a few thousand digits). Two reused rows: no allocation.
 */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
function editsWithin(a: string, b: string, max: number): number {
  const far = max + 1;
  if (Math.abs(a.length - b.length) > max) return far;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let row = rowB;
  prev.fill(far, 0, b.length + 1);
  for (let j = 0; j <= Math.min(b.length, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row.fill(far, 0, b.length + 1);
    if (i <= max) row[0] = i;
    let best = i <= max ? i : far;
    const ca = a.charCodeAt(i - 1);
    for (let j = Math.max(1, i - max); j <= Math.min(b.length, i + max); j++) {
      const v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1), far);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return far;
    [prev, row] = [row, prev];
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

const DIGIT = /\d/u;

/** A token holding a digit: numbers ("45", "2020", "1er"), and numbers misread ("1O4"). */
export function isNumber(w: string): boolean {
  return DIGIT.test(w);
}

/** The digits of a block's numbers, in printed order: "1er", "101 514", "annexe2" → "1", "101514", "2". */
export function digitStream(numbers: readonly string[]): string {
  return numbers.map((t) => t.replace(/\D/gu, "")).join("");
}

/**
 * Digits one block's numbers print and the other's do not: the edit distance of their digit streams, or
 * max + 1 once it is known to be more. A copy's OCR cuts and glues numbers ("101514" / "101 514", "1er" /
 * "1", "Annexe2" / "Annexe 2": the seed's 300-dpi scan) without changing their digits, and misreads a digit
 * now and then ("482 812" / "482 872": 1); two deliberations of one sitting differ in whole numbers ("30"
 * hours / "22" and their item numbers "4." / "5.", Pierrefonds 2018-04-26: 3). The same bounded distance as
 * words' variants (editsWithin), over digits.
 */
export function numberEdits(a: readonly string[], b: readonly string[], max: number): number {
  return editsWithin(digitStream(a), digitStream(b), max);
}

/**
 * Takes out of `mine` the words OCR glued together that `theirs` prints apart ("programmede" / "programme de",
 * the seed's scan), and those two words out of `theirs`.
 */
function unglue(mine: string[], theirs: string[]): void {
  const count = new Map<string, number>();
  for (const w of theirs) count.set(w, (count.get(w) ?? 0) + 1);
  const take = (w: string): void => {
    count.set(w, (count.get(w) ?? 0) - 1);
    theirs.splice(theirs.indexOf(w), 1);
  };
  for (let i = mine.length - 1; i >= 0; i--) {
    const w = mine[i] as string;
    for (let k = 1; k < w.length; k++) {
      const x = w.slice(0, k);
      const y = w.slice(k);
      if ((count.get(x) ?? 0) < 1 || (count.get(y) ?? 0) < (x === y ? 2 : 1)) continue;
      take(x);
      take(y);
      mine.splice(i, 1);
      break;
    }
  }
}

/**
 * Words (no digit) of either block that the other prints in no near form. Counting stops past `max` (the
 * caller's limit): a pair that is no copy need not be counted to the end.
 */
export function foreignWords(a: readonly string[], b: readonly string[], max: number): number {
  const onlyA = leftOver(a, b);
  const onlyB = leftOver(b, a);
  unglue(onlyA, onlyB);
  unglue(onlyB, onlyA);
  let words = 0;
  for (const [mine, theirs] of [
    [onlyA, onlyB],
    [onlyB, onlyA],
  ] as const) {
    const candidates = theirs.filter((w) => w.length >= MIN_VARIANT_LENGTH);
    for (const w of mine) {
      if (w.length < MIN_VARIANT_LENGTH || !candidates.some((c) => editsWithin(w, c, MAX_VARIANT_EDITS) <= MAX_VARIANT_EDITS)) words++;
      if (words > max) return words;
    }
  }
  return words;
}
