#!/usr/bin/env node
/**
 * `npm run bench:batch` — archive-scale throughput and memory, as the CLI runs them:
 * - `--text N` (default 10,000) generated text documents, with the default reader count (one per core);
 * - `--pdfs N` (default 1,000) generated PDFs of 5–40 pages, with 1 and 2 readers, against
 *   `pdftotext -layout` run file by file on the same PDFs (when it is installed);
 * - `--kills K` (default 20) SIGKILLs at random moments of a 2,000-document batch, each followed by --resume;
 * - `--large-resume N` (default 20,000) text documents killed at 90 %, past what one string holds, then resumed.
 * Generated corpora: src/tools/bench/generate.ts (kept in the temp folder between runs). Prints a Markdown
 * report; `--write` also writes it to bench/RESULTS.md. `--text 0`, `--pdfs 0`, `--kills 0` or
 * `--large-resume 0` skip a part.
 */
import { execSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { packageRoot } from "../paths.js";
import { pdfCorpus, textCorpus, MAX_PDF_PAGES, MIN_PDF_PAGES } from "./bench/generate.js";
import { killDrill } from "./bench/kills.js";
import { largeResume } from "./bench/large-resume.js";
import { measureExtract, measurePdftotext, type RunMeasure } from "./bench/measure.js";
import { runMain } from "./run-main.js";

/** The targets, to print beside the figures. */
const TEXT_DOCS_PER_SECOND_PER_CORE = 200;
const PEAK_RSS_MB = 400;
const PDFTOTEXT_SHARE = 0.3;
const TWO_THREADS_SPEEDUP = 1.8;
/** Documents of the kill drill (the batch). */
const KILL_DRILL_DOCUMENTS = 2_000;
/**
 * Documents of the large resume: at ~35 KB of deliberations.jsonl each (benchmark set), 20,000 make ~700 MB
 * and 90 % of them ~630 MB, past the ~560 MB of this UTF-8 that one string can hold.
 */
const LARGE_RESUME_DOCUMENTS = 20_000;
/** The large batch is killed once this share of it is done. */
const LARGE_RESUME_KILL_SHARE = 0.9;

/** Share of a run's RSS samples counted as warm-up (readers starting, code compiled) before "flat" is judged. */
const WARM_UP_SHARE = 0.2;

const fmt = (n: number, digits = 1): string => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const verdict = (ok: boolean): string => (ok ? "yes" : "**no**");

/** RSS after warm-up: lowest, highest, and at each quarter of the rest of the run. */
function rssLine(m: RunMeasure): string {
  const after = m.rssMb.slice(Math.floor(m.rssMb.length * WARM_UP_SHARE));
  if (after.length === 0) return "no sample";
  const at = (q: number): number => after[Math.min(after.length - 1, Math.floor(q * (after.length - 1)))] ?? 0;
  return `${Math.min(...after)}–${Math.max(...after)} MB (at 0/25/50/75/100 % of the rest: ${[0, 0.25, 0.5, 0.75, 1].map(at).join(", ")})`;
}

function stageTable(m: RunMeasure): string[] {
  const rows = Object.entries(m.stageMs).map(([stage, ms]) => `| ${stage} | ${fmt(ms / 1000)} s | ${fmt(m.documents / (ms / 1000))} | ${fmt(m.pages / (ms / 1000))} |`);
  return ["| stage (one reader's time, summed) | time | documents/s | pages/s |", "|---|---|---|---|", ...rows];
}

function runLine(label: string, m: RunMeasure): string {
  return `| ${label} | ${m.documents} | ${m.pages} | ${fmt(m.seconds)} s | ${fmt(m.documents / m.seconds)} | ${fmt(m.pages / m.seconds)} | ${m.peakPssMb} MB | ${m.peakRssMb} MB | ${m.exitCode} |`;
}

const RUN_HEADER = ["| run | documents | pages | wall | documents/s | pages/s | peak PSS | peak RSS, summed | exit |", "|---|---|---|---|---|---|---|---|---|"];
/** What the memory figures count, under each table that shows them. */
const MEMORY_NOTE =
  "Memory of delib's process and its reading processes together: PSS counts each page once (a page the processes share, Node's own code, divided among them), as one process's RSS did when documents were read in threads; the summed RSS counts such pages once per process.";

async function textPart(n: number, cores: number): Promise<string[]> {
  const corpus = await textCorpus(n);
  const m = await measureExtract(corpus.dir, ["--concurrency", String(cores)]);
  const perCore = m.documents / m.seconds / cores;
  return [
    `## ${n.toLocaleString("en-US")} text documents`,
    "",
    `Made from the corpus's text cases with varied numbers (${corpus.pages} pages). \`delib extract --concurrency ${cores} --timings\`:`,
    "",
    ...RUN_HEADER,
    runLine(`${cores} readers`, m),
    "",
    MEMORY_NOTE,
    "",
    `- documents/s per core: **${fmt(perCore)}** (target ≥ ${TEXT_DOCS_PER_SECOND_PER_CORE}: ${verdict(perCore >= TEXT_DOCS_PER_SECOND_PER_CORE)})`,
    `- peak memory: **${m.peakPssMb} MB** PSS (target < ${PEAK_RSS_MB}: ${verdict(m.peakPssMb < PEAK_RSS_MB)}); RSS summed over the processes ${m.peakRssMb} MB (${verdict(m.peakRssMb < PEAK_RSS_MB)} against the same target)`,
    `- RSS summed after warm-up (first ${WARM_UP_SHARE * 100} % of samples dropped): ${rssLine(m)}`,
    "",
    ...stageTable(m),
    "",
  ];
}

function pdfFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .sort()
    .map((f) => join(dir, f));
}

