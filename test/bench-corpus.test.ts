import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { benchCases, varied } from "../src/tools/bench/cases.js";
import { textCorpus } from "../src/tools/bench/generate.js";
import { mulberry32 } from "../src/tools/random.js";

describe("the benchmark corpus", () => {
  it("is made of the corpus's deliberation texts, not the negative corpus", () => {
    const cases = benchCases();
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(cases.some((c) => c.path.includes("negative"))).toBe(false);
    expect(cases.map((c) => c.path)).toContain("corpus/grand-besancon/2020-11-09-rapport-31/source.txt");
  });

  it("varies amounts and numbers but keeps years, and names each copy", () => {
    const text = "Séance du 9 novembre 2020 : montant de 482 812 euros, rapport n° 1234, 1987.";
    const out = varied(text, mulberry32(1), 7);
    expect(out).toContain("9 novembre 2020");
    expect(out).toContain(", 1987.");
    expect(out.endsWith("\nCopie de banc d'essai n° 7\n")).toBe(true);
    expect(out.length).toBe(text.length + "\nCopie de banc d'essai n° 7\n".length);
    expect(varied(text, mulberry32(1), 7)).toBe(out); // same seed, same copy
    expect(out).not.toBe(varied(text, mulberry32(2), 7));
  });

  it("holds as many files as asked, no two alike", async () => {
    const corpus = await textCorpus(25);
    const files = readdirSync(corpus.dir).filter((f) => f.endsWith(".txt")).sort();
    expect(files).toHaveLength(25);
    const texts = files.map((f) => readFileSync(join(corpus.dir, f), "utf8"));
    expect(new Set(texts).size).toBe(25);
    expect(texts[0]).toContain("Copie de banc d'essai n° 0");
  });
});
