import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import PDFDocument from "pdfkit";
import { loadPdf } from "../src/load/pdf.js";
import { runBatch } from "../src/batch/run.js";
import { validateDocumentLine } from "../src/contract/validate.js";
import type { Loaded } from "../src/load/loaded.js";
import { judgeTextLayer, scoreTextLayer } from "../src/load/ocr/quality.js";
import { choosePageSources } from "../src/load/ocr/choose.js";
import { parseTsv } from "../src/load/ocr/tsv.js";
import { estimateSkew } from "../src/load/ocr/skew.js";
import { deskewWords, ocrItems, residualSkew } from "../src/load/ocr/to-items.js";
import { chooseEngine, createEngine, ENGINE_ENV, shutdownOcr } from "../src/load/ocr/pool.js";
import { CACHE_ENV, cached } from "../src/load/ocr/cache.js";
import { nativeTesseractAvailable } from "../src/load/ocr/native.js";
import type { GrayImage, OcrWord } from "../src/load/ocr/types.js";

const FONT = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf", "DejaVuSans.ttf");
GlobalFonts.registerFromPath(FONT, "DejaVu Sans");

/** A4 at 150 dpi, as the corpus scans are. */
const SCAN_W = 1240;
const SCAN_H = 1754;

const LINES = [
  "COMMUNE DE BÈZE",
  "Extrait du registre des délibérations",
  "Séance du 15 mars 2021",
  "Délibération n° 2021-014 : tarifs de la cantine scolaire",
  "Le conseil municipal, après en avoir délibéré,",
  "fixe le prix du repas à 3,85 euros à compter du 1er avril.",
  "Adopté à l'unanimité : 11 voix pour.",
];

/** A page image of French text, drawn a little skewed (angle in degrees), as a PNG. */
function scanPng(angleDeg: number): Buffer {
  const canvas = createCanvas(SCAN_W, SCAN_H);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, SCAN_W, SCAN_H);
  ctx.translate(SCAN_W / 2, SCAN_H / 2);
  ctx.rotate((angleDeg * Math.PI) / 180);
  ctx.translate(-SCAN_W / 2, -SCAN_H / 2);
  ctx.fillStyle = "black";
  ctx.font = "24px DejaVu Sans"; // ~11.5 pt at 150 dpi
  LINES.forEach((line, i) => ctx.fillText(line, 140, 200 + i * 48));
  return canvas.toBuffer("image/png");
}

/** An image-only PDF: one A4 page holding the scan, no text layer. */
async function imagePdf(png: Buffer): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", margin: 0, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  doc.image(png, 0, 0, { width: doc.page.width, height: doc.page.height });
  doc.end();
  return done;
}

const words = (l: Loaded): string[] => l.model.text.split(/\s+/u);

describe("text-layer quality", () => {
  it("keeps French text, flags garbage, missing and sparse layers", () => {
    const prose = "Le conseil municipal, après en avoir délibéré, décide à l'unanimité d'approuver le budget de la commune pour l'année 2021 et autorise le maire à signer les documents.";
    expect(judgeTextLayer(scoreTextLayer(prose))).toBe("good");
    // A member list has few function words, but still some.
    expect(judgeTextLayer(scoreTextLayer("Présents : M. DURAND Jean, Mme MARTIN Claire, M. PETIT Louis, Mme ROUX Anne, M. MOREAU Paul, Mme SIMON Julie, M. LAURENT Marc, absents excusés : M. DUBOIS"))).toBe("good");
    // A font without a ToUnicode map: glyph codes come out as other letters.
    expect(judgeTextLayer(scoreTextLayer("Ocpjrf tgr qzxwv ykplm bnvcx rtzqw plkmj hgfds qwert zxcvb nmlkj poiuy trewq asdfg hjklm vbnmq"))).toBe("garbage");
    expect(judgeTextLayer(scoreTextLayer("\uE001\uE002\uE003 \uE004\uE005 \uFFFD\uFFFD\uE006\uE007 \uE008"))).toBe("garbage");
    expect(judgeTextLayer(scoreTextLayer(""))).toBe("none");
    expect(judgeTextLayer(scoreTextLayer("Reçu le 12/03/2021"))).toBe("sparse");
  });
});

