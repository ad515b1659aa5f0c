import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rulesDir } from "../paths.js";
import { viewWithout, type TextView } from "./view.js";

export interface MarkupPattern {
  id: string;
  pattern: string;
  examples: Array<{ text: string; view: string }>;
}

interface MarkupFile {
  patterns: MarkupPattern[];
}

let cached: MarkupPattern[] | undefined;

/** The OCR markup patterns of rules/common/ocr-markup.json. */
export function markupPatterns(): MarkupPattern[] {
  cached ??= (JSON.parse(readFileSync(join(rulesDir, "common", "ocr-markup.json"), "utf8")) as MarkupFile).patterns;
  return cached;
}

/** A view of `text` without its OCR markup ("**bold**", "*via*", "1^{er}"), offsets mapped back. */
export function markupFreeView(text: string, patterns: MarkupPattern[] = markupPatterns()): TextView {
  const dropped: Array<[number, number]> = [];
  for (const { pattern } of patterns) {
    for (const m of text.matchAll(new RegExp(pattern, "dgu"))) {
      const keep = m.indices?.groups?.["keep"];
      const end = m.index + m[0].length;
      if (keep === undefined) dropped.push([m.index, end]);
      else dropped.push([m.index, keep[0]], [keep[1], end]);
    }
  }
  return viewWithout(text, dropped);
}
