/**
 * Deterministic PDF renderer for corpus cases: OCR-text convention in, A4 PDF out.
 *
 *   node dist/tools/render-pdf.js <input.txt> <output.pdf> [--two-column-pages 1,2]
 *   node dist/tools/render-pdf.js --manifest corpus/render.json
 *
 * Input convention: one paragraph per line (blank lines put a paragraph gap), "\f" = page break,
 * tabs separate table cells, inline markup `**bold**`, `*italic*`, `^{er}` (superscript).
 * The layout is our own (measured with pdfkit) so that the PDF holds what real deliberations hold:
 * words hyphenated across lines, fake bold (doubled glyphs), superscripts, tables, two-column pages.
 * Only stderr is written to; the same input always gives the same bytes.
 */
import { readManifest, usageError, type ManifestCase } from "./manifest.js";
import { runMain } from "./run-main.js";
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";

export interface RenderOptions {
  /** 1-based page numbers of the output laid out in two columns. */
  twoColumnPages?: readonly number[];
}

export interface RenderResult {
  bytes: Buffer;
  pages: number;
  /** Every word the renderer split across two lines, as "prefix-|suffix" pairs (without the hyphen). */
  hyphenated: Array<{ page: number; prefix: string; suffix: string }>;
}

/** A4 in PDF points. */
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
/** 2 cm margins all round. */
const MARGIN = 56.7;
const FONT_SIZE = 10;
/** Line pitch as a multiple of the font size (common word-processor single spacing). */
const LINE_PITCH = 1.25 * FONT_SIZE;
/** Extra space before a paragraph that followed a blank line: 0.6 line, above the loader's 1.4-pitch gap rule. */
const PARAGRAPH_GAP = 0.6 * LINE_PITCH;
/** Extra space between table rows: small enough not to read as a paragraph gap. */
const TABLE_ROW_GAP = 0.3 * LINE_PITCH;
/** Space between the two columns of a two-column page. */
const GUTTER = 20;
/** Empty space kept at the right of each table cell, so cells never touch (the loader needs ≥ 12 pt). */
const CELL_PADDING = 16;
/** Fake bold: the second drawing of a bold run is shifted right by this much. */
const FAKE_BOLD_OFFSET = 0.3;
/** Superscripts: smaller and raised. */
const SUPERSCRIPT_SCALE = 0.65;
const SUPERSCRIPT_RISE = 0.35 * FONT_SIZE;
/** Hyphenation: only lowercase words this long, split leaving at least this many letters each side. */
const HYPHENATE_MIN_LETTERS = 10;
const HYPHENATE_MIN_SIDE = 4;
/** Fixed document dates, so two renderings give identical bytes (pdfkit derives the file ID from them). */
const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));

const FONT_REGULAR = "DejaVuSans";
const FONT_OBLIQUE = "DejaVuSans-Oblique";

interface Style {
  bold: boolean;
  italic: boolean;
  sup: boolean;
}

interface Piece {
  text: string;
  style: Style;
}

/** A word: the pieces between two spaces (a word may change style inside, e.g. "1^{er}", "**luxe**,"). */
type Word = Piece[];

const sameStyle = (a: Style, b: Style): boolean => a.bold === b.bold && a.italic === b.italic && a.sup === b.sup;

/** Parses one paragraph's markup into words. Unbalanced markers are closed at the end of the paragraph. */
export function parseMarkup(paragraph: string): Word[] {
  const words: Word[] = [];
  let word: Word = [];
  let bold = false;
  let italic = false;
  const push = (ch: string, sup: boolean): void => {
    const last = word[word.length - 1];
    const style = { bold, italic, sup };
    if (last !== undefined && sameStyle(last.style, style)) last.text += ch;
    else word.push({ text: ch, style });
  };
  const endWord = (): void => {
    if (word.length > 0) words.push(word);
    word = [];
  };
  let i = 0;
  while (i < paragraph.length) {
    if (paragraph.startsWith("**", i)) {
      bold = !bold;
      i += 2;
    } else if (paragraph[i] === "*") {
      italic = !italic;
      i += 1;
    } else if (paragraph.startsWith("^{", i)) {
      const close = paragraph.indexOf("}", i + 2);
      const end = close < 0 ? paragraph.length : close;
      for (const ch of paragraph.slice(i + 2, end)) push(ch, true);
      i = end + 1;
    } else {
      const ch = paragraph[i] ?? "";
      if (/\s/u.test(ch)) endWord();
      else push(ch, false);
      i += 1;
    }
  }
  endWord();
  return words;
}

/** A run: same-style text drawn by one `doc.text` call. */
interface Run {
  text: string;
  style: Style;
  x: number;
}

interface Slot {
  x: number;
  baseline: number;
  width: number;
}

