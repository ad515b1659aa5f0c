/**
 * hOCR (XHTML from tesseract and others; HTML with unclosed <meta> accepted) → document model.
 *
 * ocr_page (title: bbox, ppageno, scan_res) → pages; ocr_par (or ocr_carea without paragraphs) →
 * paragraphs; ocr_line and the other line classes → lines; ocrx_word (title: bbox, x_wconf 0–100) →
 * spans with a box in PDF points and a confidence in 0..1. Lines without word elements are split at
 * spaces, boxes shared out along the line. Hyphenated line ends follow the PDF loader's rule.
 */
import type { Box } from "../model/document.js";
import type { Loaded } from "./loaded.js";
import { LoadError } from "./load-error.js";
import { layoutOcrPages, type OcrBlock, type OcrLine, type OcrPage, type OcrWord } from "./xml/ocr-layout.js";
import { attr, childElements, readXml, textContent, type XmlElement } from "./xml/parse.js";

const EXPECTED = "hOCR";

/** Resolution assumed when an ocr_page gives no `scan_res`: the usual scanning resolution for text (300 dpi). */
export const HOCR_ASSUMED_DPI = 300;
const POINTS_PER_INCH = 72;
/** hOCR classes of line-level elements (tesseract writes headers, captions and floating text as lines too). */
const LINE_CLASSES: ReadonlySet<string> = new Set(["ocr_line", "ocrx_line", "ocr_header", "ocr_footer", "ocr_caption", "ocr_textfloat"]);
/** Classes that make a paragraph of the lines inside them (the innermost wins). */
const PARAGRAPH_CLASSES: ReadonlySet<string> = new Set(["ocr_par", "ocr_carea", "ocrx_block", "ocr_page"]);

function classes(el: XmlElement): string[] {
  return (attr(el, "class") ?? "").split(/\s+/u).filter((c) => c !== "");
}

/** The properties of an hOCR title ("bbox 1 2 3 4; x_wconf 93") by name, values split at spaces. */
export function titleProperties(el: XmlElement): Map<string, string[]> {
  const props = new Map<string, string[]>();
  for (const part of (attr(el, "title") ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/u);
    if (name !== undefined && name !== "") props.set(name, values);
  }
  return props;
}

function numbers(values: readonly string[] | undefined, count: number): number[] | undefined {
  if (values === undefined || values.length < count) return undefined;
  const out = values.slice(0, count).map((v) => Number.parseFloat(v));
  return out.every(Number.isFinite) ? out : undefined;
}

function bboxOf(el: XmlElement | Map<string, string[]>, scale: number): Box | undefined {
  const b = numbers((el instanceof Map ? el : titleProperties(el)).get("bbox"), 4);
  if (b === undefined) return undefined;
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = b;
  return { x: x0 * scale, y: y0 * scale, w: (x1 - x0) * scale, h: (y1 - y0) * scale };
}

function confidenceOf(props: Map<string, string[]>): number | undefined {
  const c = numbers(props.get("x_wconf"), 1)?.[0];
  return c === undefined || c < 0 || c > 100 ? undefined : c / 100;
}

const fold = (s: string): string => s.replace(/\s+/gu, " ").trim();

function wordElements(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  for (const c of childElements(el)) {
    if (classes(c).includes("ocrx_word")) out.push(c);
    else wordElements(c, out);
  }
  return out;
}

function lineOf(el: XmlElement, scale: number): OcrLine {
  const lineBox = bboxOf(el, scale);
  const words: OcrWord[] = [];
  const wordEls = wordElements(el);
  if (wordEls.length > 0) {
    for (const w of wordEls) {
      const text = fold(textContent(w));
      if (text === "") continue;
      const props = titleProperties(w);
      const word: OcrWord = { text, box: bboxOf(props, scale) ?? lineBox ?? { x: 0, y: 0, w: 0, h: 0 } };
      const confidence = confidenceOf(props);
      if (confidence !== undefined) word.confidence = confidence;
      words.push(word);
    }
  } else {
    // A line without word elements: its words get shares of the line box by character count.
    const text = fold(textContent(el, " "));
    const box = lineBox ?? { x: 0, y: 0, w: 0, h: 0 };
    const perChar = text.length > 0 ? box.w / text.length : 0;
    for (const m of text.matchAll(/\S+/gu)) words.push({ text: m[0], box: { x: box.x + m.index * perChar, y: box.y, w: m[0].length * perChar, h: box.h } });
  }
  const line: OcrLine = { words, endsWithHyphenMark: false };
  if (lineBox !== undefined) line.box = lineBox;
  return line;
}

function findPages(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  for (const c of childElements(el)) {
    if (classes(c).includes("ocr_page")) out.push(c);
    else findPages(c, out);
  }
  return out;
}

/** Lines of a page in document order, each a new paragraph when its innermost paragraph element changes. */
function blocksOf(pageEl: XmlElement, scale: number): OcrBlock[] {
  const blocks: OcrBlock[] = [];
  let lastContainer: XmlElement | undefined;
  const walk = (el: XmlElement, container: XmlElement): void => {
    for (const c of childElements(el)) {
      const cls = classes(c);
      if (cls.some((k) => LINE_CLASSES.has(k))) {
        const current = blocks[blocks.length - 1];
        if (current === undefined || lastContainer !== container) blocks.push({ lines: [lineOf(c, scale)] });
        else current.lines.push(lineOf(c, scale));
        lastContainer = container;
      } else walk(c, cls.some((k) => PARAGRAPH_CLASSES.has(k)) ? c : container);
    }
  };
  walk(pageEl, pageEl);
  return blocks;
}

/** The pages of an hOCR tree. */
export function hocrPages(root: XmlElement, path: string): OcrPage[] {
  const pageEls = findPages(root);
  if (pageEls.length === 0) throw new LoadError(path, `Expected ${EXPECTED} (elements of class "ocr_page"), got a <${root.name}> document without any`);
  return pageEls.map((pageEl, i) => {
    const props = titleProperties(pageEl);
    const res = numbers(props.get("scan_res"), 1)?.[0];
    const dpi = res !== undefined && res > 0 ? res : HOCR_ASSUMED_DPI;
    const scale = POINTS_PER_INCH / dpi;
    const page: OcrPage = { number: i + 1, blocks: blocksOf(pageEl, scale) };
    const box = bboxOf(pageEl, scale);
    if (box !== undefined) {
      page.width = box.x + box.w;
      page.height = box.y + box.h;
    }
    return page;
  });
}

/** True when the tree holds at least one ocr_page element. */
export function isHocrTree(root: XmlElement): boolean {
  return findPages(root).length > 0;
}

/** Loads an hOCR tree already read by readXml. */
export function loadHocrTree(root: XmlElement, path: string): Loaded {
  const { text, pages } = layoutOcrPages(hocrPages(root, path));
  return { model: { kind: "hocr", text, pages }, issues: [] };
}

/** Loads an hOCR file. Throws LoadError for empty, malformed, entity-declaring files or HTML without ocr_page. */
export function loadHocr(bytes: Uint8Array, path: string): Loaded {
  return loadHocrTree(readXml(bytes, path, { expected: EXPECTED, html: true }), path);
}