async function pdfPart(n: number): Promise<string[]> {
  const corpus = await pdfCorpus(n, (i) => {
    if ((i + 1) % 100 === 0) process.stderr.write(`bench-batch: ${i + 1}/${n} PDFs made\n`);
  });
  const one = await measureExtract(corpus.dir, ["--concurrency", "1"]);
  const two = await measureExtract(corpus.dir, ["--concurrency", "2"]);
  const pdftotext = await measurePdftotext(pdfFiles(corpus.dir));
  const speedup = one.seconds / two.seconds;
  const lines = [
    `## ${n.toLocaleString("en-US")} PDFs of ${MIN_PDF_PAGES}–${MAX_PDF_PAGES} pages`,
    "",
    `Rendered from runs of the corpus's text cases with varied numbers (render-pdf: text layer, A4, ${corpus.pages} pages). End to end (load, extract, records, checks, writing):`,
    "",
    ...RUN_HEADER,
    runLine("1 reader", one),
    runLine("2 readers", two),
    "",
    MEMORY_NOTE,
    "",
    `- 2 readers against 1: **${fmt(speedup, 2)}×** (target ≥ ${TWO_THREADS_SPEEDUP}: ${verdict(speedup >= TWO_THREADS_SPEEDUP)})`,
  ];
  if (pdftotext === undefined) lines.push("- `pdftotext` is not installed here: no comparison.");
  else {
    const share = pdftotext / two.seconds;
    lines.push(
      `- \`pdftotext -layout\` file by file on the same PDFs: ${fmt(pdftotext)} s (${fmt(corpus.pages / pdftotext)} pages/s)`,
      `- delib (2 readers) reaches **${fmt(share * 100)} %** of its throughput (target ≥ ${PDFTOTEXT_SHARE * 100} %: ${verdict(share >= PDFTOTEXT_SHARE)}); 1 reader: ${fmt((pdftotext / one.seconds) * 100)} %`,
    );
  }
  lines.push(`- RSS summed after warm-up, 2 readers: ${rssLine(two)}`, "", "Stages, 2 readers:", "", ...stageTable(two), "");
  return lines;
}

async function killPart(kills: number): Promise<string[]> {
  const corpus = await textCorpus(KILL_DRILL_DOCUMENTS);
  const drill = await killDrill(corpus.dir, kills, 6);
  const pass = drill.differing.length === 0 && drill.repeatedDocuments === 0;
  return [
    `## ${kills} kill -9 during a ${KILL_DRILL_DOCUMENTS.toLocaleString("en-US")}-document batch`,
    "",
    `An uninterrupted run took ${fmt(drill.seconds)} s. Each kill falls at a random moment of what is left; every run after the first adds --resume, then one last --resume runs to the end.`,
    "",
    `- documents done after each kill: ${drill.doneAfterKill.join(", ")}`,
    `- files differing from the uninterrupted run's: ${drill.differing.length === 0 ? "none" : drill.differing.join(", ")}; documents listed twice: ${drill.repeatedDocuments} (${pass ? "pass" : "**fail**"})`,
    "",
  ];
}

async function largeResumePart(n: number): Promise<string[]> {
  const corpus = await textCorpus(n);
  const r = await largeResume(corpus.dir, Math.floor(n * LARGE_RESUME_KILL_SHARE));
  const pass = r.resume.exitCode === 0 && r.documents === n && r.listedTwice === 0;
  return [
    `## --resume after a kill past one string's length (${n.toLocaleString("en-US")} text documents)`,
    "",
    `Killed with ${r.killedAt.toLocaleString("en-US")} documents done and a deliberations.jsonl of ${r.deliberationsMb.toLocaleString("en-US")} MB, then resumed with 2 readers.`,
    "",
    `- resumed run: ${fmt(r.resume.seconds)} s, peak memory ${r.resume.peakPssMb} MB PSS (target < ${PEAK_RSS_MB}: ${verdict(r.resume.peakPssMb < PEAK_RSS_MB)}), RSS summed ${r.resume.peakRssMb} MB, exit ${String(r.resume.exitCode)}`,
    `- documents listed after it: ${r.documents.toLocaleString("en-US")}, listed twice: ${r.listedTwice} (${pass ? "pass" : "**fail**"})`,
    "",
  ];
}

function machine(): string {
  const commit = (() => {
    try {
      return execSync("git rev-parse --short HEAD", { cwd: packageRoot, encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })();
  const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  return `${new Date().toISOString().slice(0, 10)}, commit ${commit}, Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), load average before the run ${load}`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      text: { type: "string", default: "10000" },
      pdfs: { type: "string", default: "1000" },
      kills: { type: "string", default: "20" },
      "large-resume": { type: "string", default: String(LARGE_RESUME_DOCUMENTS) },
      write: { type: "boolean" },
    },
  });
  const text = Number(values.text);
  const pdfs = Number(values.pdfs);
  const kills = Number(values.kills);
  const large = Number(values["large-resume"]);
  const cores = availableParallelism();
  const report = ["# Batch benchmarks (`npm run bench:batch`)", "", machine(), ""];
  if (text > 0) report.push(...(await textPart(text, cores)));
  if (pdfs > 0) report.push(...(await pdfPart(pdfs)));
  if (kills > 0) report.push(...(await killPart(kills)));
  if (large > 0) report.push(...(await largeResumePart(large)));
  const markdown = `${report.join("\n")}`;
  process.stdout.write(markdown);
  if (values.write === true) {
    mkdirSync(join(packageRoot, "bench"), { recursive: true });
    writeFileSync(join(packageRoot, "bench", "RESULTS.md"), markdown);
  }
  return 0;
}

runMain(import.meta.url, "bench-batch", main);
