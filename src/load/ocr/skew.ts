/**
 * Skew of a scanned page, by projection profile: text lines are dark bands, so the row histogram of dark
 * pixels is sharpest (largest sum of squares) when rows are counted along the lines' slope. Tesseract
 * reads a 1–2° skew badly (whole paragraphs dropped): the page is turned straight before OCR.
 */
import type { GrayImage } from "./types.js";

/** Scans are placed on the glass by hand: more than this (degrees) is a rotated page, not skew. */
export const MAX_SKEW_DEG = 3;
/** Angles tried, this far apart (degrees): 0.1° moves the end of a 2,000-pixel line by 3.5 pixels. */
export const SKEW_STEP_DEG = 0.1;
/** Every n-th pixel in both directions is looked at: 300 dpi / 2 = 150 dpi still resolves text lines. */
const SAMPLE_STEP = 2;
/** Grey levels below this are ink. */
const DARK_LEVEL = 128;
/** At most this many ink pixels are used (a dark photograph would otherwise cost seconds); more are sampled. */
const MAX_INK_PIXELS = 200_000;

/** The slope of the page's text lines in radians (positive: lines go down to the right), 0 when none shows. */
export function estimateSkew(image: GrayImage): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < image.height; y += SAMPLE_STEP) {
    const row = y * image.width;
    for (let x = 0; x < image.width; x += SAMPLE_STEP) {
      if ((image.data[row + x] ?? 255) < DARK_LEVEL) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  const stride = Math.max(1, Math.ceil(xs.length / MAX_INK_PIXELS));
  const steps = Math.round(MAX_SKEW_DEG / SKEW_STEP_DEG);
  // One bin per sampled row: finer bins would be filled every other one when the rows are level, which
  // doubles the sum of squares there and biases the answer towards 0.
  const margin = Math.ceil(image.width * Math.tan((MAX_SKEW_DEG * Math.PI) / 180));
  const bins = new Float64Array(Math.ceil((image.height + 2 * margin) / SAMPLE_STEP) + 2);
  let best = 0;
  let bestScore = -1;
  // 0 first, then ±step, ±2 steps…: on a tie (a blank page) the smallest turn wins.
  for (let k = 0; k <= 2 * steps; k++) {
    const i = k % 2 === 0 ? k / 2 : -(k + 1) / 2;
    const angle = (i * SKEW_STEP_DEG * Math.PI) / 180;
    const t = Math.tan(angle);
    bins.fill(0);
    for (let p = 0; p < xs.length; p += stride) {
      const r = Math.floor(((ys[p] ?? 0) - (xs[p] ?? 0) * t + margin) / SAMPLE_STEP);
      bins[r] = (bins[r] ?? 0) + 1;
    }
    let score = 0;
    for (const v of bins) score += v * v;
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  return best;
}
