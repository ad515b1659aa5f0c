#!/usr/bin/env node
/**
 * `npm run bench:dedup` — seconds to find running lines and annex copies in a 200-page document, built
 * deterministically (at least that many pages) from the seed's eight attachments: groups of four annexes, each annex the seed's with 40 %
 * of its words replaced (so no two groups are alike), every other group printed again with OCR-like slips in
 * 1 % of its words ("copies"); then the worst case for the confirmation ("template"): every annex the seed's
 * Convention with 2 % of its words its own, all candidates of each other, none a copy.
 * 40 lines a page under a running header, over a "Page n / N" footer. All the annexes are
 * compared as one deliberation's (the worst case: a real 200-page document spreads them over many). Prints the
 * figures on stdout; five runs, the slowest counts.
 *
 *   node dist/tools/bench-dedup.js [pages]   (default 200)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import { loadDocument } from "../load/index.js";
import { loadText } from "../load/text.js";
import { matchingView } from "../text/markup.js";
import { identityView } from "../text/view.js";
import { detectFormat } from "../format/detect.js";
import { loadRuleBook } from "../rules/format.js";
import { segment } from "../segment/segment.js";
import { findRunningLines, runningRanges } from "../text/running.js";
import { blankedText } from "../annexes/blocks.js";
import { findDuplicates } from "../annexes/dedupe.js";
import type { Range } from "../extract/candidate.js";
import { runMain } from "./run-main.js";
import { mulberry32 } from "./random.js";

const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.txt");
const LINES_PER_PAGE = 40;
const WORDS_PER_LINE = 12;
const GROUP = 4;
const RUNS = 5;

async function seedAnnexes(): Promise<string[][]> {
  const { model } = await loadDocument(new Uint8Array(readFileSync(SEED)), SEED);
  const view = matchingView(model);
  const [delib] = segment(view, detectFormat(view.text, loadRuleBook(), undefined).format).deliberations;
  return (delib?.attachments ?? []).map((a) => view.text.slice(a.range.start, a.range.end).split(/\s+/u).filter((w) => w !== ""));
}

/** A distinct annex: 40 % of the words replaced by others. */
function distinct(words: readonly string[], rnd: () => number): string[] {
  return words.map((w) => (rnd() < 0.4 ? `terme${Math.floor(rnd() * 50000)}` : w));
}

/**
 * One more annex from a template: 2 % of its words its own (names, places), its numbers the template's, so
 * that every pair goes through the alignment and the count of foreign words (numbers would reject it sooner).
 */
function fromTemplate(words: readonly string[], rnd: () => number): string[] {
  return words.map((w) => (!/\d/u.test(w) && rnd() < 0.02 ? `nom${Math.floor(rnd() * 50000)}` : w));
}

/** An OCR'd copy: 1 % of the words with one letter dropped or doubled. */
function slipped(words: readonly string[], rnd: () => number): string[] {
  return words.map((w) => {
    if (w.length < 5 || /\d/u.test(w) || rnd() >= 0.01) return w;
    const at = 1 + Math.floor(rnd() * (w.length - 2));
    return rnd() < 0.5 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + (w[at] ?? "") + w.slice(at);
  });
}

interface Built {
  text: string;
  pages: number;
  words: number;
  annexes: Range[];
  copiesExpected: number;
  clustersExpected: number;
}

type Scenario = "copies" | "template";

function build(base: string[][], pages: number, scenario: Scenario): Built {
  const rnd = mulberry32(2020);
  const annexes: string[][] = [];
  let copiesExpected = 0;
  let clustersExpected = 0;
  const lineCount = (): number => annexes.reduce((n, a) => n + Math.ceil(a.length / WORDS_PER_LINE), 0);
  for (let g = 0; lineCount() < pages * LINES_PER_PAGE; g++) {
    if (scenario === "template") {
      // The worst case for the confirmation: every annex a candidate of every other, none a copy.
      annexes.push(fromTemplate(base[0] ?? [], rnd));
      continue;
    }
    const group = Array.from({ length: GROUP }, (_, k) => distinct(base[(g * GROUP + k) % base.length] ?? [], rnd));
    annexes.push(...group);
    if (g % 2 === 0) {
      annexes.push(...group.map((a) => slipped(a, rnd)));
      copiesExpected += GROUP;
      clustersExpected++;
    }
  }
  // Lines of the annexes, then pages of lines under a header and over a page number.
  const lines: Array<{ text: string; annex: number }> = [];
  annexes.forEach((words, annex) => {
    for (let i = 0; i < words.length; i += WORDS_PER_LINE) lines.push({ text: words.slice(i, i + WORDS_PER_LINE).join(" "), annex });
  });
  const pageCount = Math.ceil(lines.length / LINES_PER_PAGE);
  let text = "";
  const ranges: Range[] = annexes.map(() => ({ start: -1, end: -1 }));
  for (let p = 0; p < pageCount; p++) {
    if (p > 0) text += "\f";
    text += "Grand Besançon Métropole – Conseil de Communauté du 9 novembre 2020\n";
    for (const line of lines.slice(p * LINES_PER_PAGE, (p + 1) * LINES_PER_PAGE)) {
      const r = ranges[line.annex] as Range;
      if (r.start < 0) r.start = text.length;
      text += `${line.text}\n`;
      r.end = text.length;
    }
    text += `Page ${p + 1} / ${pageCount}`;
  }
  return { text, pages: pageCount, words: annexes.flat().length, annexes: ranges, copiesExpected, clustersExpected };
}

function bench(built: Built, scenario: Scenario): string {
  const { model } = loadText(new TextEncoder().encode(built.text), "bench.txt");
  const view = identityView(model.text);
  const times: Array<{ running: number; dedup: number }> = [];
  let summary = "";
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const running = findRunningLines(model);
    const t1 = performance.now();
    const ranges = runningRanges(running);
    const result = findDuplicates(built.annexes.map((r) => ({ text: blankedText(view, r, ranges), confidence: null })));
    const t2 = performance.now();
    times.push({ running: (t1 - t0) / 1000, dedup: (t2 - t1) / 1000 });
    const copies = result.blocks.filter((b) => b.duplicateOf !== null).length;
    summary = `running lines: ${running.map((r) => `${r.kind} on ${r.pages.length} pages`).join(", ")}; copies ${copies} of ${built.copiesExpected} expected, clusters ${result.clusters.length} of ${built.clustersExpected}`;
  }
  const fmt = (xs: number[]): string => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)} s`;
  const total = times.map((t) => t.running + t.dedup);
  return [
    `${scenario}: ${model.pages.length} pages, ${built.words} words, ${built.annexes.length} annexes (${RUNS} runs)`,
    `  ${summary}`,
    `  running lines: ${fmt(times.map((t) => t.running))}`,
    `  dedup (blank running lines, shingles, MinHash, LSH, alignment, clusters): ${fmt(times.map((t) => t.dedup))}`,
    `  total: ${fmt(total)} (budget 2 s: ${Math.max(...total) < 2 ? "met" : "MISSED"})`,
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const pages = Number(argv[0] ?? "200");
  const base = await seedAnnexes();
  const out = (["copies", "template"] as const).map((scenario) => bench(build(base, pages, scenario), scenario));
  process.stdout.write(`bench-dedup\n${out.join("\n")}\n`);
  return 0;
}

runMain(import.meta.url, "bench-dedup", main);
