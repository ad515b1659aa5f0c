import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../src/paths.js";
import { DocumentPool } from "../src/batch/pool.js";
import { main } from "../src/cli.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const SMALL = join(packageRoot, "corpus", "written", "commune", "2021-03-15-beze", "source.txt");
const SEED_TEXT = readFileSync(join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.txt"), "utf8");
/** The seed fifty times over (2.9 MB): tens of seconds to read, far past the 2 s timeout below. */
const HUGE_COPIES = 50;
const TIMEOUT_MS = 2_000;

function hugeText(): string {
  const dir = mkdtempSync(join(tmpdir(), "delib-pool-"));
  made.push(dir);
  const path = join(dir, "huge.txt");
  writeFileSync(path, Array.from({ length: HUGE_COPIES }, () => SEED_TEXT).join("\n"));
  return path;
}

describe("the document threads", () => {
  it("stop a document past --timeout, name it, and read the next one in a new thread", async () => {
    const pool = new DocumentPool({ size: 1, timeoutMs: TIMEOUT_MS });
    try {
      const slow = await pool.read({ path: hugeText(), display: "huge.txt", options: { ocr: "off" } });
      expect(slow).toEqual({ failure: "huge.txt: not read within --timeout 2 s: stopped" });
      const next = await pool.read({ path: SMALL, display: "beze.txt", options: { ocr: "off", displayPath: "beze.txt" } });
      expect("result" in next && next.result.status).toBe("ok");
      expect("result" in next && next.result.records.length).toBe(1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("fail a document that needs more memory than a thread may have, and go on", async () => {
    const pool = new DocumentPool({ size: 1, heapMb: 16 });
    try {
      const outcome = await pool.read({ path: hugeText(), display: "huge.txt", options: { ocr: "off" } });
      expect(outcome).toEqual({ failure: "huge.txt: needed more than 16 MB of memory: stopped" });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("make a timed-out document a failed one in documents.jsonl, with exit code 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "delib-pool-"));
    made.push(dir);
    const out = join(dir, "out");
    expect(await main(["extract", hugeText(), SMALL, "--out", out, "--quiet", "--timeout", String(TIMEOUT_MS / 1000)])).toBe(1);
    const docs = readFileSync(join(out, "documents.jsonl"), "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(docs.map((d) => [d["status"], String(d["reason"]).replace(/^.*\//u, "")])).toEqual([
      ["failed", "huge.txt: not read within --timeout 2 s: stopped"],
      ["ok", "null"],
    ]);
    // The failed document carries its file's sha256: --resume does not read it again.
    expect(docs[0]?.["sha256"]).toMatch(/^[0-9a-f]{64}$/u);
    expect(await main(["extract", SMALL, "--out", join(dir, "o2"), "--quiet", "--timeout", "0"])).toBe(2);
  }, 60_000);
});
