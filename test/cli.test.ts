import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli.js";
import { packageRoot } from "../src/paths.js";
import type { BatchSummary } from "../src/batch/summary.js";
import { validateDocumentLine, validateIssueLine, validateRecord } from "../src/contract/validate.js";

const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.txt");
/**
 * Extracting the whole bundled corpus includes OCR'ing its scans (cached on disk after the first run): no
 * speed is asserted here (benchmarks do that), only that the run ends.
 */
const WHOLE_CORPUS_MS = 600_000;

const made: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "delib-cli-"));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function jsonl(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function expectValid(out: string): void {
  for (const r of jsonl(join(out, "deliberations.jsonl"))) expect(validateRecord(r).errors).toEqual([]);
  for (const d of jsonl(join(out, "documents.jsonl"))) expect(validateDocumentLine(d).errors).toEqual([]);
  for (const i of jsonl(join(out, "issues.jsonl"))) expect(validateIssueLine(i).errors).toEqual([]);
}

describe("delib extract", () => {
  it("reports a corrupt and an empty file as failed, keeps the good record, exits 1", async () => {
    const input = tmp();
    copyFileSync(SEED, join(input, "a-seed.txt"));
    writeFileSync(join(input, "b-corrupt.pdf"), Buffer.from("%PDF-1.7\n\u0000\u0001garbage that is no PDF at all\n"));
    writeFileSync(join(input, "c-empty.txt"), "");
    writeFileSync(join(input, "d-notes.json"), "{}"); // not an input ending: not read
    const out = join(tmp(), "out");
    expect(await main(["extract", input, "--out", out, "--quiet"])).toBe(1);
    const docs = jsonl(join(out, "documents.jsonl"));
    expect(docs.map((d) => [String(d["path"]).split("/").at(-1), d["status"]])).toEqual([
      ["a-seed.txt", "ok"],
      ["b-corrupt.pdf", "failed"],
      ["c-empty.txt", "failed"],
    ]);
    for (const d of docs.slice(1)) expect(String(d["reason"])).toMatch(/(b-corrupt\.pdf|c-empty\.txt): .+/u);
    expect(jsonl(join(out, "deliberations.jsonl"))).toHaveLength(1);
    expectValid(out);
    // The checks report: the failures with their reasons, every issue of issues.jsonl counted by rule.
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as BatchSummary;
    expect(summary).toMatchObject({ documents: 3, ok: 1, partial: 0, failed: 2, records: 1, recordsWithErrors: 0, recordsWithWarnings: 1 });
    expect(summary.failures.map((f) => f.path.split("/").at(-1))).toEqual(["b-corrupt.pdf", "c-empty.txt"]);
    const lines = jsonl(join(out, "issues.jsonl"));
    expect(summary.rules.reduce((n, r) => n + r.issues, 0)).toBe(lines.length);
    expect(summary.rules).toContainEqual({ ruleId: "name.initial-mismatch", severity: "warning", issues: 1, records: 1, documents: 1 });
  });

  it("writes byte-identical files for the same input, whatever the concurrency", async () => {
    const outs = [join(tmp(), "o1"), join(tmp(), "o2")];
    expect(await main(["extract", join(packageRoot, "corpus"), "--out", outs[0] as string, "--quiet", "--concurrency", "1"])).toBe(0);
    expect(await main(["extract", join(packageRoot, "corpus"), "--out", outs[1] as string, "--quiet", "--concurrency", "4"])).toBe(0);
    for (const f of ["deliberations.jsonl", "documents.jsonl", "issues.jsonl", "summary.json"]) {
      expect(readFileSync(join(outs[1] as string, f)).equals(readFileSync(join(outs[0] as string, f))), f).toBe(true);
    }
    expectValid(outs[0] as string);
  }, WHOLE_CORPUS_MS);

  it("fails a PDF longer than --max-pages without reading it, naming the file and the limit", async () => {
    const out = join(tmp(), "out");
    const pdf = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.pdf");
    expect(await main(["extract", pdf, "--out", out, "--quiet", "--max-pages", "10"])).toBe(1);
    const [doc] = jsonl(join(out, "documents.jsonl"));
    expect(doc?.["status"]).toBe("failed");
    expect(doc?.["reason"]).toMatch(/source\.pdf: Expected at most 10 pages \(--max-pages\), got 19: not read$/u);
    expect(await main(["extract", pdf, "--out", tmp(), "--quiet", "--max-pages", "0"])).toBe(2);
  });

  it("answers usage errors with exit code 2", async () => {
    expect(await main(["extract", SEED, "--quiet"])).toBe(2);
    expect(await main(["frobnicate", SEED, "--out", tmp()])).toBe(2);
    expect(await main(["extract", SEED, "--out", tmp(), "--format", "no/such"])).toBe(2);
    expect(await main(["extract", SEED, "--out", tmp(), "--concurrency", "0"])).toBe(2);
    const out = tmp();
    expect(await main(["extract", SEED, "--out", out, "--quiet"])).toBe(0);
    expect(await main(["extract", SEED, "--out", out, "--quiet"])).toBe(2); // would mix two runs' lines
  });

  it("runs as the installed binary with data only on stdout", () => {
    const out = join(tmp(), "out");
    const run = spawnSync(process.execPath, [join(packageRoot, "bin", "delib.js"), "extract", join(packageRoot, "corpus"), "--out", out], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^delib: \d+ documents \(\d+ ok, 0 partial, 0 failed\), \d+ records: \d+ with errors/mu);
    expect(jsonl(join(out, "deliberations.jsonl")).length).toBeGreaterThan(0);
    expect(execFileSync(process.execPath, [join(packageRoot, "bin", "delib.js"), "--help"], { encoding: "utf8" })).toBe("");
  }, WHOLE_CORPUS_MS);
});
