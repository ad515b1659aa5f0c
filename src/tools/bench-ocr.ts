#!/usr/bin/env node
/**
 * `npm run bench` — OCR seconds per page: rendering (pdf.js at 300 dpi, deskew), tesseract.js and, when
 * it is on PATH, native tesseract (OMP_THREAD_LIMIT=1), on the same page images; one page at a time
 * (latency), then every page at once through MAX_OCR_WORKERS workers (throughput). Prints a table on stdout.
 *
 *   node dist/tools/bench-ocr.js [file.pdf[:page]...]   (default: 4 Saint-Restitut pages of ../shared/corpus)
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { packageRoot } from "../paths.js";
import { nativeTesseractAvailable } from "../load/ocr/native.js";
import { createEngine, type OcrEngineName } from "../load/ocr/pool.js";
import { MAX_OCR_WORKERS } from "../load/limits.js";
import { rasterisePage, type PageImage } from "../load/ocr/rasterise.js";
import type { OcrWord } from "../load/ocr/types.js";

const SAINT_RESTITUT = join(packageRoot, "..", "shared", "corpus", "saint-restitut");
/** Default pages: one-column minutes, a skewed scan (1344_001 p. 1, 1.4°), a vote page. */
const DEFAULT_PAGES = ["CR-CM-du-10-sept-2019.pdf:1", "CR-CM-du-10-sept-2019.pdf:2", "1344_001.pdf:1", "CR_CM_du_25_octobre_20160300.pdf:1"];

interface Sample {
  label: string;
  page: PageImage;
  renderSeconds: number;
}

async function render(spec: string): Promise<Sample> {
  const [file = "", pageText = "1"] = spec.split(/:(?=\d+$)/u);
  const path = existsSync(file) ? file : join(SAINT_RESTITUT, file);
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false, verbosity: 0, wasmUrl: `${join(packageRoot, "node_modules", "pdfjs-dist", "wasm")}/` }).promise;
  try {
    const t0 = performance.now();
    const page = await rasterisePage(await doc.getPage(Number(pageText)));
    return { label: `${file}:${pageText}`, page, renderSeconds: (performance.now() - t0) / 1000 };
  } finally {
    await doc.destroy();
  }
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;
const fixed = (n: number): string => n.toFixed(2);

interface EngineRun {
  name: OcrEngineName;
  startSeconds: number;
  perPage: number[];
  parallelPerPage: number;
  words: OcrWord[][];
}

async function runEngine(name: OcrEngineName, samples: readonly Sample[]): Promise<EngineRun> {
  let t0 = performance.now();
  const one = await createEngine(name, 1);
  const startSeconds = seconds(t0);
  const perPage: number[] = [];
  const words: OcrWord[][] = [];
  for (const s of samples) {
    t0 = performance.now();
    words.push(await one.recognize(s.page.image));
    perPage.push(seconds(t0));
  }
  await one.terminate();
  const pool = await createEngine(name, MAX_OCR_WORKERS);
  t0 = performance.now();
  await Promise.all(samples.map((s) => pool.recognize(s.page.image)));
  const parallelPerPage = seconds(t0) / samples.length;
  await pool.terminate();
  return { name, startSeconds, perPage, parallelPerPage, words };
}

/** Share of a's words (as a multiset) found in b's. */
function agreement(a: readonly OcrWord[], b: readonly OcrWord[]): number {
  const pool = new Map<string, number>();
  for (const w of b) pool.set(w.text, (pool.get(w.text) ?? 0) + 1);
  let hit = 0;
  for (const w of a) {
    const n = pool.get(w.text) ?? 0;
    if (n > 0) {
      hit++;
      pool.set(w.text, n - 1);
    }
  }
  return a.length === 0 ? 1 : hit / a.length;
}

async function main(specs: string[]): Promise<void> {
  const samples: Sample[] = [];
  for (const spec of specs.length > 0 ? specs : DEFAULT_PAGES) samples.push(await render(spec));
  const engines: OcrEngineName[] = nativeTesseractAvailable() ? ["tesseract.js", "tesseract"] : ["tesseract.js"];
  const runs: EngineRun[] = [];
  for (const name of engines) runs.push(await runEngine(name, samples));
  const out: string[] = [];
  out.push(`OCR bench: ${samples.length} pages at 300 dpi, ${MAX_OCR_WORKERS} workers for the parallel run${engines.length === 1 ? " (native tesseract not on PATH)" : ""}`);
  out.push(["page", "render s", "deskew °", ...runs.map((r) => `${r.name} s`), ...runs.map((r) => `${r.name} words`)].join("\t"));
  samples.forEach((s, i) => {
    out.push([s.label, fixed(s.renderSeconds), fixed((s.page.deskew * 180) / Math.PI), ...runs.map((r) => fixed(r.perPage[i] ?? 0)), ...runs.map((r) => String(r.words[i]?.length ?? 0))].join("\t"));
  });
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  out.push(["mean", fixed(mean(samples.map((s) => s.renderSeconds))), "", ...runs.map((r) => fixed(mean(r.perPage)))].join("\t"));
  for (const r of runs) {
    out.push(`${r.name}: start ${fixed(r.startSeconds)} s, ${fixed(mean(r.perPage))} s/page one at a time, ${fixed(r.parallelPerPage)} s/page with ${MAX_OCR_WORKERS} in parallel`);
  }
  const [a, b] = runs;
  if (a !== undefined && b !== undefined) {
    const share = mean(samples.map((_, i) => agreement(a.words[i] ?? [], b.words[i] ?? [])));
    out.push(`words of ${a.name} also read by ${b.name}: ${(100 * share).toFixed(1)} %`);
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`bench-ocr: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
