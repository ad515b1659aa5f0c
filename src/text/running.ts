/**
 * Running headers, footers and page numbers, whatever the format (text with "\f", ALTO, hOCR, PDF): lines
 * printed at the top or the bottom of most pages, the same once their digits are set aside ("Putanges-Le-Lac,
 * séance du 3 novembre 2017" at the top of pages 2–5, "Page 3 sur 12" at their bottom). They are document
 * data (documents.jsonl `running`); the text keeps them. Annex de-duplication leaves them out of its shingles.
 */
import type { DocumentModel, Line } from "../model/document.js";
import type { Place } from "../model/issue.js";
import type { Range } from "../extract/candidate.js";
import { foldForMatch } from "../normalize/text.js";

export type RunningKind = "header" | "footer" | "page-number";

export interface RunningLine {
  kind: RunningKind;
  /** The line as first printed, spacing folded. */
  text: string;
  /** The pages printing it, in order. */
  pages: number[];
  /** Where it is printed, one place per page (assembled-text offsets). */
  places: Place[];
}

/**
 * Lines looked at on each page, from its top and from its bottom: a header may take two lines ("Extrait du
 * registre des délibérations" / "Séance du 3 novembre 2017"), so may a footer (a page number under an address).
 */
const ZONE_LINES = 2;
/**
 * A running line is printed on at least half of the pages that hold text: a title page, annexes scanned
 * without a text layer or an appended plan often lack the header, so "every page" would miss it; fewer than
 * half would take a line that a few deliberations of one sitting happen to start with ("Le Conseil
 * municipal,") for a running line.
 */
const RUNNING_SHARE = 0.5;
/**
 * …and on three pages at least: two pages of a short document may end on the same line of text ("Vote : Pour
 * à l’unanimité" at the foot of 2 of Pierrefonds 2019-01-22's 4 pages).
 */
const MIN_RUNNING_PAGES = 3;

/**
 * A line printed between the zones on at least half as many pages as in them is text, not a running line:
 * "Vote : Pour à l’unanimité" closes items at the foot of 3 of Pierrefonds 2019-01-22's 5 pages, and in the
 * middle of others; Avranches 2016-04-11's footer "CM- 11.04.2016", found higher up on one of its 28 pages, stays.
 */
const BODY_SHARE = 0.5;

/** "3", "- 3 -", "3/12", "Page 3 sur 12", "p. 3": a page-number line once digits are "0" and punctuation gone. */
const PAGE_NUMBER_KEY = /^(?:page|p)?0(?:(?:sur|of|de)?0)?$/u;

/**
 * The key under which one running line repeats: folded, each number as "0", spacing and punctuation gone (OCR
 * varies them: "[2" for "2"); symbols stay ("200 €" at the foot of a budget table's pages is no page number).
 */
function keyOf(text: string): string {
  return foldForMatch(text).replace(/\d+/gu, "0").replace(/[\s\p{P}]/gu, "");
}

/**
 * Each number of a running line is the same on this share of its pages (a date: "CM – 04.02.2013") or
 * follows the page number (the page number plus a constant: "Page 3 / 9", "… 5 juillet 2021 3"). Item
 * headings that happen to open pages ("QUESTION No 15" on 19 of 34 pages, Avranches 2016-04-11) number
 * items, not pages. Three quarters leaves room for an OCR slip or a page the numbering skips.
 */
const NUMBERS_SHARE = 0.75;

/** How the numbers of a repeated line behave: "fixed" (none changes), "pages" (one follows the pages), or null (neither). */
function numbering(model: DocumentModel, lines: ReadonlyArray<{ page: number; line: Line }>): "fixed" | "pages" | null {
  const numbers = lines.map((l) => (model.text.slice(l.line.start, l.line.end).match(/\d+/gu) ?? []).map(Number));
  const width = numbers[0]?.length ?? 0;
  const needed = Math.ceil(NUMBERS_SHARE * lines.length);
  const mostCommon = (values: number[]): number => {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return Math.max(0, ...counts.values());
  };
  let result: "fixed" | "pages" = "fixed";
  for (let k = 0; k < width; k++) {
    const values = numbers.map((n) => n[k] ?? NaN);
    if (mostCommon(values) >= needed) continue;
    if (mostCommon(values.map((v, i) => v - (lines[i]?.page ?? 0))) < needed) return null;
    result = "pages";
  }
  return result;
}

