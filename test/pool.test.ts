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
/** The seed 400 times over (23 MB): ~30 s to read here (200 copies took 8 s), far past the 2 s timeout below. */
const HUGE_COPIES = 400;
const TIMEOUT_MS = 2_000;

function hugeText(copies = HUGE_COPIES): string {
  const dir = mkdtempSync(join(tmpdir(), "delib-pool-"));
  made.push(dir);
  const path = join(dir, "huge.txt");
  writeFileSync(path, Array.from({ length: copies }, () => SEED_TEXT).join("\n"));
  return path;
}

describe("the reading processes", () => {
  it("stop a document past --timeout, name it, and read the next one in a new reader", async () => {
    const pool = new DocumentPool({ size: 1, timeoutMs: TIMEOUT_MS });
    try {
      const slow = await pool.read({ path: hugeText(), display: "huge.txt", options: { ocr: "off" }, timings: false });
      expect(slow).toEqual({ failure: "huge.txt: not read within --timeout 2 s: stopped" });
      const next = await pool.read({ path: SMALL, display: "beze.txt", options: { ocr: "off", displayPath: "beze.txt" }, timings: false });
      expect("lines" in next && next.lines.done.status).toBe("ok");
      expect("lines" in next && next.lines.done.records.length).toBe(1);
      expect("lines" in next && next.lines.deliberations.split("\n")).toHaveLength(2); // one record line, then ""
    } finally {
      await pool.close();
    }
  }, 60_000);

  // The seed 400 times over (23 MB) is split in one allocation past a 16 MB heap: V8's fatal out-of-memory,
  // which ended the whole batch when documents were read in threads.
  it("fail a document whose reader dies of V8's fatal out-of-memory, name it, and read the next one", async () => {
    const pool = new DocumentPool({ size: 1, heapMb: 16 });
    try {
      const outcome = await pool.read({ path: hugeText(), display: "huge.txt", options: { ocr: "off" }, timings: false });
      expect(outcome).toEqual({ failure: "huge.txt: needed more than 16 MB of memory: stopped" });
      const next = await pool.read({ path: SMALL, display: "beze.txt", options: { ocr: "off", displayPath: "beze.txt" }, timings: false });
      expect("lines" in next && next.lines.done.status).toBe("ok");
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("give a document sent ahead to a new reader when the one holding it is stopped", async () => {
    const pool = new DocumentPool({ size: 1, timeoutMs: TIMEOUT_MS });
    try {
      // Both go to the one reader: the small one waits in it behind the huge one, which times out.
      const [slow, next] = await Promise.all([
        pool.read({ path: hugeText(), display: "huge.txt", options: { ocr: "off" }, timings: false }),
        pool.read({ path: SMALL, display: "beze.txt", options: { ocr: "off", displayPath: "beze.txt" }, timings: false }),
      ]);
      expect(slow).toEqual({ failure: "huge.txt: not read within --timeout 2 s: stopped" });
      expect("lines" in next && next.lines.done.status).toBe("ok");
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
