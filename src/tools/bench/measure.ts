/**
 * Runs `delib extract` on a folder in a child process, as a user would, and measures it: wall time,
 * the process's resident memory over the run (all its threads), and per-stage milliseconds from
 * documents.jsonl (`--timings`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../paths.js";

/** The CLI as installed: benchmarks run it as a user would. */
export const DELIB_BIN = join(packageRoot, "bin", "delib.js");
/** How often resident memory is read (ms): often enough to see a peak of one document. */
const RSS_SAMPLE_MS = 50;

export interface RunMeasure extends ProcessMeasure {
  documents: number;
  pages: number;
  /** Summed milliseconds per stage over every document (one thread's time). */
  stageMs: Record<string, number>;
}

function statusField(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "mu").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m?.[1] === undefined ? undefined : Number(m[1]) / 1024;
  } catch {
    return undefined; // exited, or no /proc (not Linux)
  }
}

/** A delib process as a user runs it: its wall time, exit code and resident memory over the run. */
export interface ProcessMeasure {
  seconds: number;
  exitCode: number | null;
  /** Peak resident memory (MB): the kernel's high-water mark, read at the last sample. */
  peakRssMb: number;
  /** Resident memory (MB) sampled over the run, in order. */
  rssMb: number[];
}

/** Runs `delib …args` (stdout ignored, stderr shown) and measures it. */
export async function measureDelib(args: readonly string[]): Promise<ProcessMeasure> {
  const started = performance.now();
  const child = spawn(process.execPath, [DELIB_BIN, ...args], { stdio: ["ignore", "ignore", "inherit"] });
  const rssMb: number[] = [];
  let peakRssMb = 0;
  const sample = setInterval(() => {
    if (child.pid === undefined) return;
    const rss = statusField(child.pid, "VmRSS");
    if (rss !== undefined) rssMb.push(Math.round(rss));
    peakRssMb = Math.max(peakRssMb, statusField(child.pid, "VmHWM") ?? 0);
  }, RSS_SAMPLE_MS);
  const exitCode = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  clearInterval(sample);
  return { seconds: (performance.now() - started) / 1000, exitCode, peakRssMb: Math.round(peakRssMb), rssMb };
}

/** Runs `delib extract <input> --out <tmp> --quiet --timings …args` and measures it. */
export async function measureExtract(input: string, args: readonly string[]): Promise<RunMeasure> {
  const out = mkdtempSync(join(tmpdir(), "delib-bench-out-"));
  try {
    const run = await measureDelib(["extract", input, "--out", out, "--quiet", "--timings", ...args]);
    const stageMs: Record<string, number> = {};
    let documents = 0;
    let pages = 0;
    for (const line of readFileSync(join(out, "documents.jsonl"), "utf8").split("\n")) {
      if (line === "") continue;
      const doc = JSON.parse(line) as { pages: number; timings: Record<string, number> | null };
      documents++;
      pages += doc.pages;
      for (const [stage, ms] of Object.entries(doc.timings ?? {})) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
    }
    return { ...run, documents, pages, stageMs };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `pdftotext -layout` (poppler) on one file, the text thrown away: false when it failed or is not installed. */
export function pdftotext(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn("pdftotext", ["-layout", file, "-"], { stdio: ["ignore", "ignore", "ignore"] });
    child.on("error", () => resolve(false));
    child.on("exit", (code) => resolve(code === 0));
  });
}

/** Seconds for `pdftotext -layout` run on each file in turn, as the yardstick; undefined when it is not installed. */
export async function measurePdftotext(files: readonly string[]): Promise<number | undefined> {
  const started = performance.now();
  for (const file of files) {
    if (!(await pdftotext(file))) return undefined;
  }
  return (performance.now() - started) / 1000;
}
