/**
 * The whole rebuild, pure: positioned text items of every page in, assembled text and document pages out.
 * Pages are joined by "\f"; within a page, lines of one paragraph by a space, paragraphs by "\n",
 * table cells by "\t"; words hyphenated across lines are joined (see hyphen.ts).
 */
import type { Box, Line, Page, Span } from "../../model/document.js";
import { readingOrder, type Measure, type ReadingOrder } from "./columns.js";
import { removeDoubledGlyphs } from "./fake-bold.js";
import { hyphenJoin, vocabularyOf } from "./hyphen.js";
import { startsParagraph } from "./paragraphs.js";
import { buildRows } from "./rows.js";
import { runningLines } from "./running.js";
import { TextParts } from "./text-parts.js";
import type { PdfItem, PdfWord, ReadLine, Row } from "./types.js";

export interface PageInput {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
}

export interface LayoutResult {
  text: string;
  pages: Page[];
}

/** Line pitch (× font size) assumed when a document has too few lines to measure it: single spacing. */
const DEFAULT_PITCH_EM = 1.2;
/** Baseline steps outside this range (× font size) are not line pitches (gaps, interleaved columns). */
const PITCH_RANGE_EM: readonly [number, number] = [0.9, 2.5];
/** Pitches are counted in bins this wide (× font size); the fullest bin is the usual pitch. */
const PITCH_BIN_EM = 0.02;
/** The text area's edges: this quantile of row ends, so a few overflowing lines do not widen it. */
const MEASURE_QUANTILE = 0.98;

/** The usual distance between consecutive baselines, × font size (the mode over the document). */
export function usualPitch(pages: readonly Row[][]): number {
  const bins = new Map<number, number>();
  for (const rows of pages) {
    for (let k = 1; k < rows.length; k++) {
      const a = rows[k - 1] as Row;
      const b = rows[k] as Row;
      const em = (b.baseline - a.baseline) / Math.max(a.fontSize, b.fontSize);
      if (em < (PITCH_RANGE_EM[0] ?? 0) || em > (PITCH_RANGE_EM[1] ?? 0)) continue;
      const bin = Math.round(em / PITCH_BIN_EM);
      bins.set(bin, (bins.get(bin) ?? 0) + 1);
    }
  }
  let best: [number, number] | undefined;
  for (const entry of bins) if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  return best === undefined ? DEFAULT_PITCH_EM : best[0] * PITCH_BIN_EM;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? 0;
}

/** Edges of the text area over the whole document. */
export function textMeasure(rows: readonly Row[]): Measure {
  const lefts = rows.map((r) => edgesOf(r.words).x0);
  const rights = rows.map((r) => edgesOf(r.words).x1);
  return { left: quantile(lefts, 1 - MEASURE_QUANTILE), right: quantile(rights, MEASURE_QUANTILE) };
}

interface Edges {
  x0: number;
  top: number;
  x1: number;
  bottom: number;
}

/** The extremes of some words' boxes, in one pass (±Infinity for none, as Math.min/max of nothing). */
function edgesOf(words: readonly PdfWord[]): Edges {
  const e: Edges = { x0: Infinity, top: Infinity, x1: -Infinity, bottom: -Infinity };
  for (const w of words) {
    e.x0 = Math.min(e.x0, w.x0);
    e.top = Math.min(e.top, w.top);
    e.x1 = Math.max(e.x1, w.x1);
    e.bottom = Math.max(e.bottom, w.bottom);
  }
  return e;
}

function boxOf(words: readonly PdfWord[]): Box {
  const e = edgesOf(words);
  return { x: e.x0, y: e.top, w: e.x1 - e.x0, h: e.bottom - e.top };
}

const lastWordOf = (line: ReadLine): PdfWord | undefined => line.cells[line.cells.length - 1]?.at(-1);

/** Builds the assembled text and the page model from lines in reading order. */
export function assemble(inputs: readonly PageInput[], orders: readonly ReadingOrder[], pitchEm: number, vocabulary: ReadonlySet<string>): LayoutResult {
  const text = new TextParts();
  const pages: Page[] = [];
  const running = runningLines(orders.map((o) => o.lines));
  inputs.forEach((input, p) => {
    if (p > 0) text.append("\f");
    const pageStart = text.length;
    const lines: Line[] = [];
    let prev: ReadLine | undefined;
    for (const line of orders[p]?.lines ?? []) {
      const first = line.cells.find((c) => c.length > 0)?.[0];
      if (first === undefined) continue;
      if (prev !== undefined) {
        const last = lastWordOf(prev);
        // Hyphenated words continue within one column, or from one column into the next of flowing text.
        // A running header or footer is a paragraph of its own (src/load/pdf/running.ts).
        const apart = running.has(prev) || running.has(line);
        const sameFlow = !apart && !prev.table && !line.table && prev.region === line.region && (prev.column === line.column || line.flows);
        const join = sameFlow && last !== undefined ? hyphenJoin(last.text, first.text, vocabulary) : undefined;
        if (join === "join") {
          text.dropLast();
          const model = lines[lines.length - 1];
          const span = model?.spans[model.spans.length - 1];
          if (model !== undefined) model.end -= 1;
          if (span !== undefined) span.end -= 1;
        } else if (join === undefined) text.append(apart || startsParagraph(prev, line, pitchEm) ? "\n" : " ");
      }
      const lineStart = text.length;
      const spans: Span[] = [];
      line.cells.forEach((cell, ci) => {
        if (ci > 0) text.append("\t");
        cell.forEach((w, wi) => {
          if (wi > 0) text.append(" ");
          spans.push({ start: text.length, end: text.length + w.text.length, box: boxOf([w]), ...(w.confidence === undefined ? {} : { confidence: w.confidence }) });
          text.append(w.text);
        });
      });
      lines.push({ start: spans[0]?.start ?? lineStart, end: text.length, spans, box: boxOf(line.cells.flat()) });
      prev = line;
    }
    pages.push({ number: input.number, start: pageStart, end: text.length, lines, width: input.width, height: input.height, columns: orders[p]?.columns ?? 1 });
  });
  return { text: text.toString(), pages };
}

/** Items of every page → assembled text and pages. */
export function layoutDocument(inputs: readonly PageInput[]): LayoutResult {
  const pageRows = inputs.map((p) => buildRows(removeDoubledGlyphs(p.items)));
  const pitchEm = usualPitch(pageRows);
  const allRows = pageRows.flat();
  const measure = allRows.length > 0 ? textMeasure(allRows) : { left: 0, right: 0 };
  const orders = pageRows.map((rows) => readingOrder(rows, pitchEm, measure));
  const vocabulary = vocabularyOf(allRows.flatMap((r) => r.words.map((w) => w.text)));
  return assemble(inputs, orders, pitchEm, vocabulary);
}
