import { describe, expect, it } from "vitest";
import { amountValue } from "../src/normalize/amount.js";
import { frenchDate } from "../src/normalize/date.js";
import { clockTime } from "../src/normalize/time.js";
import { normalize } from "../src/normalize/index.js";
import { loadRuleBook } from "../src/rules/format.js";
import { findAmounts } from "../src/extract/amounts.js";

describe("French amounts", () => {
  const rules = loadRuleBook().fallback.amount;
  const read = (text: string) => findAmounts(rules, text, { start: 0, end: text.length }).map((a) => [a.value, text.slice(a.range.start, a.range.end), a.label]);
  it("reads every printed form", () => {
    expect(read("soit 45 000 € et 45000 € puis 994 312 € HT")).toEqual([
      [45000, "45 000 €", null],
      [45000, "45000 €", null],
      [994312, "994 312 € HT", null],
    ]);
    expect(read("1,36 milliards d'euros de chiffre, 2,5 M€ et 150 k€")).toEqual([
      [1360000000, "1,36 milliards d'euros", null],
      [2500000, "2,5 M€", null],
      [150000, "150 k€", null],
    ]);
    // "21 398.99 € HT" (Pierrefonds 2017): a space groups the thousands, a point marks the cents.
    expect(read("pour un montant de 21 398.99 € HT et 1.234,50 €")).toEqual([
      [21398.99, "21 398.99 € HT", null],
      [1234.5, "1.234,50 €", null],
    ]);
  });
  it("takes no-break and narrow no-break spaces as group separators", () => {
    expect(read("45\u00a0000\u00a0€ ou 45\u202f000 €").map((a) => a[0])).toEqual([45000, 45000]);
  });
  it("keeps cents", () => {
    expect(read("12 500,50 euros")[0]?.[0]).toBe(12500.5);
  });
  it("labels an amount from its line", () => {
    expect(read("Montant prévu au budget 2020 : 120 000 € Montant de l'opération : 45 000 €").map((a) => a[2])).toEqual(["Montant prévu au budget 2020", "Montant de l'opération"]);
  });
  it("keeps francs as francs, never converted", () => {
    const found = findAmounts(rules, "une subvention de 150 000 F, soit 150.000 francs, sur 1.250.000,00 F", { start: 0, end: 80 });
    expect(found.map((a) => [a.value, a.currency])).toEqual([
      [150000, "FRF"],
      [150000, "FRF"],
      [1250000, "FRF"],
    ]);
  });
  it("reads no amount where there is no currency", () => {
    expect(read("1050 chercheurs, 11 000 salariés, article L 1611-4")).toEqual([]);
  });
  it("normalises captured amounts", () => {
    expect(amountValue("1,36", "milliards")).toBe(1360000000);
    expect(normalize("amount", "45 000 €")).toBe(45000);
    expect(normalize("amount", "néant")).toBeNull();
  });
});

describe("dates and times", () => {
  it("reads French dates", () => {
    expect(frenchDate("9 novembre 2020")).toBe("2020-11-09");
    expect(frenchDate("1er décembre 2021")).toBe("2021-12-01");
    expect(frenchDate("lundi 9 novembre 2020")).toBe("2020-11-09");
    expect(frenchDate("09/11/2020")).toBe("2020-11-09");
    expect(frenchDate("31 février 2020")).toBeNull();
    expect(frenchDate("9 brumaire 2020")).toBeNull();
  });
  it("reads clock times", () => {
    expect(clockTime("18h10")).toBe("18:10");
    expect(clockTime("20 h")).toBe("20:00");
    expect(clockTime("25h00")).toBeNull();
  });
});

describe("counts as OCR reads them", () => {
  it("reads letters taken for digits inside a count, and nothing else", () => {
    expect(normalize("ocrInteger", "O")).toBe(0); // "Contre : O" (seed ALTO)
    expect(normalize("ocrInteger", "1O4")).toBe(104);
    expect(normalize("ocrInteger", "l2")).toBe(12);
    expect(normalize("ocrInteger", "114")).toBe(114);
    expect(normalize("ocrInteger", "Oui")).toBeNull();
  });
});

describe("heading titles", () => {
  it("drops a comment after the colon, keeps an object after it", () => {
    expect(normalize("title", "Délibération renouvellement de mise à disposition de personnel contractuel par le service intérim du CDG : Renouvelée tous les 2 ans. Permet d’avoir recours à l’intérim.")).toBe(
      "Délibération renouvellement de mise à disposition de personnel contractuel par le service intérim du CDG",
    );
    expect(normalize("title", "Délibération renouvellement de la convention de fourrière animale : Nous dépendrons de Dampvalley les Colombe pendant 4 ans.")).toBe("Délibération renouvellement de la convention de fourrière animale");
    expect(normalize("title", "Hauts de Penn ar Stank : Lancement de la consultation pour la passation d'une concession d'aménagement")).toBe(
      "Hauts de Penn ar Stank : Lancement de la consultation pour la passation d'une concession d'aménagement",
    );
  });
});
