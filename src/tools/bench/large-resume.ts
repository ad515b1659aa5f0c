/**
 * A batch killed once its deliberations.jsonl is larger than one string can hold (V8: 2^29 − 24 characters,
 * ~560 MB of this French UTF-8), then resumed: the resumed run must read the earlier output a chunk at a time,
 * in bounded memory, and end with each document listed once.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wholeLines } from "../../batch/whole-lines.js";
import { DELIB_BIN, measureDelib, type ProcessMeasure } from "./measure.js";

/** How often the killed run's manifest is counted (ms): a few documents' worth at 400 documents/s. */
const POLL_MS = 250;

export interface LargeResume {
  /** Documents in documents.jsonl when the first run was killed. */
  killedAt: number;
  /** Size of deliberations.jsonl then (MB). */
  deliberationsMb: number;
  resume: ProcessMeasure;
  /** Documents in documents.jsonl after the resumed run, and paths listed twice (0 is the pass). */
  documents: number;
  listedTwice: number;
}

function manifestPaths(out: string): string[] {
  return [...wholeLines(join(out, "documents.jsonl"))].map((line) => (JSON.parse(line) as { path: string }).path);
}

function countLines(file: string): number {
  let n = 0;
  for (const _ of wholeLines(file)) n++;
  return n;
}

/** Runs `delib extract input`, SIGKILLs it once `killAt` documents are done, then resumes it to the end. */
export async function largeResume(input: string, killAt: number): Promise<LargeResume> {
  const root = mkdtempSync(join(tmpdir(), "delib-bench-large-resume-"));
  const out = join(root, "out");
  const manifest = join(out, "documents.jsonl");
  try {
    const child = spawn(process.execPath, [DELIB_BIN, "extract", input, "--out", out, "--quiet"], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const poll = setInterval(() => {
      if (existsSync(manifest) && countLines(manifest) >= killAt) child.kill("SIGKILL");
    }, POLL_MS);
    await exited;
    clearInterval(poll);
    const killedAt = countLines(manifest);
    const deliberationsMb = Math.round(statSync(join(out, "deliberations.jsonl")).size / 1e6);
    const resume = await measureDelib(["extract", input, "--out", out, "--quiet", "--resume"]);
    const paths = manifestPaths(out);
    return { killedAt, deliberationsMb, resume, documents: paths.length, listedTwice: paths.length - new Set(paths).size };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
