import { afterAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../src/paths.js";
import { prepareResume } from "../src/batch/resume.js";
import { mulberry32 } from "../src/tools/random.js";

const BIN = join(packageRoot, "bin", "delib.js");
const OUTPUTS = ["deliberations.jsonl", "documents.jsonl", "issues.jsonl", "summary.json"];
/** Documents of the killed batch: text cases of the corpus, each copy made distinct by a last line. */
const DOCUMENTS = 240;
const KILLS = 20;
/**
 * Kill points are spread over this share of the batch: the last one at 20/21 of the batch left ~11 documents,
 * which a loaded machine's batch finished (~20 ms) before the kill landed (seen in a full suite beside other
 * work). Three quarters leave ~60 documents after the last kill.
 */
const KILL_SPAN = 0.75;
const RUN_MS = 600_000;
const POLL_MS = 5;

const made: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "delib-resume-"));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Deterministic pseudo-random delays in [min, max) ms: the same kills on every run. */
function delays(seed: number, n: number, min: number, max: number): number[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => min + Math.floor(rnd() * (max - min)));
}

function runToEnd(args: string[]): number | null {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" }).status;
}

function manifestLines(out: string): number {
  const manifest = join(out, "documents.jsonl");
  return existsSync(manifest) ? readFileSync(manifest, "utf8").split("\n").length - 1 : 0;
}

/**
 * Runs the CLI and kills it (SIGKILL) once `documents.jsonl` holds `target` lines, `jitterMs` later: the
 * kill falls at a chosen point of the batch whatever the machine's speed, and anywhere within a document.
 */
async function runAndKill(args: string[], out: string, target: number, jitterMs: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: "ignore" });
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (manifestLines(out) < target) return;
      clearInterval(poll);
      setTimeout(() => child.kill("SIGKILL"), jitterMs);
    }, POLL_MS);
    child.on("exit", () => {
      clearInterval(poll);
      resolve();
    });
  });
}

describe("--resume", () => {
  it(`after ${KILLS} kill -9 at random moments, gives the files of an uninterrupted run`, async () => {
    const input = join(tmp(), "in");
    mkdirSync(input);
    const cases = ["commune/2021-03-15-beze", "register/2023-09-18-denee", "commune/2019-11-07-lavans-quingey", "syndicate/2024-11-21-siaep-vallee-de-l-ource"];
    for (let i = 0; i < DOCUMENTS; i++) {
      const text = readFileSync(join(packageRoot, "corpus", "written", cases[i % cases.length] as string, "source.txt"), "utf8");
      writeFileSync(join(input, `doc-${String(i).padStart(3, "0")}.txt`), `${text}\nCopie ${i}\n`);
    }
    const whole = join(tmp(), "whole");
    expect(runToEnd(["extract", input, "--out", whole, "--quiet"])).toBe(0);

    const killed = join(tmp(), "killed");
    const written: number[] = [];
    const jitter = delays(7, KILLS, 0, 20);
    for (let k = 0; k < KILLS; k++) {
      // Kill points spread over the first three quarters of the batch, each a few milliseconds later.
      const target = Math.round(((k + 1) * DOCUMENTS * KILL_SPAN) / (KILLS + 1));
      await runAndKill(["extract", input, "--out", killed, "--quiet", ...(k === 0 ? [] : ["--resume"])], killed, target, jitter[k] ?? 0);
      written.push(manifestLines(killed));
    }
    console.warn(`documents done after each kill: ${written.join(", ")} of ${DOCUMENTS}`);
    expect(runToEnd(["extract", input, "--out", killed, "--quiet", "--resume"])).toBe(0);
    // Every document once, every record once, in input order, no cut line: the very bytes of the whole run.
    for (const f of OUTPUTS) expect(readFileSync(join(killed, f), "utf8"), f).toBe(readFileSync(join(whole, f), "utf8"));
    // Every kill fell before the batch was over.
    expect(written.every((n) => n < DOCUMENTS), `documents done at each kill: ${written.join(", ")}`).toBe(true);
  }, RUN_MS);

  it("drops a cut last line and the records of a document whose manifest line never came", () => {
    const out = tmp();
    const rec = (path: string, sha: string, n: number) => JSON.stringify({ source: { path, sha256: sha }, id: `${n}`, issues: [] });
    writeFileSync(join(out, "documents.jsonl"), `${JSON.stringify({ path: "a.txt", sha256: "aa", status: "ok", reason: null, issues: [] })}\n{"path":"b.t`);
    writeFileSync(join(out, "deliberations.jsonl"), `${rec("a.txt", "aa", 0)}\n${rec("b.txt", "bb", 1)}\n${rec("b.txt", "bb", 2).slice(0, 20)}`);
    writeFileSync(join(out, "issues.jsonl"), `${JSON.stringify({ path: "b.txt", record: null, severity: "info", ruleId: "x", message: "m", place: null })}\n`);
    const state = prepareResume(out, (p) => (p === "a.txt" ? "aa" : "bb"));
    expect([...state.done]).toEqual([["a.txt", "aa"]]);
    expect(readFileSync(join(out, "deliberations.jsonl"), "utf8")).toBe(`${rec("a.txt", "aa", 0)}\n`);
    expect(readFileSync(join(out, "issues.jsonl"), "utf8")).toBe("");
    expect(readFileSync(join(out, "documents.jsonl"), "utf8").split("\n")).toHaveLength(2);
    // A file changed since it was read is read again.
    expect(prepareResume(out, () => "changed").done.size).toBe(0);
  });

  it("refuses a non-empty --out without --resume, and says how to go on", () => {
    const out = tmp();
    writeFileSync(join(out, "documents.jsonl"), "");
    const run = spawnSync(process.execPath, [BIN, "extract", join(packageRoot, "corpus", "written", "commune"), "--out", out], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--resume/u);
  });
});
