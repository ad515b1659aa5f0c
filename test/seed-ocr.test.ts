import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseExpected } from "../src/eval/expected.js";
import { macroF1, scoreDocument } from "../src/eval/score.js";
import { packageRoot } from "../src/paths.js";
import { processDocument } from "../src/pipeline.js";
import { makeScan, scanOptionsOf, type ManifestEntry } from "../src/tools/make-scan.js";
import { readManifest } from "../src/tools/manifest.js";

/** Issue 4's acceptance: the seed read from OCR (ALTO, hOCR, a scan made by the repo's script). */
const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31");
const expected = parseExpected(JSON.parse(readFileSync(join(SEED, "expected.json"), "utf8"))).records;

async function scored(path: string) {
  const result = await processDocument(path);
  const { score } = scoreDocument(expected, result.records);
  return { record: result.records[0], strict: macroF1(score.fields, "strict") ?? 0 };
}

describe("the seed through OCR", () => {
  for (const source of ["source.alto.xml", "source.hocr"]) {
    it(`${source} (tesseract's own output): strict macro F1 ≥ 0.98`, async () => {
      const { strict } = await scored(join(SEED, source));
      expect(strict).toBeGreaterThanOrEqual(0.98);
    });
  }

  it("as a 300-dpi image-only scan made by make-scan (corpus/scans.json: 1° skew, noise, JPEG): strict macro F1 ≥ 0.95, number and votes exact", async () => {
    const entry = readManifest<ManifestEntry>(join(packageRoot, "corpus", "scans.json")).find((c) => c.input === join(SEED, "source.pdf"));
    expect(entry).toBeDefined();
    if (entry === undefined) return;
    const scan = await makeScan(new Uint8Array(readFileSync(entry.input)), scanOptionsOf(entry));
    const dir = mkdtempSync(join(tmpdir(), "delib-seed-scan-"));
    try {
      const path = join(dir, "source.scan.pdf");
      writeFileSync(path, scan.bytes);
      const { record, strict } = await scored(path);
      expect(strict).toBeGreaterThanOrEqual(0.95);
      const want = expected[0] as { number: string; vote: Record<string, unknown> };
      expect(record?.number).toBe(want.number);
      expect(record?.vote).toMatchObject(want.vote);
      // The second Convention and Annexes 1–3, OCR'd apart from the first ("_ Annexe2", "programmede", "1er" / "1"):
      // one duplicate cluster, as from the text.
      expect(record?.annexes.map((a) => a.duplicateOf)).toEqual([null, null, null, null, 0, 1, 2, 3]);
      expect(record?.issues.filter((i) => i.ruleId === "annex.duplicate")).toHaveLength(1);
      // Both tables of Annexe 2 (its first copy only), read through the scan's specks ("Etat\t“101514", "PMA\t‘3 000").
      const rows = (tables: ReadonlyArray<{ rows: ReadonlyArray<{ label: string; value: number; kind: string }> }>): unknown[] => tables.flatMap((t) => t.rows.map((r) => [r.label, r.value, r.kind]));
      expect(rows(record?.budgetTables ?? [])).toEqual(rows((expected[0] as { budgetTables: Parameters<typeof rows>[0] }).budgetTables));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
