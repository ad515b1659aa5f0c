/**
 * Runs `delib extract` on a folder in a child process, as a user would, and measures it: wall time,
 * the resident memory of delib and its reading processes over the run, and per-stage milliseconds from
 * documents.jsonl (`--timings`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
  /** Summed milliseconds per stage over every document (one reader's time). */
  stageMs: Record<string, number>;
}

/**
 * The "Name:   123 kB" lines of a /proc file, in MB by name: /proc/<pid>/status (VmRSS, VmHWM) and
 * /proc/<pid>/smaps_rollup (Pss, Linux 4.14+). Empty once the process has exited, or without /proc.
 */
function procMb(file: string): Map<string, number> {
  const fields = new Map<string, number>();
  try {
    for (const [, name, kb] of readFileSync(file, "utf8").matchAll(/^(\w+):\s+(\d+) kB$/gmu)) fields.set(name ?? "", Number(kb) / 1024);
  } catch {
    // exited, or no /proc (not Linux)
  }
  return fields;
}

/** A process and its descendants (Linux: /proc/<pid>/task/<tid>/children), the process first. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const at = tree[i] as number;
    try {
      for (const task of readdirSync(`/proc/${at}/task`)) {
        for (const child of readFileSync(`/proc/${at}/task/${task}/children`, "utf8").split(" ")) if (child !== "") tree.push(Number(child));
      }
    } catch {
      // exited meanwhile, or no /proc
    }
  }
  return tree;
}

/** A delib process as a user runs it: its wall time, exit code and resident memory over the run. */
export interface ProcessMeasure {
  seconds: number;
  exitCode: number | null;
  /**
   * Peak resident memory (MB) of delib and its reading processes: at each sample, the sum of their kernel
   * high-water marks (each process's own peak so far), the largest such sum. An upper bound of the peak of
   * the sum (their peaks need not fall together), and pages the processes share (Node's code) count once each.
   */
  peakRssMb: number;
  /**
   * Peak proportional memory (MB) of delib and its reading processes: the largest sum of their PSS (each
   * shared page divided among the processes sharing it) over the samples. What the processes take from the
   * machine, shared code counted once, as one process's RSS counted it when documents were read in threads.
   */
  peakPssMb: number;
  /** Resident memory (MB) of delib and its reading processes, summed, sampled over the run, in order. */
  rssMb: number[];
}

/** Runs `delib …args` (stdout ignored, stderr shown) and measures it. */
export async function measureDelib(args: readonly string[]): Promise<ProcessMeasure> {
  const started = performance.now();
  const child = spawn(process.execPath, [DELIB_BIN, ...args], { stdio: ["ignore", "ignore", "inherit"] });
  const rssMb: number[] = [];
  let peakRssMb = 0;
  let peakPssMb = 0;
  const sample = setInterval(() => {
    if (child.pid === undefined) return;
    let rss = 0;
    let hwm = 0;
    let pss = 0;
    for (const pid of processTree(child.pid)) {
      const status = procMb(`/proc/${pid}/status`);
      rss += status.get("VmRSS") ?? 0;
      hwm += status.get("VmHWM") ?? 0;
      pss += procMb(`/proc/${pid}/smaps_rollup`).get("Pss") ?? 0;
    }
    if (rss > 0) rssMb.push(Math.round(rss));
    peakRssMb = Math.max(peakRssMb, hwm);
    peakPssMb = Math.max(peakPssMb, pss);
  }, RSS_SAMPLE_MS);
  const exitCode = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  clearInterval(sample);
  return { seconds: (performance.now() - started) / 1000, exitCode, peakRssMb: Math.round(peakRssMb), peakPssMb: Math.round(peakPssMb), rssMb };
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
