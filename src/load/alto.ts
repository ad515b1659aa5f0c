/**
 * ALTO XML (v2, v3, v4; any namespace or none) → document model.
 *
 * Layout/Page → pages; TextBlock (also inside ComposedBlock) → paragraphs; TextLine → lines;
 * String (CONTENT, HPOS/VPOS/WIDTH/HEIGHT, WC) → spans with a box in PDF points and a confidence.
 * Hyphenation: SUBS_TYPE="HypPart1"/"HypPart2" halves are joined into SUBS_CONTENT, a line ending
 * with <HYP> is joined to the next line's first word, and a String ending with "-" follows the PDF
 * loader's rule. SP elements (spaces) are implied between Strings.
 */
import type { Box } from "../model/document.js";
import type { Loaded } from "./loaded.js";
import { LoadError } from "./load-error.js";
import { layoutOcrPages, type OcrBlock, type OcrLine, type OcrPage, type OcrWord } from "./xml/ocr-layout.js";
import { attr, childElements, findElement, readXml, textContent, type XmlElement } from "./xml/parse.js";

const EXPECTED = "ALTO XML";

/**
 * Resolution assumed for ALTO in pixels when the file gives none (see declaredDpi): ALTO has no
 * standard place for it, and 300 dpi is what OCR
 * pipelines (tesseract's recommendation, library digitisation guidelines) scan text at. It only scales
 * the boxes; the text and its order do not depend on it.
 */
export const ALTO_ASSUMED_PIXEL_DPI = 300;
const POINTS_PER_INCH = 72;
const MM_PER_INCH = 25.4;

/** Points per unit of each ALTO MeasurementUnit (pixel: per pixel at the given resolution). */
function unitScale(unit: string, dpi: number): number | undefined {
  switch (unit.toLowerCase()) {
    case "pixel":
      return POINTS_PER_INCH / dpi;
    case "mm10":
      return POINTS_PER_INCH / MM_PER_INCH / 10;
    case "inch1200":
      return POINTS_PER_INCH / 1200;
    default:
      return undefined;
  }
}

const isDpiName = (name: string): boolean => /resolution|dpi/iu.test(name);

/** A plausible scanning resolution (dpi), or undefined. */
function plausibleDpi(raw: string | undefined): number | undefined {
  const v = raw === undefined ? Number.NaN : Number.parseFloat(raw);
  return Number.isFinite(v) && v >= 50 && v <= 4800 ? v : undefined;
}

/**
 * A resolution written where some producers put one, though ALTO has no standard place for it: an
 * attribute of the Page named like "resolution" or "dpi", or such an element or attribute anywhere
 * under sourceImageInformation.
 */
