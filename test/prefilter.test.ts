import { describe, expect, it } from "vitest";
import { loadRuleBook } from "../src/rules/format.js";
import { requiredLiterals } from "../src/rules/required-literals.js";
import { mayMatch } from "../src/rules/prefilter.js";
import { anchoredSuffix } from "../src/rules/anchored-suffix.js";

describe("required literals", () => {
  it("reads mandatory words and alternations, skips optional parts and assertions", () => {
    expect(requiredLiterals("(?<n>\\p{Lu}+)\\s+(?:arrive|rejoint\\s+la)(?!\\p{L})", "gu", 2)).toEqual([["arrive", "rejoint"]]);
    expect(requiredLiterals("(?:M\\.|Mme)?\\s*DURAND", "gu", 2)).toEqual([["DURAND"]]);
    expect(requiredLiterals("(?<=séance\\s)abc?d", "gu", 2)).toEqual([["ab"]]);
    expect(requiredLiterals("voix+ pour", "gu", 2)).toEqual([["voix"], [" pour"]]);
    expect(requiredLiterals("a|bcd", "gu", 1)).toEqual([["a", "bcd"]]);
    // A quantifier after a character beyond the BMP applies to the whole character.
    expect(requiredLiterals("ab😀?cd", "gu", 1)).toEqual([["ab"], ["cd"]]);
  });
  it("requires nothing of a pattern with an alternative free of literals, or case-insensitive", () => {
    expect(requiredLiterals("\\d+|abc", "gu", 1)).toEqual([]);
    expect(requiredLiterals("abc", "giu", 1)).toEqual([]);
  });
});

describe("anchored suffix", () => {
  it("is the tail from the first atom after the start that opens on a literal", () => {
    expect(anchoredSuffix("(?<names>\\p{Lu}+)\\s+(?:arrive|rejoint)(?!\\p{L})", "gu")).toBe("(?:arrive|rejoint)(?!\\p{L})");
    expect(anchoredSuffix("\\d+\\s*voix", "gu")).toBe("voix");
  });
  it("is undefined for an alternation, a back-reference, a literal start or no literal", () => {
    expect(anchoredSuffix("\\d+ a|b", "gu")).toBeUndefined();
    expect(anchoredSuffix("(?<n>\\w)x\\k<n>", "gu")).toBeUndefined();
    expect(anchoredSuffix("voix\\s+\\d+", "gu")).toBeUndefined();
    expect(anchoredSuffix("\\d+\\s+\\p{L}+", "gu")).toBeUndefined();
  });
});

describe("prefilter", () => {
  it("lets every example of every rule through", () => {
    const book = loadRuleBook();
    for (const format of book.formats.values()) {
      for (const list of Object.values(format)) {
        if (!Array.isArray(list)) continue;
        for (const c of list as Array<{ regex?: unknown; rule?: { id: string; examples?: Array<string | { text: string }> } }>) {
          if (!(c.regex instanceof RegExp)) continue;
          for (const ex of c.rule?.examples ?? []) {
            const text = typeof ex === "string" ? ex : ex.text;
            c.regex.lastIndex = 0;
            if (c.regex.test(text)) expect(mayMatch(c.regex, text), `${c.rule?.id}: ${text}`).toBe(true);
          }
        }
      }
    }
  });
});
