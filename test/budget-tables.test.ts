import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";
import { packageRoot } from "../src/paths.js";
import { loadRuleBook } from "../src/rules/format.js";
import { findBudgetTables } from "../src/extract/budget-tables.js";
import { sumMismatches } from "../src/extract/budget-sums.js";
import { budgetTableSum } from "../src/check/budget-table-sum.js";
import { checkFindings } from "../src/check/check.js";
import type { BudgetTable, DelibRecord } from "../src/model/record.js";
import { matchingView } from "../src/text/markup.js";
import { toSource } from "../src/text/view.js";
import { textRecords } from "./text-records.js";

const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31");
/** The seed's two tables as corpus/…/expected.json writes them (label, value, kind, group when there is one). */
const expected = (JSON.parse(readFileSync(join(SEED, "expected.json"), "utf8")) as { budgetTables: BudgetTable[] }).budgetTables;
const rules = loadRuleBook().fallback.budgetTables;
const seedRecord = (await processDocument(join(SEED, "source.txt"))).records[0] as DelibRecord;
/** Generous: the lines below read in about 1 ms; the old row pattern took seconds on each. */
const LINEAR_TIME_MS = 1_000;
/** The seed runs through the whole pipeline in 1–3 s, longer while other jobs share the cores. */
const PIPELINE_TIMEOUT = 60_000;

/** A record's tables as expected.json writes them: the printed text left out, a null group omitted. */
function asExpected(tables: readonly BudgetTable[]): unknown[] {
  return tables.map((t) => ({
    title: t.title,
    rows: t.rows.map(({ label, value, kind, group }) => (group === null ? { label, value, kind } : { label, value, kind, group })),
    total: t.total,
  }));
}

/** The tables of a text, read over all of it. */
function tablesOf(text: string): Array<{ title: string | null; rows: Array<[string, number, string]> }> {
  return findBudgetTables(rules, text, [{ start: 0, end: text.length }]).map((t) => ({
    title: t.title === null ? null : text.slice(t.title.start, t.title.end),
    rows: t.rows.map((r) => [text.slice(r.label.start, r.label.end), r.value, r.kind]),
  }));
}

describe("budget tables of the seed", () => {
  for (const source of ["source.txt", "source.pdf", "source.alto.xml", "source.hocr"]) {
    it(`${source}: exactly the two tables of Annexe 2, read once though the annex is printed twice`, async () => {
      const [record] = (await processDocument(join(SEED, source))).records;
      expect(record?.annexes.filter((a) => a.title.startsWith("Annexe 2")).map((a) => a.duplicateOf !== null)).toEqual([false, true]);
      expect(asExpected(record?.budgetTables ?? [])).toEqual(expected);
      expect(record?.budgetTables[0]?.rows[0]?.text).toBe("482 812");
      expect(record?.provenance["budgetTables.1.rows.5.value"]?.text).toBe("439 944");
      expect(record?.provenance["budgetTables.1.rows.0.group"]?.text).toBe("Financeurs publics");
      expect(record?.issues.filter((i) => i.ruleId === "budget.table-sum")).toEqual([]);
    }, PIPELINE_TIMEOUT);
  }
});

describe("a table in the second copy of an annex", () => {
  const records = textRecords("delib-budget-tables-");
  it("is not read: the first copy's table is the record's", async () => {
    const text = readFileSync(join(SEED, "source.txt"), "utf8");
    const second = text.lastIndexOf("Personnel\t482 812");
    expect(second).toBeGreaterThan(text.indexOf("Personnel\t482 812"));
    // The copy's OCR misreads a line: were the copy read, a third table (or a wrong line) would show.
    const [record] = await records("copy.txt", `${text.slice(0, second)}Personnel\t482 872${text.slice(second + "Personnel\t482 812".length)}`);
    expect(record?.budgetTables.map((t) => t.rows.find((r) => r.label === "Personnel")?.value ?? null)).toEqual([482812, null]);
    expect(record?.budgetTables).toHaveLength(2);
  }, PIPELINE_TIMEOUT);
});