/** Where the next line goes: page, column, vertical position; knows which pages have two columns. */
class Flow {
  page = 0;
  private col = 0;
  private cols = 1;
  private top = MARGIN;
  y = MARGIN;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly twoColumnPages: ReadonlySet<number>,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0 });
    this.page += 1;
    this.cols = this.twoColumnPages.has(this.page) ? 2 : 1;
    this.col = 0;
    this.y = this.top;
  }

  get atColumnTop(): boolean {
    return this.y <= this.top;
  }

  colWidth(): number {
    return (PAGE_WIDTH - 2 * MARGIN - (this.cols - 1) * GUTTER) / this.cols;
  }

  colX(): number {
    return MARGIN + this.col * (this.colWidth() + GUTTER);
  }

  private fits(height: number): boolean {
    return this.y + height <= PAGE_HEIGHT - MARGIN;
  }

  /** Moves to the next column or page when `height` does not fit below the current position. */
  ensure(height: number): void {
    if (this.fits(height) || this.atColumnTop) return;
    if (this.col < this.cols - 1) {
      this.col += 1;
      this.y = this.top;
    } else this.newPage();
  }

  /** True when no further line of `height` fits on this page after one of that height is placed here. */
  lastLineOfPage(height: number): boolean {
    return this.col === this.cols - 1 && !(this.y + 2 * height <= PAGE_HEIGHT - MARGIN);
  }

  gap(height: number): void {
    if (!this.atColumnTop) this.y += height;
  }

  /** Reserves one line: where it starts, its baseline and its width. */
  line(): Slot {
    this.ensure(LINE_PITCH);
    const slot = { x: this.colX(), baseline: this.y + FONT_SIZE, width: this.colWidth() };
    this.y += LINE_PITCH;
    return slot;
  }
}

