/**
 * Running headers and footers: a line printed at the top (or bottom) of several pages, the same but for its
 * page number ("Putanges-Le-Lac, séance du 3 novembre 2017" at the top of pages 2–5). It is a paragraph of
 * its own: joined to the page's first line, it hides the heading that line starts ("Putanges-Le-Lac, séance
 * du 3 novembre 2017 c. Etude diagnostique des réseaux…").
 */
import type { ReadLine } from "./types.js";

/** A running line is printed on at least this many pages (one page's first line may be anything). */
const MIN_RUNNING_PAGES = 2;

/** The text of a line without its digits and spacing: the key under which page headers repeat. */
function lineKey(line: ReadLine): string {
  return line.cells
    .flat()
    .map((w) => w.text)
    .join("")
    .replace(/\d+/gu, "#")
    .toLowerCase();
}

/** A key made only of page-number marks ("#", "page # / #") says too little to be told from a line of text. */
const TOO_SHORT = /^[^\p{L}]*(?:page[^\p{L}]*)?$/u;

/** The first and last lines of each page (in reading order) that are running lines of the document. */
export function runningLines(pages: ReadonlyArray<readonly ReadLine[]>): Set<ReadLine> {
  const ends = pages.map((lines) => [lines[0], lines.at(-1)].filter((l): l is ReadLine => l !== undefined));
  const pagesByKey = new Map<string, Set<number>>();
  ends.forEach((lines, p) => {
    for (const line of lines) {
      const key = lineKey(line);
      if (TOO_SHORT.test(key)) continue;
      const set = pagesByKey.get(key) ?? new Set<number>();
      set.add(p);
      pagesByKey.set(key, set);
    }
  });
  const out = new Set<ReadLine>();
  for (const lines of ends) for (const line of lines) if ((pagesByKey.get(lineKey(line))?.size ?? 0) >= MIN_RUNNING_PAGES) out.add(line);
  return out;
}
