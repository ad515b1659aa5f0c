import { matchesOf } from "./matches.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rulesDir } from "../paths.js";
import type { DocumentModel } from "../model/document.js";
import { ocrDashEdits } from "./ocr-dash.js";
import { viewEdited, type TextView, type ViewEdit } from "./view.js";

/**
 * A pattern of what matching reads differently from the file. Markup (rules/common/ocr-markup.json):
 * group `keep` is what matching sees, the rest of the match is dropped. Noise
 * (rules/common/ocr-noise.json): group `fix` is read as `replace`.
 */
export interface ViewPattern {
  id: string;
  pattern: string;
  replace?: string;
  examples: Array<{ text: string; view: string }>;
  counterExamples?: string[];
}

interface PatternFile {
  patterns: ViewPattern[];
}

const cache = new Map<string, ViewPattern[]>();

function patternFile(name: string): ViewPattern[] {
  let patterns = cache.get(name);
  if (patterns === undefined) {
    patterns = (JSON.parse(readFileSync(join(rulesDir, "common", name), "utf8")) as PatternFile).patterns;
    cache.set(name, patterns);
  }
  return patterns;
}

/** The files of rules/common/ that are view patterns, not rule sets. */
export const VIEW_PATTERN_FILES: ReadonlySet<string> = new Set(["ocr-markup.json", "ocr-noise.json"]);

/** The OCR markup patterns of rules/common/ocr-markup.json: text files only. */
export function markupPatterns(): ViewPattern[] {
  return patternFile("ocr-markup.json");
}

/** The OCR noise patterns of rules/common/ocr-noise.json: every source. */
export function noisePatterns(): ViewPattern[] {
  return patternFile("ocr-noise.json");
}

const compiled = new WeakMap<ViewPattern, RegExp>();

/** A pattern's regular expression, compiled once (matchesOf leaves its lastIndex as it found it, so one serves every text). */
function regexOf(p: ViewPattern): RegExp {
  let re = compiled.get(p);
  if (re === undefined) {
    re = new RegExp(p.pattern, "dgmu");
    compiled.set(p, re);
  }
  return re;
}

/** The edits a pattern makes to `text`. */
function editsOf(text: string, p: ViewPattern): ViewEdit[] {
  const edits: ViewEdit[] = [];
  for (const m of matchesOf(regexOf(p), text)) {
    const end = m.index + m[0].length;
    const fix = m.indices?.groups?.["fix"];
    if (fix !== undefined) {
      edits.push({ start: fix[0], end: fix[1], insert: p.replace ?? "" });
      continue;
    }
    const keep = m.indices?.groups?.["keep"];
    if (keep === undefined) edits.push({ start: m.index, end, insert: "" });
    else edits.push({ start: m.index, end: keep[0], insert: "" }, { start: keep[1], end, insert: "" });
  }
  return edits;
}

/** A view of `text` with the given patterns' edits made, offsets mapped back to the text. */
export function patternView(text: string, patterns: ViewPattern[]): TextView {
  return viewEdited(text, patterns.flatMap((p) => editsOf(text, p)));
}

/**
 * What rules match against: OCR noise repaired ("M: Frank LAIDIE", "CHASSAGNEà C. LIME") in every
 * source, OCR hyphens as wide as en dashes read as en dashes, and in text files also OCR markup
 * dropped ("**bold**", "1^{er}").
 */
export function matchingView(model: DocumentModel): TextView {
  const { text } = model;
  const patterns = model.kind === "text" ? [...markupPatterns(), ...noisePatterns()] : noisePatterns();
  return viewEdited(text, [...ocrDashEdits(model), ...patterns.flatMap((p) => editsOf(text, p))]);
}