function declaredDpi(page: XmlElement, imageInfo: XmlElement | undefined): number | undefined {
  for (const [k, v] of page.attrs) if (isDpiName(k)) return plausibleDpi(v);
  const search = (el: XmlElement): number | undefined => {
    for (const [k, v] of el.attrs) if (isDpiName(k) && plausibleDpi(v) !== undefined) return plausibleDpi(v);
    for (const c of childElements(el)) {
      const own = isDpiName(c.name) ? plausibleDpi(textContent(c).trim()) : undefined;
      const found = own ?? search(c);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return imageInfo === undefined ? undefined : search(imageInfo);
}

function num(el: XmlElement, name: string): number | undefined {
  const raw = attr(el, name);
  if (raw === undefined) return undefined;
  const v = Number.parseFloat(raw);
  return Number.isFinite(v) ? v : undefined;
}

function boxOf(el: XmlElement, scale: number): Box | undefined {
  const x = num(el, "HPOS");
  const y = num(el, "VPOS");
  const w = num(el, "WIDTH");
  const h = num(el, "HEIGHT");
  if (x === undefined || y === undefined || w === undefined || h === undefined) return undefined;
  return { x: x * scale, y: y * scale, w: w * scale, h: h * scale };
}

/** WC is 0..1 in ALTO; a few producers write 0..100: read those as percentages. */
function confidenceOf(el: XmlElement): number | undefined {
  const wc = num(el, "WC");
  if (wc === undefined || wc < 0 || wc > 100) return undefined;
  return wc > 1 ? wc / 100 : wc;
}

function lineOf(el: XmlElement, scale: number): OcrLine {
  const lineBox = boxOf(el, scale);
  const words: OcrWord[] = [];
  let hypAfterLast = false;
  for (const c of childElements(el)) {
    const name = c.name.toLowerCase();
    if (name === "string") {
      const text = (attr(c, "CONTENT") ?? "").replace(/\s+/gu, " ").trim();
      if (text === "") continue;
      const word: OcrWord = { text, box: boxOf(c, scale) ?? lineBox ?? { x: 0, y: 0, w: 0, h: 0 } };
      const confidence = confidenceOf(c);
      if (confidence !== undefined) word.confidence = confidence;
      const subsType = attr(c, "SUBS_TYPE")?.toLowerCase();
      if (subsType === "hyppart1" || subsType === "hyppart2") {
        word.hyphenPart = subsType === "hyppart1" ? 1 : 2;
        const full = attr(c, "SUBS_CONTENT")?.trim();
        if (full !== undefined && full !== "") word.fullWord = full;
      }
      words.push(word);
      hypAfterLast = false;
    } else if (name === "hyp") hypAfterLast = words.length > 0;
  }
  const line: OcrLine = { words, endsWithHyphenMark: hypAfterLast };
  if (lineBox !== undefined) line.box = lineBox;
  return line;
}

/** TextBlocks under `el` in document order (through ComposedBlock, PrintSpace, margins). */
function collectBlocks(el: XmlElement, scale: number, out: OcrBlock[]): void {
  for (const c of childElements(el)) {
    if (c.name.toLowerCase() === "textblock") out.push({ lines: childElements(c, "TextLine").map((l) => lineOf(l, scale)) });
    else collectBlocks(c, scale, out);
  }
}

/** The pages of an ALTO tree (root element `alto`). */
export function altoPages(root: XmlElement, path: string): OcrPage[] {
  const description = childElements(root, "Description")[0];
  const unitEl = description !== undefined ? childElements(description, "MeasurementUnit")[0] : undefined;
  const unit = unitEl !== undefined ? textContent(unitEl).trim() : "pixel";
  const layout = childElements(root, "Layout")[0];
  if (layout === undefined) throw new LoadError(path, `Expected ${EXPECTED} with a <Layout> element, got none`);
  const pageEls: XmlElement[] = [];
  const findPages = (el: XmlElement): void => {
    for (const c of childElements(el)) {
      if (c.name.toLowerCase() === "page") pageEls.push(c);
      else findPages(c);
    }
  };
  findPages(layout);
  if (pageEls.length === 0) throw new LoadError(path, `Expected ${EXPECTED} with at least one <Page>, got none`);
  const imageInfo = description !== undefined ? findElement(description, "sourceImageInformation") : undefined;
  return pageEls.map((pageEl, i) => {
    const dpi = declaredDpi(pageEl, imageInfo) ?? ALTO_ASSUMED_PIXEL_DPI;
    const scale = unitScale(unit, dpi);
    if (scale === undefined) throw new LoadError(path, `Expected an ALTO MeasurementUnit of pixel, mm10 or inch1200, got "${unit}"`);
    const blocks: OcrBlock[] = [];
    collectBlocks(pageEl, scale, blocks);
    const page: OcrPage = { number: i + 1, blocks };
    const w = num(pageEl, "WIDTH");
    const h = num(pageEl, "HEIGHT");
    if (w !== undefined && h !== undefined) {
      page.width = w * scale;
      page.height = h * scale;
    }
    return page;
  });
}

/** True when the root element is an ALTO root (`alto`, any namespace or version). */
export function isAltoRoot(root: XmlElement): boolean {
  return root.name.toLowerCase() === "alto";
}

/** Loads an ALTO tree already read by readXml. */
export function loadAltoTree(root: XmlElement, path: string): Loaded {
  if (!isAltoRoot(root)) throw new LoadError(path, `Expected ${EXPECTED} (an <alto> root element), got a <${root.name}> root element`);
  const { text, pages } = layoutOcrPages(altoPages(root, path));
  return { model: { kind: "alto", text, pages }, issues: [] };
}

/** Loads an ALTO file. Throws LoadError for empty, malformed, entity-declaring or non-ALTO XML. */
export function loadAlto(bytes: Uint8Array, path: string): Loaded {
  return loadAltoTree(readXml(bytes, path, { expected: EXPECTED, html: false }), path);
}
