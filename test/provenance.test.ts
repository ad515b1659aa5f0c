import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";
import { discoverCorpus } from "../src/eval/score.js";
import { packageRoot } from "../src/paths.js";
import type { DelibRecord } from "../src/model/record.js";
import { validateRecord } from "../src/contract/validate.js";

// Every value of every record of every corpus source must say where it came from, exactly.
const NOT_EXTRACTED = new Set(["schemaVersion", "id", "source", "format", "provenance", "confidence", "issues"]);

/** Dotted paths of every non-null leaf value of the extracted part of a record. */
function leafPaths(value: unknown, prefix: string, out: string[]): string[] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) value.forEach((v, i) => leafPaths(v, `${prefix}.${i}`, out));
  else if (typeof value === "object") for (const [k, v] of Object.entries(value)) leafPaths(v, prefix === "" ? k : `${prefix}.${k}`, out);
  else out.push(prefix);
  return out;
}

function extractedPaths(record: DelibRecord): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(record)) if (!NOT_EXTRACTED.has(k)) leafPaths(v, k, out);
  // Derived, not read: what an annex duplicates and how similar it is, the currency, the page an annex starts on.
  return out.filter((p) => !/^annexes\.\d+\.(duplicateOf|similarity|page)$/u.test(p) && !/^amounts\.\d+\.currency$/u.test(p));
}

const { sources } = discoverCorpus(join(packageRoot, "corpus"), packageRoot);

describe("provenance of every corpus record", () => {
  it("has corpus sources to check", () => {
    expect(sources.length).toBeGreaterThan(0);
  });
  for (const src of sources) {
    it(`${src.caseId} ${src.source}`, async () => {
      const result = await processDocument(src.path);
      expect(result.status, result.reason ?? "").not.toBe("failed");
      // Whether a record should exist is the eval's question; this test checks the records that do.
      for (const record of result.records) {
        expect(validateRecord(record).errors, "schema").toEqual([]);
        const missing = extractedPaths(record).filter((p) => record.provenance[p] === undefined);
        expect(missing, "values without provenance").toEqual([]);
        for (const [path, p] of Object.entries(record.provenance)) {
          expect(result.text.slice(p.start, p.end), path).toBe(p.text);
          expect(p.text.length, path).toBeGreaterThan(0);
          expect(p.page, path).toBeGreaterThanOrEqual(1);
          expect(p.page, path).toBeLessThanOrEqual(record.source.pages);
          expect(record.confidence[path], path).toBeGreaterThan(0);
        }
      }
      // Scanned sources are OCR'd: up to ~1–3 s a page.
    }, 180_000);
  }
});
