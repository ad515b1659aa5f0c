/**
 * Generated benchmark corpora, kept in the temp folder between runs (they take minutes to make for PDFs):
 * `n` text documents, or `n` PDFs of MIN_PDF_PAGES–MAX_PDF_PAGES pages, all made from the corpus's text
 * cases with variations (src/tools/bench/cases.ts). The same `n` gives the same files on every machine.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchCases, varied, type BenchCase } from "./cases.js";
import { mulberry32 } from "../random.js";
import { renderPdf } from "../render-pdf.js";

/** The range of PDF lengths. */
export const MIN_PDF_PAGES = 5;
export const MAX_PDF_PAGES = 40;
/**
 * Characters that fill a rendered page (render-pdf: A4, 10 pt DejaVu, 2 cm margins): measured on the seed,
 * 57,857 characters over 19 pages, rounded down so documents reach their page count.
 */
const CHARS_PER_PAGE = 2_900;
/** Bumped when what is generated changes, so an old cached corpus is not reused. */
const GENERATOR_VERSION = 2;
/** Written last into a finished corpus folder: a folder without it was interrupted and is made again. */
const COMPLETE = ".complete";
/** The seed of the variations: fixed, so every machine benchmarks the same files. */
const SEED = 20_261_129;

export interface BenchCorpus {
  dir: string;
  files: number;
  pages: number;
}

function key(kind: string, n: number, cases: readonly BenchCase[]): string {
  const h = createHash("sha256").update(`${kind} ${n} v${GENERATOR_VERSION}`);
  for (const c of cases) h.update(c.path).update(c.text);
  return h.digest("hex").slice(0, 12);
}

async function cachedCorpus(kind: string, n: number, make: (dir: string, cases: BenchCase[]) => Promise<number>): Promise<BenchCorpus> {
  const cases = benchCases();
  const dir = join(tmpdir(), `delib-bench-${kind}-${n}-${key(kind, n, cases)}`);
  const complete = join(dir, COMPLETE);
  if (existsSync(complete)) return { dir, files: n, pages: Number(readFileSync(complete, "utf8")) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pages = await make(dir, cases);
  writeFileSync(complete, String(pages));
  return { dir, files: n, pages };
}

function fileName(i: number, ext: string): string {
  return `doc-${String(i).padStart(6, "0")}.${ext}`;
}

/** `n` text documents: the cases in turn, each copy varied. Pages: form feeds + 1 per document. */
export function textCorpus(n: number): Promise<BenchCorpus> {
  return cachedCorpus("text", n, async (dir, cases) => {
    const rnd = mulberry32(SEED);
    let pages = 0;
    for (let i = 0; i < n; i++) {
      const c = cases[i % cases.length] as BenchCase;
      const text = varied(c.text, rnd, i);
      pages += text.split("\f").length;
      writeFileSync(join(dir, fileName(i, "txt")), text);
    }
    return pages;
  });
}

/**
 * `n` PDFs: each aims at a page count drawn in [MIN_PDF_PAGES, MAX_PDF_PAGES] and is a run of varied
 * cases (a sitting's minutes), each starting on a new page, until that many characters are reached.
 */
export function pdfCorpus(n: number, onFile?: (i: number) => void): Promise<BenchCorpus> {
  return cachedCorpus("pdf", n, async (dir, cases) => {
    const rnd = mulberry32(SEED);
    let pages = 0;
    for (let i = 0; i < n; i++) {
      const target = MIN_PDF_PAGES + Math.floor(rnd() * (MAX_PDF_PAGES - MIN_PDF_PAGES + 1));
      const parts: string[] = [];
      let chars = 0;
      for (let k = i; chars < target * CHARS_PER_PAGE; k++) {
        const c = cases[k % cases.length] as BenchCase;
        // Past the target (a 57 KB case on a short document): cut at a line, the minutes' text stops there.
        const room = Math.max(CHARS_PER_PAGE, target * CHARS_PER_PAGE - chars);
        const text = varied(c.text, rnd, i);
        const cut = text.length <= room ? text : text.slice(0, text.lastIndexOf("\n", room) + 1 || room);
        parts.push(cut);
        chars += cut.length;
      }
      const text = parts.join("\f");
      let rendered = await renderPdf(text);
      // Short lines fill pages with fewer characters than CHARS_PER_PAGE: cut to the target's share and render again.
      if (rendered.pages > target) {
        const keep = Math.floor((text.length * target) / rendered.pages);
        rendered = await renderPdf(text.slice(0, text.lastIndexOf("\n", keep) + 1 || keep));
      }
      pages += rendered.pages;
      writeFileSync(join(dir, fileName(i, "pdf")), rendered.bytes);
      onFile?.(i);
    }
    return pages;
  });
}
