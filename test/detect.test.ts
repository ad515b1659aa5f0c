import { describe, expect, it } from "vitest";
import { detectFormat } from "../src/format/detect.js";
import { loadRuleBook } from "../src/rules/format.js";

const book = loadRuleBook();
const id = (text: string): string => detectFormat(text, book).format.id;

describe("format detection", () => {
  it("picks the family from the text", () => {
    expect(id("Commune de Pierrefonds\nConseil Municipal du 12 avril 2022\nL’an deux mille vingt-deux, sous la présidence de Madame le Maire")).toBe("commune");
    expect(id("Communauté de communes du Pays de Saint-Aulaye\nConseil communautaire du 3 mars 2021\nConseillers communautaires présents")).toBe("intercommunal");
    expect(id("Département de la Drôme\nCommission permanente du 7 juin 2021\nRapport n° 3.12")).toBe("department");
    expect(id("Syndicat intercommunal des eaux\nComité syndical du 12 mai 2022\nDélégués titulaires présents :")).toBe("syndicate");
    expect(id("REGISTRE DES DÉLIBÉRATIONS\nL'an mil neuf cent quatre-vingt-sept, le Conseil Municipal de Bréval\nsubvention de 150 000 F")).toBe("typed-register");
  });
  it("prefers the council's own format over its family", () => {
    expect(id("Extrait du Registre des délibérations du Conseil de Communauté\nGrand Besançon Métropole\nRapport n°31 - Actions")).toBe("grand-besancon/2020");
  });
  it("falls back to the common rules with an info issue", () => {
    const d = detectFormat("Compte rendu de la réunion de chantier", book);
    expect(d.format.id).toBe("common/fr");
    expect(d.issues.map((i) => [i.severity, i.ruleId])).toEqual([["info", "format.unknown"]]);
  });
  it("chains formats: a council format extends its family, which extends the common rules", () => {
    expect(book.formats.get("grand-besancon/2020")?.chain).toEqual(["grand-besancon/2020", "intercommunal", "common/fr"]);
    expect(book.formats.get("typed-register")?.chain).toEqual(["typed-register", "commune", "common/fr"]);
  });
});
