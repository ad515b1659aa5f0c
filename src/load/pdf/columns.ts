/**
 * Reading order on one page: find column regions (consecutive rows sharing an empty vertical gutter with
 * text on both sides). A table (numeric right-hand side, or table-wide gutters) is read row by row
 * ("label\tamount"); columns of prose are read column by column, each column in turn like a page of its own.
 */
import type { PdfWord, ReadLine, Row } from "./types.js";
import { PARAGRAPH_GAP_FACTOR } from "./paragraphs.js";

/** A gutter is at least this wide (points): word spaces are ~3 pt, column gutters and table cell gaps ≥ 12. */
export const GUTTER_MIN_WIDTH = 12;
/** A row splits into segments at gaps of at least this (× font size) too, since spaces grow with the font. */
const SEGMENT_GAP_EM = 1.0;
/** A region needs this many rows with text on both sides of a gutter: one row with a wide gap is just a line. */
const MIN_TWO_SIDED_ROWS = 2;
/**
 * Share of a region's rows with right-hand text, first one (a header) excepted, whose right-hand text must be
 * numeric for the region to be read as a table; a sub-heading row inside a table does not break it.
 */
const NUMERIC_TABLE_SHARE = 0.75;
/**
 * Gutters wider than this (× font size) separate the columns of a table (labels | values), not columns of
 * text, which sit 0.5–1 cm apart: such a region is read row by row whatever its right-hand side holds.
 */
const TABLE_GUTTER_EM = 4;
/** A deliberation or row number: "2026_003", "2026 003", "2026—007", "12", "DEL-4" is not (letters). */
const ID_CELL = /^(?=(?:\D*\d){2})[\d\s._\/—–=-]+$/u;
/** A table of identifiers has three columns at least (number | object | outcome): two make a numbered list. */
const MIN_ID_TABLE_GUTTERS = 2;
/** …and this many rows whose first cell is an identifier. */
const MIN_ID_ROWS = 3;
/** An amount, count or percentage: "205 000", "45 000 €", "12,5 %", "(3 000)". */
const NUMERIC_CELL = /^[-+−–(]?\d[\d\s.,]*(?:\s?(?:€|%|k€|M€|euros?|HT|TTC))*\)?$/iu;

type Interval = [number, number];

interface Segment {
  words: PdfWord[];
  x0: number;
  x1: number;
}

export interface ReadingOrder {
  lines: ReadLine[];
  /** Most columns of prose found in one region of the page (1 without regions). */
  columns: number;
}

/** The measure of full-width text on the page: left and right edges of the text area. */
export interface Measure {
  left: number;
  right: number;
}

/**
 * A list marker set apart from its text by a tab stop ("-", "•", "o", "1.", "2-", "a)", a symbol-font bullet,
 * a roman numeral with or without its mark: "III    Adhésion aux associations.", Couthenans 29 January 2021):
 * it belongs to the text beside it, not to a column of its own.
 */
const LIST_MARKER = /^(?:[-•·▪►➢✓✔○●o–—*]|[\uf000-\uf0ff]|\d{1,2}[.)°-]|[a-zA-Z][.)]|[IVX]{1,4}[.)]?)$/u;
/** …when the text starts within this distance (× font size): hanging indents are 0.5–1.5 cm. */
const LIST_MARKER_MAX_GAP_EM = 4;

/**
 * A justified line spreads its spaces evenly: "Approbation des     procès-verbaux     des     conseils …"
 * (Roannais, ~14 pt between every word at 11 pt). Rows with at least this many wide gaps…
 */
const JUSTIFIED_MIN_WIDE_GAPS = 3;
/** …all within this spread of each other (× font size; table cells sit at unrelated distances)… */
const JUSTIFIED_GAP_SPREAD_EM = 0.5;
/** …and none wider than this (× font size; a column gutter or a table's cell gap is wider) are one segment. */
const JUSTIFIED_MAX_GAP_EM = 2.5;

/** True for a justified line of prose whose stretched spaces would otherwise cut it into cells. */
function isJustified(row: Row): boolean {
  const size = row.fontSize;
  const gaps: number[] = [];
  for (let k = 1; k < row.words.length; k++) gaps.push((row.words[k] as PdfWord).x0 - (row.words[k - 1] as PdfWord).x1);
  const minGap = Math.max(GUTTER_MIN_WIDTH, SEGMENT_GAP_EM * size);
  const wide = gaps.filter((g) => g >= minGap);
  if (wide.length < JUSTIFIED_MIN_WIDE_GAPS) return false;
  return Math.max(...gaps) - Math.min(...gaps) <= JUSTIFIED_GAP_SPREAD_EM * size && Math.max(...gaps) <= JUSTIFIED_MAX_GAP_EM * size;
}