interface Seen {
  zone: "header" | "footer";
  key: string;
  lines: Array<{ page: number; line: Line }>;
}

function zoneLines(model: DocumentModel, lines: readonly Line[]): { top: Line[]; bottom: Line[]; body: Line[] } {
  const written = lines.filter((l) => model.text.slice(l.start, l.end).trim() !== "");
  return { top: written.slice(0, ZONE_LINES), bottom: written.slice(-ZONE_LINES), body: written.slice(ZONE_LINES, -ZONE_LINES) };
}

/** The running lines of a document, in the order they are first printed. */
export function findRunningLines(model: DocumentModel): RunningLine[] {
  // A running line repeats on MIN_RUNNING_PAGES pages at least: a shorter document has none (most text files are one page).
  if (model.pages.length < MIN_RUNNING_PAGES) return [];
  const seen = new Map<string, Seen>();
  // Pages printing each key between the zones.
  const inBody = new Map<string, number>();
  let pagesWithText = 0;
  for (const page of model.pages) {
    const { top, bottom, body } = zoneLines(model, page.lines);
    if (top.length === 0) continue;
    pagesWithText++;
    for (const key of new Set(body.map((line) => keyOf(model.text.slice(line.start, line.end))))) inBody.set(key, (inBody.get(key) ?? 0) + 1);
    for (const [zone, lines] of [["header", top], ["footer", bottom]] as const) {
      for (const line of lines) {
        const key = keyOf(model.text.slice(line.start, line.end));
        // A key without letters that is no page number ("#", "-", "•") says too little to be told from a table cell.
        if (!/\p{L}/u.test(key) && !PAGE_NUMBER_KEY.test(key)) continue;
        const id = `${zone}\u0000${key}`;
        const s = seen.get(id) ?? { zone, key, lines: [] };
        // A page holding the key twice in one zone counts once.
        if (s.lines.at(-1)?.page !== page.number) s.lines.push({ page: page.number, line });
        seen.set(id, s);
      }
    }
  }
  const needed = Math.max(MIN_RUNNING_PAGES, Math.ceil(RUNNING_SHARE * pagesWithText));
  const out: RunningLine[] = [];
  const claimed = new Set<Line>();
  for (const s of seen.values()) {
    if (s.lines.length < needed) continue;
    // Page numbers are exempt: a lone "2" may be a table's cell anywhere.
    if (!PAGE_NUMBER_KEY.test(s.key) && (inBody.get(s.key) ?? 0) >= BODY_SHARE * s.lines.length) continue;
    const numbers = numbering(model, s.lines);
    if (numbers === null) continue;
    // A short page whose two lines are both in each zone: the line belongs to the zone it repeats in first.
    const lines = s.lines.filter((l) => !claimed.has(l.line));
    if (lines.length < needed) continue;
    for (const l of lines) claimed.add(l.line);
    const first = lines[0] as { page: number; line: Line };
    out.push({
      kind: PAGE_NUMBER_KEY.test(s.key) && numbers === "pages" ? "page-number" : s.zone,
      text: foldSpaces(model.text.slice(first.line.start, first.line.end)),
      pages: lines.map((l) => l.page),
      places: lines.map((l) => ({ page: l.page, start: l.line.start, end: l.line.end })),
    });
  }
  return out.sort((a, b) => (a.places[0]?.start ?? 0) - (b.places[0]?.start ?? 0));
}

function foldSpaces(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

const cache = new WeakMap<DocumentModel, RunningLine[]>();

/** findRunningLines, worked out once per document (every record of it asks). */
export function runningLinesOf(model: DocumentModel): RunningLine[] {
  let lines = cache.get(model);
  if (lines === undefined) {
    lines = findRunningLines(model);
    cache.set(model, lines);
  }
  return lines;
}

/** The assembled-text ranges of running lines, sorted by start. */
export function runningRanges(lines: readonly RunningLine[]): Range[] {
  return lines.flatMap((l) => l.places.map((p) => ({ start: p.start, end: p.end }))).sort((a, b) => a.start - b.start);
}