describe("OCR words to layout items", () => {
  it("parses native tesseract TSV", () => {
    const tsv = [
      "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
      "4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t",
      "5\t1\t1\t1\t1\t1\t10\t20\t120\t40\t96.5\tDélibération",
      "5\t1\t1\t1\t1\t2\t140\t22\t60\t38\t91\tn°12",
      "5\t1\t1\t1\t1\t3\t210\t22\t60\t38\t95\t ",
    ].join("\n");
    expect(parseTsv(tsv)).toEqual([
      { text: "Délibération", x0: 10, y0: 20, x1: 130, y1: 60, confidence: 0.965, line: "1.1.1.1" },
      { text: "n°12", x0: 140, y0: 22, x1: 200, y1: 60, confidence: 0.91, line: "1.1.1.1" },
    ]);
  });

  it("measures and removes a residual skew of the word boxes", () => {
    const angle = (1.5 * Math.PI) / 180;
    const skewed: OcrWord[] = [];
    for (let l = 0; l < 5; l++) {
      for (let k = 0; k < 6; k++) {
        const x0 = 100 + k * 300;
        const base = 300 + l * 60 + (x0 + 100) * Math.tan(angle);
        skewed.push({ text: "conseil", x0, x1: x0 + 200, y0: base - 30, y1: base, confidence: 0.9, line: String(l) });
      }
    }
    expect(residualSkew(skewed)).toBeCloseTo(angle, 3);
    const straight = deskewWords(skewed, angle, 1240, 1754);
    expect(residualSkew(straight)).toBeCloseTo(0, 3);
    // Through ocrItems (which deskews by itself): each line's words share one baseline.
    const items = ocrItems(skewed, 300 / 72, 2480, 3508);
    for (let l = 0; l < 5; l++) {
      const bases = items.slice(l * 6, l * 6 + 6).map((i) => i.baseline);
      expect(Math.max(...bases) - Math.min(...bases)).toBeLessThan(1);
    }
  });

  it("drops capital-letter noise read with low confidence, keeps low-confidence lower-case words", () => {
    const word = (text: string, x0: number, confidence: number, y0 = 1000): OcrWord => ({ text, x0, x1: x0 + 150, y0, y1: 1040, confidence, line: "1" });
    // A dotted leader read as letters: its box holds the dots only (y0 1032 on a 40-pixel line).
    const items = ocrItems([word("pas", 100, 0.96), word("l'essentiel", 300, 0.04), word("LCOETECTOECTE", 500, 0.0, 1032), word("de", 700, 0.95), word("SAINT", 900, 0.93)], 300 / 72, 2480, 3508);
    expect(items.map((i) => [i.str, i.confidence])).toEqual([
      ["pas", 0.96],
      ["l'essentiel", 0.04],
      ["de", 0.95],
      ["SAINT", 0.93],
    ]);
    expect(items[0]?.x).toBeCloseTo(24, 6); // 100 px at 300 dpi = 24 pt
  });

  it("keeps low-confidence capitals printed among confident words, drops them on a line of their own", () => {
    // Saint-Restitut, 19 Dec. 2017: "I.MEJEAN : procuration à N.VERDON", the name read at 0.06.
    const word = (text: string, x0: number, confidence: number, line: string): OcrWord => ({ text, x0, x1: x0 + 150, y0: line === "1" ? 1000 : 1200, y1: line === "1" ? 1040 : 1240, confidence, line });
    const items = ocrItems(
      [word("I.MEJEAN", 100, 0.06, "1"), word(":", 300, 0.87, "1"), word("procuration", 500, 0.96, "1"), word("à", 700, 0.9, "1"), word("N.VERDON", 900, 0.85, "1"), word("KAOKAOHNOK", 500, 0.05, "2")],
      300 / 72,
      2480,
      3508,
    );
    expect(items.map((i) => i.str)).toEqual(["I.MEJEAN", ":", "procuration", "à", "N.VERDON"]);
  });

  it("measures the skew of a page image", () => {
    const canvas = createCanvas(1240, 1754);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, 1240, 1754);
    ctx.rotate((1.2 * Math.PI) / 180);
    ctx.fillStyle = "black";
    for (let i = 0; i < 30; i++) ctx.fillRect(150, 150 + i * 40, 900, 12);
    const rgba = ctx.getImageData(0, 0, 1240, 1754).data;
    const image: GrayImage = { width: 1240, height: 1754, data: new Uint8Array(1240 * 1754) };
    for (let i = 0; i < image.data.length; i++) image.data[i] = rgba[4 * i] ?? 255;
    // Within the 0.1° step of the search.
    expect(Math.abs((estimateSkew(image) * 180) / Math.PI - 1.2)).toBeLessThanOrEqual(0.11);
  });
});