describe("findBudgetTables", () => {
  it("reads a titled table in a text file's wide spacing, with dot leaders and euros", () => {
    expect(tablesOf("PLAN DE FINANCEMENT\n\nDETR (30 %)  8 609 €\nConseil départemental ........ 14 348 €\nCommune (20 %)  5 739 €\nTotal H.T  28 696 €\n")).toEqual([
      { title: "PLAN DE FINANCEMENT", rows: [["DETR (30 %)", 8609, "line"], ["Conseil départemental", 14348, "line"], ["Commune (20 %)", 5739, "line"], ["Total H.T", 28696, "total"]] },
    ]);
  });
  it("ends a label at its dot leaders, even when OCR read letters after them (Saint-Restitut, 30 April 2019)", () => {
    expect(tablesOf("AMICALE LAIQUE …..…..…..csecen ven sac\t1.200 €\nFOYER RURAL....…..…...….scevonverrensre\t2.400 €\nTOTAL ….…..…..\t3.600 €")[0]?.rows).toEqual([
      ["AMICALE LAIQUE", 1200, "line"],
      ["FOYER RURAL", 2400, "line"],
      ["TOTAL", 3600, "total"],
    ]);
  });
  it("reads a subtotal and the lines after it: HT, TVA, TTC", () => {
    expect(tablesOf("Travaux HT\t332 000,00\nFrais d’étude\t29 900,00\nTOTAL de l’OPERATION HT\t361 900,00\nTVA 20 %\t72 380,00\nTOTAL OPERATION TTC\t434 280,00")[0]?.rows.map((r) => r[2])).toEqual(["line", "line", "subtotal", "line", "total"]);
  });
  it("keeps a titled table that does not add up (the check reports it)", () => {
    const [table] = tablesOf("Dépenses prévisionnelles\nPersonnel\t482 812\nFrais de structure\t205 000\nTOTAL\t687 813");
    expect(table?.rows.at(-1)).toEqual(["TOTAL", 687813, "total"]);
  });
  it("reports rows under no title only when they add up", () => {
    expect(tablesOf("Etat (Dsil)\t250 000 €\nVille de Lannion\t250 000 €\nTotal\t500 000 €")).toHaveLength(1);
    // Couthenans, 4 June 2021: two quotes, then a total of something else.
    expect(tablesOf("1 DEVIS électrification cloche : 3400 €\n1 devis réfection du befroi et abats-son: 12 924€\nTotal : 65800€")).toEqual([]);
  });
  it("needs a total and two lines", () => {
    expect(tablesOf("Dépenses\nPersonnel\t482 812\nFrais de structure\t205 000")).toEqual([]);
    expect(tablesOf("Dépenses\nMontant des travaux\t73 568\nTotal\t73 568")).toEqual([]);
  });
  it("reads a scan's cells through its specks, the provenance keeping them", () => {
    const text = "Recettes prévisionnelles (en €)\nEtat\t“101514\nPMA\t‘3 000\nTotal recettes\t104 514";
    const view = matchingView({ kind: "pdf", text, pages: [] });
    const [table] = findBudgetTables(rules, view.text, [{ start: 0, end: view.text.length }]);
    expect(table?.rows.map((r) => r.value)).toEqual([101514, 3000, 104514]);
    const etat = table?.rows[0]?.amount ?? { start: 0, end: 0 };
    const { start, end } = toSource(view, etat.start, etat.end);
    expect(text.slice(start, end)).toBe("101514");
  });
  it("reads a long line without backtracking, and no sentence as a label: the Roannais minutes print 2,600-character lines", () => {
    // A row pattern trying every split of such lines took 78 s on that document; a linear one takes milliseconds.
    const line = "Le bureau attribue 1 500 € à l’association, pour un montant total de 3 000 € HT : ".repeat(32);
    const started = performance.now();
    expect(tablesOf(`${line}\n${line}1 000\n${line}\t2 000 €\nTotal\t3 000`)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(LINEAR_TIME_MS);
  });
  it("reads no table in prose, vote counts, dates or a budget's columns read as one", () => {
    const negatives = [
      // A paragraph with amounts.
      "Grand Besançon Métropole attribue au bénéficiaire une subvention de 45 000 € pour l'année 2020, pour un budget prévisionnel global de 994 312 €.\nLe montant total s'élève à 994 312 €.",
      // Amounts of one deliberation, labelled, without a total.
      "Montant prévu au budget 2020 : 120 000 €\nMontant de l'opération : 45 000 €",
      // A vote.
      "Votants : 17\nPour : 15\nContre : 1\nAbstention : 1\nTotal : 17",
      // Dates.
      "Séance du\t12 avril 2021\nConvocation du\t6 avril 2021\nTotal\t2021",
      // Columns of a budget (BP, realised, proposed) read as one line each.
      "RECETTES\n73 Impôts et taxes 105 900,00 114 130,80\t126 700,00\n74 Dotations et participations 695 195,00 695 414,09\t695 088,00\nTotaux recettes 1 247 958,00 1 288 647,31\t821 788,00",
    ];
    for (const text of negatives) expect(tablesOf(text), text).toEqual([]);
  });
});

describe("budget.table-sum", () => {
  const seed = (): DelibRecord => structuredClone(seedRecord);
  it("passes on the seed", () => {
    expect(checkFindings(budgetTableSum, seed())).toEqual([]);
  });
  it("fires when a line of the seed's expenses changes, at the printed total", () => {
    const r = seed();
    const line = r.budgetTables[0]?.rows[1];
    if (line === undefined) throw new Error("the seed's expenses have lines");
    line.value += 1;
    const findings = checkFindings(budgetTableSum, r);
    expect(findings.map((f) => f.messageId)).toEqual(["total"]);
    expect(findings[0]?.issue.message).toBe('Expected the lines of "Dépenses prévisionnelles (en € HT)" to add up to the printed total 994312 €, got 994313 €');
    expect(findings[0]?.issue.place).toEqual({ page: r.provenance["budgetTables.0.total"]?.page, start: r.provenance["budgetTables.0.total"]?.start, end: r.provenance["budgetTables.0.total"]?.end });
  });
  it("fires at the public subtotal when a public financer changes, and only there", () => {
    const r = seed();
    const etat = r.budgetTables[1]?.rows[0];
    if (etat === undefined) throw new Error("the seed's receipts have lines");
    etat.value = 101_000;
    const findings = checkFindings(budgetTableSum, r);
    expect(findings.map((f) => f.messageId)).toEqual(["subtotal"]);
    expect(findings[0]?.issue.message).toBe('Expected the lines above "Total financement public" in "Recettes prévisionnelles (en €)" to add up to the printed 439944 €, got 439430 €');
  });
  it("fires at the total when the private financing changes", () => {
    const r = seed();
    const privé = r.budgetTables[1]?.rows[6];
    if (privé?.label !== "Financement privé (valorisation)") throw new Error("the seed's private financing is row 6");
    privé.value = 554_000;
    expect(checkFindings(budgetTableSum, r).map((f) => f.messageId)).toEqual(["total"]);
  });
  it("adds up to the cent", () => {
    const line = (value: number) => ({ value, kind: "line" as const, group: null });
    expect(sumMismatches([line(54_699.05), line(3_828.93), { value: 58_527.98, kind: "total", group: null }])).toEqual([]);
    expect(sumMismatches([line(4914), line(4914), { value: 9628, kind: "total", group: null }])).toEqual([{ row: 2, kind: "total", sum: 9828 }]);
  });
});
