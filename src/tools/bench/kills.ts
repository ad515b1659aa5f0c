/**
 * The archive's crash drill: a batch killed with SIGKILL at random moments, resumed each time, must end with
 * the very files of an uninterrupted run (every document and record exactly once, no cut line).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OUTPUT_FILES } from "../../batch/output.js";
import { DELIB_BIN } from "./measure.js";
import { mulberry32 } from "../random.js";


export interface KillDrill {
  kills: number;
  /** Documents in documents.jsonl after each kill. */
  doneAfterKill: number[];
  /** Output files that differ from the uninterrupted run's (none is the pass). */
  differing: string[];
  /** Lines of documents.jsonl naming a document already named (0 is the pass). */
  repeatedDocuments: number;
  seconds: number;
}

function run(args: string[], killAfterMs?: number): Promise<number | null> {
  const child = spawn(process.execPath, [DELIB_BIN, ...args], { stdio: "ignore" });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve(code);
    }),
  );
}

/** Whole lines of a file; none when a run killed early never made it. */
function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(0, -1) : [];
}

/**
 * Runs `input` once whole (timing it), then `kills` times killed at a moment drawn uniformly in the time the
 * rest of the batch should take (each run after the first with --resume), then once more with --resume to the end.
 */
export async function killDrill(input: string, kills: number, seed: number): Promise<KillDrill> {
  const root = mkdtempSync(join(tmpdir(), "delib-bench-kills-"));
  try {
    const whole = join(root, "whole");
    const started = performance.now();
    await run(["extract", input, "--out", whole, "--quiet"]);
    const seconds = (performance.now() - started) / 1000;
    const killed = join(root, "killed");
    const rnd = mulberry32(seed);
    const total = lines(join(whole, "documents.jsonl")).length;
    const doneAfterKill: number[] = [];
    for (let k = 0; k < kills; k++) {
      const left = (total - (doneAfterKill.at(-1) ?? 0)) / total;
      await run(["extract", input, "--out", killed, "--quiet", ...(k === 0 ? [] : ["--resume"])], Math.floor(rnd() * left * seconds * 1000));
      doneAfterKill.push(lines(join(killed, "documents.jsonl")).length);
    }
    await run(["extract", input, "--out", killed, "--quiet", "--resume"]);
    const differing = OUTPUT_FILES.filter((f) => readFileSync(join(killed, f), "utf8") !== readFileSync(join(whole, f), "utf8"));
    const paths = lines(join(killed, "documents.jsonl")).map((l) => (JSON.parse(l) as { path: string }).path);
    return { kills, doneAfterKill, differing, repeatedDocuments: paths.length - new Set(paths).size, seconds };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
