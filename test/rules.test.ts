import { describe, expect, it } from "vitest";
import { loadRuleBook } from "../src/rules/format.js";
import { readWithRule } from "../src/extract/field-rules.js";
import { allBudgetTableRules } from "../src/rules/budget-tables.js";
import { markupPatterns, matchingView, noisePatterns, patternView } from "../src/text/markup.js";

// Every rule carries examples; these tests run all of them, positives and negatives, for every format.
const book = loadRuleBook();

function matches(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  const hit = regex.test(text);
  regex.lastIndex = 0;
  return hit;
}

for (const format of book.formats.values()) {
  describe(`rules of ${format.ref}`, () => {
    for (const compiled of [...format.fields, ...format.stamps]) {
      const { rule } = compiled;
      it(`${rule.id} reads its examples`, () => {
        expect(rule.examples.length, `${rule.id} has no example`).toBeGreaterThan(0);
        for (const ex of rule.examples) expect(readWithRule(compiled, ex.text), ex.text).toEqual(ex.expect);
      });
      it(`${rule.id} ignores its counter-examples`, () => {
        for (const text of rule.counterExamples) expect(readWithRule(compiled, text), text).toEqual({});
      });
    }
    const boundaries = [...format.sections, ...format.deliberationStart, ...format.attachmentStart, ...format.signatureStart, ...format.amount, ...format.decision, ...format.namedVotes, ...format.movements, ...format.presidency, ...format.subDecisions, ...format.citedActs, ...format.pageMarks, ...format.subItems, ...allBudgetTableRules(format.budgetTables)];
    for (const { rule, regex } of boundaries) {
      it(`${rule.id} matches its examples and none of its counter-examples`, () => {
        expect(rule.examples.length, `${rule.id} has no example`).toBeGreaterThan(0);
        for (const text of rule.examples) expect(matches(regex, text), text).toBe(true);
        for (const text of rule.counterExamples) expect(matches(regex, text), text).toBe(false);
      });
    }
  });
}

describe("section headings", () => {
  it("tells remote from present", () => {
    const kinds = (text: string): string[] => book.fallback.sections.filter((s) => matches(s.regex, text)).map((s) => s.rule.kind);
    expect(kinds("Etaient présents à la CCI :")).toEqual(["present"]);
    expect(kinds("Etaient présents en visioconférence :")).toEqual(["remote"]);
    expect(kinds("Etaient absents :")).toEqual(["absent"]);
  });
});

describe("format detection data", () => {
  it("every format but the fallback says how to detect it", () => {
    for (const f of book.formats.values()) if (f !== book.fallback) expect(f.detect.length, f.ref).toBeGreaterThan(0);
  });
});

describe("OCR markup", () => {
  for (const p of markupPatterns()) {
    it(`${p.id} examples and counter-examples`, () => {
      for (const ex of p.examples) expect(patternView(ex.text, [p]).text).toBe(ex.view);
      for (const text of p.counterExamples ?? []) expect(patternView(text, [p]).text).toBe(text);
    });
  }
  for (const p of noisePatterns()) {
    it(`${p.id} examples and counter-examples`, () => {
      expect(p.examples.length).toBeGreaterThan(0);
      for (const ex of p.examples) expect(patternView(ex.text, [p]).text).toBe(ex.view);
      for (const text of p.counterExamples ?? []) expect(patternView(text, [p]).text).toBe(text);
    });
  }
  it("repairs OCR noise with offsets true to the file", () => {
    const text = "Pugey : M: Frank LAIDIE, A. CHASSAGNEà C. LIME";
    const view = matchingView({ kind: "pdf", text, pages: [] });
    expect(view.text).toBe("Pugey : M. Frank LAIDIE, A. CHASSAGNE à C. LIME");
    const at = view.text.indexOf("CHASSAGNE à");
    expect(text.slice(view.source[at], (view.source[at + "CHASSAGNE à".length - 1] ?? 0) + 1)).toBe("CHASSAGNEà");
  });
  it("keeps offsets true to the file", () => {
    const text = "Le **Byans-sur-Doubs :** M. Didier 1^{er} Vice-Président";
    const view = matchingView({ kind: "text", text, pages: [] });
    expect(view.text).toBe("Le Byans-sur-Doubs : M. Didier 1er Vice-Président");
    const at = view.text.indexOf("1er");
    expect(text.slice(view.source[at], (view.source[at + 3 - 1] ?? 0) + 1)).toBe("1^{er");
    const by = view.text.indexOf("Byans");
    expect(text.slice(view.source[by], (view.source[by + 5 - 1] ?? 0) + 1)).toBe("Byans");
  });
});
