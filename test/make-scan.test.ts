import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { packageRoot } from "../src/paths.js";
import { estimateSkew } from "../src/load/ocr/skew.js";
import { makeScan, renderGray, rotate } from "../src/tools/make-scan.js";
import { mulberry32 } from "../src/tools/random.js";

const BEZE = join(packageRoot, "corpus", "written", "commune", "2021-03-15-beze", "source.pdf");

async function open(bytes: Uint8Array) {
  return getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0, wasmUrl: `${join(packageRoot, "node_modules", "pdfjs-dist", "wasm")}/` }).promise;
}

describe("mulberry32", () => {
  it("is a deterministic stream in [0, 1) that depends on the seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });
});

describe("rotate", () => {
  it("turns clockwise for a positive angle: a level line then goes down to the right", () => {
    const width = 400;
    const height = 200;
    const data = new Uint8Array(width * height).fill(255);
    for (let x = 50; x < 350; x++) for (let y = 99; y <= 101; y++) data[y * width + x] = 0;
    const out = rotate({ width, height, data }, 2);
    const darkRow = (x: number): number => {
      for (let y = 0; y < height; y++) if ((out.data[y * width + x] ?? 255) < 128) return y;
      return -1;
    };
    expect(darkRow(300) - darkRow(100)).toBeGreaterThanOrEqual(5); // 200 px × tan 2° ≈ 7 px
  });
});

describe("makeScan", () => {
  it("gives the same bytes for the same seed, other bytes for another; no text layer; the page is turned", async () => {
    const pdf = new Uint8Array(readFileSync(BEZE));
    const a = await makeScan(pdf, { seed: 7, skewDeg: 1, maxPages: 1, dpi: 150 });
    const b = await makeScan(pdf, { seed: 7, skewDeg: 1, maxPages: 1, dpi: 150 });
    const c = await makeScan(pdf, { seed: 8, skewDeg: 1, maxPages: 1, dpi: 150 });
    expect(a.pages).toBe(1);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.equals(c.bytes)).toBe(false);
    expect(a.bytes.length).toBeLessThan(500_000);

    const doc = await open(new Uint8Array(a.bytes));
    try {
      expect(doc.numPages).toBe(1);
      const page = await doc.getPage(1);
      expect((await page.getTextContent()).items).toEqual([]);
      const image = await renderGray(page, 150);
      const skewDeg = (estimateSkew(image) * 180) / Math.PI;
      expect(skewDeg).toBeGreaterThan(0.7);
      expect(skewDeg).toBeLessThan(1.3);
    } finally {
      await doc.destroy();
    }
  }, 30_000);
});
