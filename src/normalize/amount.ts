/** Multipliers of the scale words French documents put between a number and its currency. */
const SCALES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:milliards?|mds?|md€?)$/iu, 1e9], // "1,36 milliards d'euros"
  [/^(?:millions?|m)$/iu, 1e6], // "2,5 M€"
  [/^(?:milliers?|k)$/iu, 1e3], // "150 k€"
];

/** Digit-group separators: plain, no-break and narrow no-break spaces, and dots before three digits. */
const GROUP_SEPARATOR = /[ \u00a0\u202f]|\.(?=\d{3}(?!\d))/gu;

/**
 * "45 000" → 45000, "994 312" → 994312, "1,36" with "milliards" → 1360000000, "2,5" with "M" → 2500000.
 * Returns euros as a number with cents as decimals, or null when the digits do not read as a number.
 */
export function amountValue(digits: string, scale: string | undefined): number | null {
  const plain = digits.replace(GROUP_SEPARATOR, "").replace(",", ".");
  if (!/^\d+(?:\.\d+)?$/u.test(plain)) return null;
  let value = Number(plain);
  if (scale !== undefined && scale !== "") {
    const factor = SCALES.find(([re]) => re.test(scale.trim()))?.[1];
    if (factor === undefined) return null;
    value *= factor;
  }
  return Math.round(value * 100) / 100;
}