/** A row's words cut at wide gaps. */
function segmentsOf(row: Row): Segment[] {
  if (isJustified(row)) {
    const words = [...row.words];
    return words.length === 0 ? [] : [{ words, x0: Math.min(...words.map((w) => w.x0)), x1: Math.max(...words.map((w) => w.x1)) }];
  }
  const out: Segment[] = [];
  for (const w of row.words) {
    const last = out[out.length - 1];
    const size = Math.max(w.fontSize, row.fontSize);
    const gap = last === undefined ? 0 : w.x0 - last.x1;
    const minGap = Math.max(GUTTER_MIN_WIDTH, SEGMENT_GAP_EM * size);
    const afterMarker = last !== undefined && last.words.length === 1 && LIST_MARKER.test(last.words[0]?.text ?? "") && gap < LIST_MARKER_MAX_GAP_EM * size;
    if (last !== undefined && (gap < minGap || afterMarker)) {
      last.words.push(w);
      last.x1 = Math.max(last.x1, w.x1);
    } else out.push({ words: [w], x0: w.x0, x1: w.x1 });
  }
  return out;
}

/**
 * The x-intervals holding text in a set of rows, merged where they come closer than a gutter: what lies
 * between two consecutive intervals is empty in every row.
 */
function cover(covered: readonly Interval[], segs: readonly Segment[]): Interval[] {
  const all: Interval[] = [...covered, ...segs.map((sg): Interval => [sg.x0, sg.x1])].sort((p, q) => p[0] - q[0]);
  const out: Interval[] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last !== undefined && a < last[1] + GUTTER_MIN_WIDTH) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The gutters between covered intervals. */
function guttersOf(covered: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  for (let k = 1; k < covered.length; k++) gaps.push([(covered[k - 1] as Interval)[1], (covered[k] as Interval)[0]]);
  return gaps;
}

/** Column of a segment: how many gutters lie to its left. */
function columnOf(seg: Segment, gaps: readonly Interval[]): number {
  return gaps.filter(([, b]) => b <= seg.x0 + 1e-6).length;
}

interface Region {
  start: number;
  end: number;
  gaps: Interval[];
}

/** Gutters shared by rows start..end-1: x-intervals at least GUTTER_MIN_WIDTH wide that none of them writes in. */
function sharedGaps(segs: readonly Segment[][], start: number, end: number): Interval[] {
  let covered: Interval[] = [];
  for (let k = start; k < end; k++) covered = cover(covered, segs[k] ?? []);
  return guttersOf(covered);
}

function twoSided(segs: readonly Segment[], gaps: readonly Interval[]): boolean {
  return new Set(segs.map((s) => columnOf(s, gaps))).size > 1;
}

/** The column region starting at row `start`, if there is one. */
function regionAt(rows: readonly Row[], segs: readonly Segment[][], start: number, pitchEm: number): Region | undefined {
  let covered = cover([], segs[start] ?? []);
  if (covered.length < 2) return undefined;
  let end = start + 1;
  while (end < rows.length) {
    const next = cover(covered, segs[end] ?? []);
    if (next.length < 2) break;
    covered = next;
    end++;
  }
  let gaps = guttersOf(covered);
  // One-sided rows after the last two-sided one stay in the region only while no paragraph gap separates
  // them: a short line after a table ("Résumé :") fits beside the gutter without belonging to the table.
  let last = start;
  for (let k = start; k < end; k++) if (twoSided(segs[k] ?? [], gaps)) last = k;
  let cut = last + 1;
  while (cut < end) {
    const above = rows[cut - 1] as Row;
    const row = rows[cut] as Row;
    if (row.baseline - above.baseline > PARAGRAPH_GAP_FACTOR * pitchEm * Math.max(row.fontSize, above.fontSize)) break;
    cut++;
  }
  end = cut;
  gaps = sharedGaps(segs, start, end);
  let sided = 0;
  for (let k = start; k < end; k++) if (twoSided(segs[k] ?? [], gaps)) sided++;
  return sided >= MIN_TWO_SIDED_ROWS ? { start, end, gaps } : undefined;
}

/** True when the region reads row by row: its right-hand side is numeric, or its gutters are table-wide. */
function isTable(rows: readonly Row[], segs: readonly Segment[][], region: Region): boolean {
  const size = Math.max(...rows.slice(region.start, region.end).map((r) => r.fontSize));
  if (region.gaps.some(([a, b]) => b - a >= TABLE_GUTTER_EM * size)) return true;
  const right: boolean[] = [];
  for (let k = region.start; k < region.end; k++) {
    const rightSegs = (segs[k] ?? []).filter((s) => columnOf(s, region.gaps) > 0);
    if (rightSegs.length === 0) continue;
    right.push(rightSegs.every((s) => NUMERIC_CELL.test(s.words.map((w) => w.text).join(" "))));
  }
  const body = right.slice(1);
  return body.length > 0 && body.filter(Boolean).length / body.length >= NUMERIC_TABLE_SHARE;
}

