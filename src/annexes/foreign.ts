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

/** Levenshtein distance of two words, or max + 1 once it is known to exceed max (two reused rows, no allocation). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
function editsWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let row = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
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

/** A token holding a digit: numbers ("45", "2020", "1er"), and numbers misread ("1O4"). */
export function isNumber(w: string): boolean {
  return /\d/u.test(w);
}

/**
 * A number this long misread in one digit ("482 812" printed "482 872" by the copy's OCR) is one slip, not two
 * foreign numbers. Shorter ones are not forgiven: "30" hours and "22" are what tell two deliberations of a
 * sitting apart (Pierrefonds 2018-04-26).
 */
const MIN_SLIP_DIGITS = 3;
/** Misread digits forgiven per pair of blocks: one OCR slip; two amounts a digit apart each is another text. */
const MAX_DIGIT_SLIPS = 1;

/** "812" / "872": same length, one character changed. */
function oneDigitApart(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < MIN_SLIP_DIGITS) return false;
  let diff = 0;
  for (let k = 0; k < a.length && diff < 2; k++) if (a[k] !== b[k]) diff++;
  return diff === 1;
}

/** Numbers (tokens holding a digit) that one block prints and the other does not, both ways, less one digit slip. */
export function foreignNumbers(a: readonly string[], b: readonly string[]): number {
  const onlyA = leftOver(a, b);
  const onlyB = leftOver(b, a);
  let slips = 0;
  for (const x of onlyA) {
    if (slips === MAX_DIGIT_SLIPS) break;
    const k = onlyB.findIndex((y) => oneDigitApart(x, y));
    if (k < 0) continue;
    onlyB.splice(k, 1);
    slips++;
  }
  return onlyA.length - slips + onlyB.length;
}

/**
 * Words (no digit) of either block that the other prints in no near form. Counting stops past `max` (the
 * caller's limit): a pair that is no copy need not be counted to the end.
 */
export function foreignWords(a: readonly string[], b: readonly string[], max: number): number {
  const onlyA = leftOver(a, b);
  const onlyB = leftOver(b, a);
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