describe("per-page choice", () => {
  it("keeps the text layer of a page whose OCR failed, with the reason", async () => {
    const pages = [
      { number: 1, width: 595, height: 842, items: [] },
      { number: 2, width: 595, height: 842, items: [{ str: "Le conseil municipal, après en avoir délibéré, décide à l'unanimité d'approuver le budget de la commune.", x: 50, baseline: 60, width: 400, fontSize: 11 }] },
    ];
    const choice = await choosePageSources("scan.pdf", pages, "auto", () => Promise.reject(new Error("Expected tesseract to exit with 0, got 1")));
    expect(choice.sources).toEqual([
      { page: 1, source: "text-layer", reason: "ocr-failed" },
      { page: 2, source: "text-layer", reason: "good-text-layer" },
    ]);
    expect(choice.failures).toEqual([{ page: 1, message: "Expected OCR text for page 1 of scan.pdf (no-text-layer), got an error: Expected tesseract to exit with 0, got 1" }]);
  });
});

describe("the OCR cache", () => {
  it("reads a page once per engine configuration, then returns the same words", async () => {
    const dir = mkdtempSync(join(tmpdir(), "delib-ocr-cache-"));
    try {
      const env = { [CACHE_ENV]: dir };
      const image: GrayImage = { width: 4, height: 2, data: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]) };
      const words: OcrWord[] = [{ text: "séance", x0: 1, y0: 2, x1: 3.5, y1: 4, confidence: 0.9644922, line: "1.1.1.1", baseline: 3.25 }];
      let reads = 0;
      const read = (): Promise<OcrWord[]> => {
        reads++;
        return Promise.resolve(words);
      };
      expect(await cached("engine A", image, read, env)).toEqual(words);
      expect(await cached("engine A", image, read, env)).toEqual(words);
      expect(reads).toBe(1);
      await cached("engine B", image, read, env);
      await cached("engine A", { ...image, data: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 8]) }, read, env);
      expect(reads).toBe(3);
      await cached("engine A", image, read, { [CACHE_ENV]: "off" });
      expect(reads).toBe(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("an OCR engine given a broken image", () => {
  it("rejects that page and keeps working (tesseract.js)", async () => {
    const engine = await createEngine("tesseract.js", 1);
    try {
      await expect(engine.recognize({ width: 10, height: 10, data: new Uint8Array(3) })).rejects.toBeDefined();
      const blank: GrayImage = { width: 200, height: 100, data: new Uint8Array(200 * 100).fill(255) };
      expect(await engine.recognize(blank)).toEqual([]);
    } finally {
      await engine.terminate();
    }
  }, 60_000);
});

const ENGINES = ["tesseract.js", ...(nativeTesseractAvailable() ? ["tesseract"] : [])];

describe.each(ENGINES)("loadPdf on an image-only PDF, OCR by %s", (engine) => {
  let pdf: Uint8Array;
  let loaded: Loaded;
  const before = process.env[ENGINE_ENV];
  const cacheBefore = process.env[CACHE_ENV];

  beforeAll(async () => {
    await shutdownOcr();
    process.env[ENGINE_ENV] = engine;
    // The engine itself must read the page, every time: no cache.
    process.env[CACHE_ENV] = "off";
    pdf = await imagePdf(scanPng(1.2));
    loaded = await loadPdf(pdf, "scan.pdf");
  }, 60_000);

  afterAll(async () => {
    await shutdownOcr();
    if (before === undefined) delete process.env[ENGINE_ENV];
    else process.env[ENGINE_ENV] = before;
    if (cacheBefore === undefined) delete process.env[CACHE_ENV];
    else process.env[CACHE_ENV] = cacheBefore;
  });

  it("reads the words, with confidences, and says the page was OCR'd", () => {
    const text = loaded.model.text;
    expect(loaded.model.kind).toBe("pdf-ocr");
    expect(text).toContain("délibérations");
    expect(text).toContain("Délibération");
    expect(words(loaded)).toContain("2021-014");
    expect(text).toMatch(/3,85 euros/u);
    expect(text).toContain("unanimité");
    expect(loaded.issues).toEqual([]);
    const spans = loaded.model.pages.flatMap((p) => p.lines.flatMap((l) => l.spans));
    expect(spans.length).toBeGreaterThan(40);
    for (const s of spans) {
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    // Every word drawn comes back ("1er" may be read "ler", a classic confusion).
    const read = new Set(words(loaded));
    const missed = LINES.flatMap((l) => l.split(" ")).filter((w) => w !== "1er" && !read.has(w));
    expect(missed).toEqual([]);
    // About one line per drawn line: the 1.2° skew was straightened (tesseract may cut a line in two).
    expect(loaded.model.pages[0]?.lines.length).toBeGreaterThanOrEqual(LINES.length);
    expect(loaded.model.pages[0]?.lines.length).toBeLessThanOrEqual(LINES.length + 1);
    expect(loaded.model.pageSources).toEqual([{ page: 1, source: "ocr", reason: "no-text-layer", confidence: expect.any(Number) }]);
    expect(loaded.model.pageSources?.[0]?.confidence).toBeGreaterThan(0.8);
  });

  it("gives the same text twice", async () => {
    const again = await loadPdf(pdf, "scan.pdf");
    expect(again.model).toEqual(loaded.model);
  }, 60_000);

  it("writes pageSources and kind pdf-ocr into documents.jsonl, valid against the contract", async () => {
    const dir = mkdtempSync(join(tmpdir(), "delib-ocr-"));
    try {
      writeFileSync(join(dir, "scan.pdf"), pdf);
      await runBatch({ paths: [join(dir, "scan.pdf")], out: join(dir, "out"), concurrency: 1, timings: false });
      const line = JSON.parse(readFileSync(join(dir, "out", "documents.jsonl"), "utf8")) as Record<string, unknown>;
      expect(validateDocumentLine(line).errors).toEqual([]);
      expect(line["kind"]).toBe("pdf-ocr");
      expect(line["status"]).toBe("ok");
      expect(line["pageSources"]).toEqual(loaded.model.pageSources);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("reads the page as empty, with a warning, when OCR is off", async () => {
    const off = await loadPdf(pdf, "scan.pdf", { ocr: "off" });
    expect(off.model.kind).toBe("pdf");
    expect(off.model.text).toBe("");
    expect(off.model.pageSources).toEqual([{ page: 1, source: "text-layer", reason: "ocr-off" }]);
    expect(off.issues.map((i) => i.message)).toEqual(["Expected a text layer on page 1 of scan.pdf, got none: OCR turned off (--ocr off)"]);
  });
});

describe("which OCR engine reads", () => {
  it("is tesseract.js unless native tesseract is asked for (it reads our scans less well)", () => {
    expect(chooseEngine({})).toBe("tesseract.js");
    expect(chooseEngine({ [ENGINE_ENV]: "tesseract.js" })).toBe("tesseract.js");
    expect(chooseEngine({ [ENGINE_ENV]: "tesseract" })).toBe("tesseract");
  });
});
