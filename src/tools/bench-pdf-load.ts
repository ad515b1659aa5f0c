#!/usr/bin/env node
/**
 * `node dist/tools/bench-pdf-load.js FILE.pdf… | @LIST` — milliseconds per page to load PDFs (pdf.js text
 * content and the layout rebuild, OCR off), next to `pdftotext -layout` (poppler) run file by file on
 * the same files, when it is installed. A file `@LIST` names one PDF a line. Both are timed over
 * several rounds after one warm-up round; the fastest round counts (other processes on the machine only
 * ever slow a round down). Prints wall-clock and CPU time (this process and its zlib threads; pdftotext's
 * children counted by wall clock only).
 */
import { readFileSync } from "node:fs";
import { loadPdf } from "../load/pdf.js";
import { pdftotext } from "./bench/measure.js";
import { runMain } from "./run-main.js";

/** Timed rounds after the warm-up. */
const ROUNDS = 5;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function pathsOf(argv: readonly string[]): string[] {
  return argv.flatMap((a) => (a.startsWith("@") ? readFileSync(a.slice(1), "utf8").split("\n").map((l) => l.trim()).filter((l) => l !== "") : [a]));
}

async function fastest(rounds: number, run: () => Promise<void>): Promise<Timing> {
  let best: Timing = { wallMs: Infinity, cpuMs: Infinity };
  for (let r = 0; r < rounds; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    best = { wallMs: Math.min(best.wallMs, wallMs), cpuMs: Math.min(best.cpuMs, (used.user + used.system) / 1000) };
  }
  return best;
}

async function main(argv: string[]): Promise<number> {
  const paths = pathsOf(argv);
  if (paths.length === 0) {
    process.stderr.write("usage: bench-pdf-load FILE.pdf… | @LIST\n");
    return 2;
  }
  const files = paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }));
  let pages = 0;
  for (const f of files) pages += (await loadPdf(f.bytes, f.path, { ocr: "off" })).model.pages.length;
  const delib = await fastest(ROUNDS, async () => {
    for (const f of files) await loadPdf(f.bytes, f.path, { ocr: "off" });
  });
  const perPage = (ms: number): string => (ms / pages).toFixed(2);
  process.stdout.write(`${files.length} PDF(s), ${pages} page(s)\ndelib load: ${perPage(delib.wallMs)} ms/page wall, ${perPage(delib.cpuMs)} ms/page CPU\n`);
  if (files[0] !== undefined && (await pdftotext(files[0].path))) {
    const poppler = await fastest(ROUNDS, async () => {
      for (const f of files) await pdftotext(f.path);
    });
    process.stdout.write(`pdftotext -layout: ${perPage(poppler.wallMs)} ms/page wall\ndelib / pdftotext (wall): ${(delib.wallMs / poppler.wallMs).toFixed(2)}\n`);
  }
  return 0;
}

runMain(import.meta.url, "bench-pdf-load", main);