class Renderer {
  private readonly widths = new Map<string, number>();
  readonly hyphenated: RenderResult["hyphenated"] = [];
  private readonly flow: Flow;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    twoColumnPages: ReadonlySet<number>,
  ) {
    this.flow = new Flow(doc, twoColumnPages);
  }

  get pages(): number {
    return this.flow.page;
  }

  private select(style: Style): void {
    this.doc.font(style.italic ? FONT_OBLIQUE : FONT_REGULAR).fontSize(style.sup ? FONT_SIZE * SUPERSCRIPT_SCALE : FONT_SIZE);
  }

  width(text: string, style: Style): number {
    const key = `${style.italic ? "i" : "r"}${style.sup ? "s" : "n"}${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      this.select(style);
      w = this.doc.widthOfString(text);
      this.widths.set(key, w);
    }
    return w;
  }

  private wordWidth(word: Word): number {
    return word.reduce((sum, p) => sum + this.width(p.text, p.style), 0);
  }

  private spaceWidth(): number {
    return this.width(" ", { bold: false, italic: false, sup: false });
  }

  /** Splits a long lowercase word so that its first part plus "-" fits in `room`; undefined when it cannot. */
  private hyphenate(word: Word, room: number): [Word, Word] | undefined {
    const first = word[0];
    if (word.length !== 1 || first === undefined) return undefined;
    const m = /^(\p{Ll}+)(\p{P}*)$/u.exec(first.text);
    const letters = m?.[1];
    if (letters === undefined || letters.length < HYPHENATE_MIN_LETTERS) return undefined;
    for (let k = letters.length - HYPHENATE_MIN_SIDE; k >= HYPHENATE_MIN_SIDE; k--) {
      const head = `${first.text.slice(0, k)}-`;
      if (this.width(head, first.style) <= room) {
        return [[{ text: head, style: first.style }], [{ text: first.text.slice(k), style: first.style }]];
      }
    }
    return undefined;
  }

  /**
   * Takes from `words` the words of one line of `width`; may split the word that overflows.
   * Returns the line's words (the queue keeps the rest).
   */
  private fillLine(words: Word[], width: number, mayHyphenate: boolean): Word[] {
    const line: Word[] = [];
    let used = 0;
    const space = this.spaceWidth();
    while (words.length > 0) {
      const word = words[0] as Word;
      const w = this.wordWidth(word);
      const needed = line.length > 0 ? space + w : w;
      if (used + needed <= width || line.length === 0) {
        line.push(word);
        words.shift();
        used += needed;
        continue;
      }
      if (mayHyphenate) {
        const split = this.hyphenate(word, width - used - space);
        if (split !== undefined) {
          line.push(split[0]);
          words[0] = split[1];
          const prefix = split[0][0]?.text.slice(0, -1) ?? "";
          const suffix = split[1][0]?.text ?? "";
          this.hyphenated.push({ page: this.flow.page, prefix, suffix });
        }
      }
      break;
    }
    return line;
  }

  /** Draws one line of words starting at (x, baseline): one `doc.text` call per same-style run. */
  private drawLine(line: Word[], x: number, baseline: number): void {
    const runs: Run[] = [];
    let cursor = x;
    const space = this.spaceWidth();
    line.forEach((word, wi) => {
      word.forEach((piece, pi) => {
        const last = runs[runs.length - 1];
        const joinsSpace = wi > 0 && pi === 0;
        if (last !== undefined && sameStyle(last.style, piece.style) && !piece.style.sup) {
          last.text += (joinsSpace ? " " : "") + piece.text;
        } else {
          if (last !== undefined) cursor = last.x + this.width(last.text, last.style) + (joinsSpace ? space : 0);
          runs.push({ text: piece.text, style: piece.style, x: cursor });
        }
      });
    });
    for (const run of runs) {
      this.select(run.style);
      const y = run.style.sup ? baseline - SUPERSCRIPT_RISE : baseline;
      this.doc.text(run.text, run.x, y, { lineBreak: false, baseline: "alphabetic" });
      if (run.style.bold) this.doc.text(run.text, run.x + FAKE_BOLD_OFFSET, y, { lineBreak: false, baseline: "alphabetic" });
    }
  }

  paragraph(text: string, gapBefore: boolean): void {
    if (gapBefore) this.flow.gap(PARAGRAPH_GAP);
    if (text.includes("\t")) {
      this.tableRow(text.split("\t"));
      return;
    }
    const words = parseMarkup(text);
    while (words.length > 0) {
      const lastOfPage = this.flow.lastLineOfPage(LINE_PITCH);
      const slot = this.flow.line();
      const line = this.fillLine(words, slot.width, !lastOfPage);
      this.drawLine(line, slot.x, slot.baseline);
    }
  }

  /** A table row: cells side by side in equal fixed-width cells, each wrapping inside its cell. */
  private tableRow(cells: string[]): void {
    const cellWidth = this.flow.colWidth() / cells.length;
    const wrapped = cells.map((cell) => {
      const words = parseMarkup(cell);
      const lines: Word[][] = [];
      while (words.length > 0) lines.push(this.fillLine(words, cellWidth - CELL_PADDING, false));
      return lines;
    });
    const rows = Math.max(1, ...wrapped.map((lines) => lines.length));
    this.flow.ensure(rows * LINE_PITCH);
    const x0 = this.flow.colX();
    const top = this.flow.y;
    wrapped.forEach((lines, ci) => {
      lines.forEach((line, li) => this.drawLine(line, x0 + ci * cellWidth, top + li * LINE_PITCH + FONT_SIZE));
    });
    this.flow.y = top + rows * LINE_PITCH + TABLE_ROW_GAP;
  }

  pageBreak(): void {
    this.flow.newPage();
  }
}

function fontPath(file: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", file);
}

/** Renders OCR-convention text to PDF bytes. */
export async function renderPdf(text: string, options: RenderOptions = {}): Promise<RenderResult> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: { Title: "delib corpus case", Producer: "delib render-pdf", Creator: "delib render-pdf", CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
  doc.registerFont(FONT_REGULAR, fontPath("DejaVuSans.ttf"));
  doc.registerFont(FONT_OBLIQUE, fontPath("DejaVuSans-Oblique.ttf"));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolveDone, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolveDone(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const renderer = new Renderer(doc, new Set(options.twoColumnPages ?? []));
  const pages = text.replace(/\r\n?/gu, "\n").split("\f");
  pages.forEach((pageText, pi) => {
    if (pi > 0) renderer.pageBreak();
    let gapBefore = false;
    for (const line of pageText.split("\n")) {
      if (line.trim() === "") {
        gapBefore = true;
        continue;
      }
      renderer.paragraph(line.trim().replace(/ +/gu, " ").replace(/ *\t */gu, "\t"), gapBefore);
      gapBefore = false;
    }
  });
  const pageCount = renderer.pages;
  doc.end();
  return { bytes: await done, pages: pageCount, hyphenated: renderer.hyphenated };
}

interface ManifestEntry extends ManifestCase {
  twoColumnPages?: number[];
}

function parsePages(value: string | undefined): number[] {
  if (value === undefined || !/^\d+(,\d+)*$/u.test(value)) throw new Error(`--two-column-pages expects page numbers like 1,2, got ${value ?? "nothing"}`);
  return value.split(",").map(Number);
}

async function renderFile(input: string, output: string, twoColumnPages: number[]): Promise<void> {
  const result = await renderPdf(readFileSync(input, "utf8"), { twoColumnPages });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, result.bytes);
  process.stderr.write(`render-pdf: ${output} (${result.pages} pages, ${result.hyphenated.length} hyphenations)\n`);
}

async function main(argv: string[]): Promise<number> {
  const usage = "usage: render-pdf <input.txt> <output.pdf> [--two-column-pages 1,2] | render-pdf --manifest corpus/render.json\n";
  if (argv[0] === "--manifest") {
    if (argv[1] === undefined) return usageError(usage);
    for (const e of readManifest<ManifestEntry>(argv[1])) await renderFile(e.input, e.output, e.twoColumnPages ?? []);
    return 0;
  }
  const positional: string[] = [];
  let twoColumnPages: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--two-column-pages") twoColumnPages = parsePages(argv[++i]);
    else if (arg.startsWith("--two-column-pages=")) twoColumnPages = parsePages(arg.slice("--two-column-pages=".length));
    else positional.push(arg);
  }
  const [input, output] = positional;
  if (input === undefined || output === undefined || positional.length !== 2) return usageError(usage);
  await renderFile(input, output, twoColumnPages);
  return 0;
}

runMain(import.meta.url, "render-pdf", main);
