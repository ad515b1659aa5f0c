/**
 * Which copy of a cluster to keep: the first printed (the one the deliberation's text is read with, and the
 * one an archivist meets first), unless the OCR engine read the later copy clearly better.
 */

/**
 * A later copy is kept instead when its mean OCR word confidence beats the first's by this much. tesseract's
 * means move by a point or two between annexes of one clean print (the seed's ALTO and hOCR: 0.941–0.951 per
 * annex, the two copies' means 0.002 apart), so a smaller margin would pick copies by noise.
 */
export const KEEP_CONFIDENCE_MARGIN = 0.05;

/** True when the later copies (mean confidence `later`) should be kept over the first (`first`); null = no OCR confidence. */
export function keepLater(first: number | null, later: number | null): boolean {
  return first !== null && later !== null && later - first >= KEEP_CONFIDENCE_MARGIN;
}