/**
 * A first column of identifiers ("Numéro | Objet | Approuvée": "2026_003", read "2026 003" or "2026—007"
 * from a scan) makes a table whatever the other columns hold; its cells may run over several lines.
 */
function isIdTable(segs: readonly Segment[][], region: Region): boolean {
  if (region.gaps.length < MIN_ID_TABLE_GUTTERS) return false;
  const ids: boolean[] = [];
  for (let k = region.start; k < region.end; k++) {
    const first = (segs[k] ?? []).filter((s) => columnOf(s, region.gaps) === 0);
    // A first cell without a digit is a heading ("Numéro") or a rule read as "=" or "-": no evidence.
    if (first.length === 0 || !first.some((s) => s.words.some((w) => /\d/u.test(w.text)))) continue;
    ids.push(first.every((s) => ID_CELL.test(s.words.map((w) => w.text).join(" "))));
  }
  const found = ids.filter(Boolean).length;
  return found >= MIN_ID_ROWS && found / ids.length >= NUMERIC_TABLE_SHARE;
}

/**
 * A line without an identifier belongs to the identifier row nearest to it when that row is at most this
 * far (× font size): a cell's lines sit about 1 em apart around its row's number, which the table centres
 * vertically ("Débat sur le Projet … de la" / "2026_001 … Actée" / "CCLO"); rows are 3 em and more apart.
 */
const MAX_CELL_LINE_EM = 1.6;
/** Identifier fragments closer than this (× font size) are one identifier read in pieces ("20 00" / "026"). */
const SAME_ID_EM = 1.0;

/**
 * Words of a cell closer than this to a line's baseline (× font size) are on that line: OCR puts the words of
 * one justified line on baselines up to ~0.5 em apart, which the rows (0.3 em) split ("du intérieur de
 * location du Foyer" above "Modification règlement").
 */
const CELL_LINE_TOLERANCE_EM = 0.6;

/** A cell's words line by line (baselines within CELL_LINE_TOLERANCE_EM), left to right on each line. */
function inReadingOrder(words: PdfWord[]): PdfWord[] {
  const lines: PdfWord[][] = [];
  for (const w of [...words].sort((a, b) => a.baseline - b.baseline)) {
    const line = lines[lines.length - 1];
    const base = line?.[0];
    if (line !== undefined && base !== undefined && w.baseline - base.baseline <= CELL_LINE_TOLERANCE_EM * Math.max(w.fontSize, base.fontSize)) line.push(w);
    else lines.push([w]);
  }
  return lines.flatMap((l) => l.sort((a, b) => a.x0 - b.x0));
}

/** Rows of an identifier table grouped into its rows of cells (row indices, top to bottom). */
function idRowGroups(rows: readonly Row[], segs: readonly Segment[][], region: Region): number[][] {
  const isId = (k: number): boolean => {
    const first = (segs[k] ?? []).filter((s) => columnOf(s, region.gaps) === 0);
    return first.length > 0 && first.every((s) => ID_CELL.test(s.words.map((w) => w.text).join(" ")));
  };
  const anchors: number[][] = [];
  for (let k = region.start; k < region.end; k++) {
    if (!isId(k)) continue;
    const last = anchors[anchors.length - 1];
    const prev = last?.[last.length - 1];
    const row = rows[k] as Row;
    if (last !== undefined && prev !== undefined && row.baseline - (rows[prev] as Row).baseline <= SAME_ID_EM * row.fontSize) last.push(k);
    else anchors.push([k]);
  }
  const groupOf = new Map<number[], number[]>();
  const groups: number[][] = [];
  // Row k joins the group of the identifier rows it belongs to (made when the first of its rows comes).
  const join = (anchor: number[], k: number): void => {
    let group = groupOf.get(anchor);
    if (group === undefined) {
      group = [];
      groupOf.set(anchor, group);
      groups.push(group);
    }
    group.push(k);
  };
  for (let k = region.start; k < region.end; k++) {
    const anchor = anchors.find((a) => a.includes(k));
    if (anchor !== undefined) {
      join(anchor, k);
      continue;
    }
    const row = rows[k] as Row;
    let best: number[] | undefined;
    let bestDistance = Infinity;
    for (const a of anchors) {
      const distance = Math.min(...a.map((j) => Math.abs((rows[j] as Row).baseline - row.baseline)));
      if (distance < bestDistance) {
        best = a;
        bestDistance = distance;
      }
    }
    if (best === undefined || bestDistance > MAX_CELL_LINE_EM * row.fontSize) groups.push([k]);
    else join(best, k);
  }
  for (const g of groups) g.sort((a, b) => a - b);
  return groups;
}

