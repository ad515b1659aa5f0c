/** Small statistics of OCR geometry. */

/**
 * Least-squares slope (dy/dx) of points, for the skew of a line of OCR words: null when the points do not
 * spread horizontally.
 */
export function fitSlope(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length === 0 || xs.length !== ys.length) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? my) - my);
    den += (x - mx) ** 2;
  });
  return den > 0 ? num / den : null;
}

/** The median of some numbers (the mean of the middle two for an even count), or undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
