import { describe, expect, it } from "vitest";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api.js";
import { parseMarkup, renderPdf } from "../src/tools/render-pdf.js";
import { packageRoot } from "../src/paths.js";

const CASE = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31");
const SEED = readFileSync(join(CASE, "source.txt"), "utf8");

describe("parseMarkup", () => {
  it("splits words and styles, drops the markers", () => {
    const words = parseMarkup("- **luxe** qui 1^{er} *via* «x»");
    expect(words.map((w) => w.map((p) => p.text).join(""))).toEqual(["-", "luxe", "qui", "1er", "via", "«x»"]);
    expect(words[1]?.[0]?.style.bold).toBe(true);
    expect(words[3]?.map((p) => p.style.sup)).toEqual([false, true]);
    expect(words[4]?.[0]?.style.italic).toBe(true);
  });

  it("keeps bold across spaces and closes unbalanced markers", () => {
    const words = parseMarkup("**sur 5 domaines** fin **ouvert");
    expect(words.map((w) => w[0]?.style.bold)).toEqual([true, true, true, false, true]);
  });
});

describe("renderPdf", () => {
  it("renders the seed deterministically: same bytes twice, and as committed in the corpus", async () => {
    const a = await renderPdf(SEED, { twoColumnPages: [1, 2] });
    const b = await renderPdf(SEED, { twoColumnPages: [1, 2] });
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.pages).toBeGreaterThan(10);
    expect(a.hyphenated.length).toBeGreaterThan(10);
    for (const h of a.hyphenated) expect(h.prefix.length + h.suffix.replace(/\p{P}+$/u, "").length).toBeGreaterThanOrEqual(10);
    const committed = join(CASE, "source.pdf");
    if (existsSync(committed)) {
      // When this fails, the text changed: run `npm run render-corpus` and commit source.pdf.
      expect(readFileSync(committed).equals(a.bytes), "corpus source.pdf is stale: npm run render-corpus").toBe(true);
    }
  });

  it("draws fake bold twice, superscripts raised and smaller, runs rather than words", async () => {
    const { bytes } = await renderPdf("Intro\n\n- **luxe** qui regroupe des segments\n\nGabriel BAULIEU\n1^{er} Vice-Président ✓ € œ « » –");
    const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
    try {
      const page = await doc.getPage(1);
      const items = (await page.getTextContent()).items.filter((i): i is TextItem => "str" in i && i.str.trim() !== "");
      const all = items.map((i) => i.str).join("|");
      expect(all.match(/luxe/gu)?.length).toBe(2);
      expect(all).not.toContain("*");
      expect(all).toContain("✓ € œ « » –");
      const er = items.find((i) => i.str === "er");
      const one = items.find((i) => i.str.endsWith("1") || i.str === "1");
      expect(er).toBeDefined();
      expect(er?.transform[3]).toBeLessThan(one?.transform[3] ?? 0);
      expect(er?.transform[5]).toBeGreaterThan(one?.transform[5] ?? 0);
      expect(items.some((i) => i.str.includes("qui regroupe des segments"))).toBe(true);
    } finally {
      await doc.destroy();
    }
  });

  it("lays two-column pages out in two columns and tables in cells", async () => {
    const text = Array.from({ length: 150 }, (_, i) => `Paragraphe ${i} avec quelques mots pour remplir la colonne.`).join("\n\n") + "\nLibellé\t12 000\nAutre\t3 000";
    const { bytes, pages } = await renderPdf(text, { twoColumnPages: [1] });
    expect(pages).toBeGreaterThan(1);
    const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
    try {
      const items = async (n: number): Promise<TextItem[]> => (await (await doc.getPage(n)).getTextContent()).items.filter((i): i is TextItem => "str" in i);
      const xs = new Set((await items(1)).map((i) => Math.round(i.transform[4] ?? 0)));
      expect([...xs].sort((a, b) => a - b)).toEqual([57, 308]);
      expect(new Set((await items(2)).map((i) => Math.round(i.transform[4] ?? 0))).has(308)).toBe(false);
      const last = await items(doc.numPages);
      const label = last.find((i) => i.str === "Libellé");
      const amount = last.find((i) => i.str === "12 000");
      expect(amount?.transform[5]).toBe(label?.transform[5]);
      expect((amount?.transform[4] ?? 0) - (label?.transform[4] ?? 0)).toBeCloseTo(481.88 / 2, 1);
    } finally {
      await doc.destroy();
    }
  });
});