function lineOf(cells: PdfWord[][], region: number, column: number, table: boolean, colLeft: number, colRight: number): ReadLine {
  const flows = !table;
  const words = cells.flat();
  const first = words[0] as PdfWord;
  const main = words.reduce((m, w) => (w.fontSize > m.fontSize ? w : m), first);
  return {
    cells,
    region,
    column,
    table,
    flows,
    baseline: main.baseline,
    fontSize: main.fontSize,
    x0: words.reduce((m, w) => Math.min(m, w.x0), Infinity),
    x1: words.reduce((m, w) => Math.max(m, w.x1), -Infinity),
    colLeft,
    colRight,
  };
}

/**
 * Text flows from one column into the next only when every column holds at least this many lines; fewer
 * make a table of prose cells ("Fonctionnement" | "Montant prévu…"), whose cells are paragraphs of their own.
 */
const MIN_FLOW_LINES = 6;
/** Nesting depth of column regions: columns of a page, then cells of a table inside a column. */
const MAX_DEPTH = 2;

/** Hands out region numbers unique on the page, nested regions included. */
interface Counter {
  next: number;
}

/** Lines of one page in reading order. `pitchEm` is the document's usual line pitch (× font size). */
export function readingOrder(rows: readonly Row[], pitchEm: number, measure: Measure): ReadingOrder {
  return orderRows(rows, pitchEm, measure, { next: 0 }, 0);
}

function orderRows(rows: readonly Row[], pitchEm: number, measure: Measure, counter: Counter, depth: number): ReadingOrder {
  const segs = rows.map(segmentsOf);
  const lines: ReadLine[] = [];
  let columns = 1;
  let i = 0;
  while (i < rows.length) {
    const region = depth < MAX_DEPTH ? regionAt(rows, segs, i, pitchEm) : undefined;
    if (region === undefined) {
      const row = rows[i] as Row;
      if (row.words.length > 0) lines.push(lineOf([row.words], -1, 0, false, measure.left, Math.max(measure.right, ...row.words.map((w) => w.x1))));
      i++;
      continue;
    }
    const id = counter.next++;
    const ncols = region.gaps.length + 1;
    const inColumn = (k: number, c: number): PdfWord[] =>
      (segs[k] ?? []).filter((s) => columnOf(s, region.gaps) === c).flatMap((s) => s.words);
    const numeric = isTable(rows, segs, region);
    if (numeric || isIdTable(segs, region)) {
      const all = segs.slice(region.start, region.end).flat();
      const left = Math.min(...all.map((s) => s.x0));
      const right = Math.max(...all.map((s) => s.x1));
      const groups = numeric ? Array.from({ length: region.end - region.start }, (_, j) => [region.start + j]) : idRowGroups(rows, segs, region);
      for (const group of groups) {
        const cells = Array.from({ length: ncols }, (_, c) => (numeric ? group.flatMap((k) => inColumn(k, c)) : inReadingOrder(group.flatMap((k) => inColumn(k, c)))));
        while (cells.length > 1 && (cells[cells.length - 1] as PdfWord[]).length === 0) cells.pop();
        if (cells.some((c) => c.length > 0)) lines.push(lineOf(cells, id, 0, true, left, right));
      }
    } else {
      columns = Math.max(columns, ncols);
      let flows = true;
      for (let c = 0; c < ncols; c++) {
        // A column is read like a page of its own: it may hold a table or columns in turn.
        const sub: Row[] = [];
        for (let k = region.start; k < region.end; k++) {
          const words = inColumn(k, c);
          const row = rows[k] as Row;
          if (words.length > 0) sub.push({ baseline: row.baseline, fontSize: Math.max(...words.map((w) => w.fontSize)), words });
        }
        const all = sub.flatMap((r) => r.words);
        const colMeasure = { left: Math.min(...all.map((w) => w.x0)), right: Math.max(...all.map((w) => w.x1)) };
        const inner = orderRows(sub, pitchEm, colMeasure, counter, depth + 1);
        columns = Math.max(columns, inner.columns);
        for (const line of inner.lines) lines.push(line.region === -1 ? { ...line, region: id, column: c } : line);
        flows &&= sub.length >= MIN_FLOW_LINES;
      }
      if (!flows) for (const line of lines) if (line.region === id) line.flows = false;
    }
    i = region.end;
  }
  return { lines, columns };
}
