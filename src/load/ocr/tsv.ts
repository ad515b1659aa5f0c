/** Native tesseract's TSV output → words. Columns: level page block par line word left top width height conf text. */
import type { OcrWord } from "./types.js";

/** TSV level of a word row. */
const WORD_LEVEL = "5";
/** Tesseract's confidences are percentages. */
const PERCENT = 100;

export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split("\n").slice(1)) {
    const cols = row.split("\t");
    if (cols.length < 12 || cols[0] !== WORD_LEVEL) continue;
    const text = cols.slice(11).join("\t").trim();
    if (text === "") continue;
    const [left, top, width, height, conf] = cols.slice(6, 11).map(Number);
    if (left === undefined || top === undefined || width === undefined || height === undefined || conf === undefined) continue;
    words.push({ text, x0: left, y0: top, x1: left + width, y1: top + height, confidence: Math.max(0, conf) / PERCENT, line: cols.slice(1, 5).join(".") });
  }
  return words;
}
