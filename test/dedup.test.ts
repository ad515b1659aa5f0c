import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";
import { packageRoot } from "../src/paths.js";
import { validateDocumentLine, validateIssueLine, validateRecord } from "../src/contract/validate.js";
import { documentLine, issueLines } from "../src/batch/lines.js";
import { findDuplicates, type Block } from "../src/annexes/dedupe.js";
import { estimateJaccard, signature, signatureOfHashes } from "../src/annexes/minhash.js";
import { jaccard, shingleHashes, shingles, wordsOf } from "../src/annexes/shingles.js";
import { alignedShare } from "../src/annexes/align.js";
import { blankedText } from "../src/annexes/blocks.js";
import { isDuplicate, keptAttachments } from "../src/annexes/kept.js";
import { foreignWords, numberEdits } from "../src/annexes/foreign.js";
import { findRunningLines } from "../src/text/running.js";
import { identityView } from "../src/text/view.js";
import { loadText } from "../src/load/text.js";
import { loadDocument } from "../src/load/index.js";
import { matchingView } from "../src/text/markup.js";
import { detectFormat } from "../src/format/detect.js";
import { loadRuleBook } from "../src/rules/format.js";
import { segment } from "../src/segment/segment.js";
import type { Attachment } from "../src/segment/segments.js";

const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31");
const SHARED = join(packageRoot, "..", "shared", "corpus");

const block = (text: string): Block => ({ text, confidence: null });

describe("the seed's annexes printed twice", () => {
  for (const file of ["source.txt", "source.pdf", "source.alto.xml", "source.hocr"]) {
    it(`${file}: one cluster, the second Convention and Annexes 1–3 marked as copies of the first`, async () => {
      const result = await processDocument(join(SEED, file));
      const [record] = result.records;
      expect(record).toBeDefined();
      if (record === undefined) return;
      expect(record.annexes.map((a) => a.duplicateOf)).toEqual([null, null, null, null, 0, 1, 2, 3]);
      for (const a of record.annexes.slice(4)) expect(a.similarity).toBeGreaterThanOrEqual(0.98);
      expect(record.annexes.map((a) => a.title).slice(4)).toEqual(record.annexes.map((a) => a.title).slice(0, 4));
      const issues = record.issues.filter((i) => i.ruleId === "annex.duplicate");
      expect(issues).toHaveLength(1);
      const [issue] = issues;
      if (issue === undefined || issue.place === null) throw new Error("no place");
      expect(issue.severity).toBe("info");
      expect(issue.message).toMatch(/^Expected each annex printed once, got "Convention" to "Annexe 3 : indicateurs territoriaux 2020" \(4 annexes\) printed again on /u);
      // The copy's place starts at its "Entre"; the related place is the first copy, which ends where the copy starts.
      const [kept] = issue.related ?? [];
      if (kept === undefined) throw new Error("no related place");
      expect(result.text.slice(issue.place.start, issue.place.start + 5)).toBe("Entre");
      expect(result.text.slice(kept.start, kept.start + 5)).toBe("Entre");
      expect(kept.end).toBeLessThanOrEqual(issue.place.start);
      if (file !== "source.txt") {
        expect([issue.place.page, kept.page]).toEqual([12, 4]);
        expect(issue.message).toContain("printed again on pages 12–19 after pages 4–12");
      }
      expect(validateRecord(record).errors).toEqual([]);
      for (const line of issueLines(result)) expect(validateIssueLine(line).errors).toEqual([]);
      expect(validateDocumentLine(documentLine(result, false)).errors).toEqual([]);
      // Whatever reads annexes skips the copies.
      expect(record.annexes.filter(isDuplicate)).toHaveLength(4);
    });
  }

  it("the seed's amounts are read from the deliberation's body only, never twice", async () => {
    const [record] = (await processDocument(join(SEED, "source.txt"))).records;
    const values = record?.amounts.map((a) => a.value) ?? [];
    expect(values).toEqual([...new Set(values)]);
    expect(values).toEqual(expect.arrayContaining([45000, 120000]));
  });
});

/** The seed's attachments as blocks, as the record builder makes them. */
async function seedBlocks(): Promise<{ texts: string[]; attachments: Attachment[] }> {
  const path = join(SEED, "source.txt");
  const { model } = await loadDocument(new Uint8Array(readFileSync(path)), path);
  const view = matchingView(model);
  const [delib] = segment(view, detectFormat(view.text, loadRuleBook(), undefined).format).deliberations;
  const attachments = delib?.attachments ?? [];
  return { texts: attachments.map((a) => view.text.slice(a.range.start, a.range.end)), attachments };
}

describe("findDuplicates", () => {
  it("keeps the first copy and names the cluster's members", async () => {
    const { texts } = await seedBlocks();
    const { blocks, clusters } = findDuplicates(texts.map(block));
    expect(clusters).toEqual([{ kept: [0, 1, 2, 3], copies: [4, 5, 6, 7], similarity: 0.989 }]);
    expect(blocks.map((b) => b.duplicateOf)).toEqual([null, null, null, null, 0, 1, 2, 3]);
  });

  it("keeps a later copy the OCR engine read clearly better", async () => {
    const { texts } = await seedBlocks();
    const { clusters, blocks } = findDuplicates(texts.map((text, i) => ({ text, confidence: i < 4 ? 0.8 : 0.9 })));
    expect(clusters).toEqual([{ kept: [4, 5, 6, 7], copies: [0, 1, 2, 3], similarity: 0.989 }]);
    expect(blocks.map((b) => b.duplicateOf)).toEqual([4, 5, 6, 7, null, null, null, null]);
  });

  it("finds the copy in OCR variants of each other (re-labellisation / re-labelisation, Financeurs / Financiers)", async () => {
    const { texts } = await seedBlocks();
    const convention = texts[0] ?? "";
    expect(convention).toContain("re-labellisation");
    const variant = convention.replace(/labellisation/gu, "labelisation").replace(/Financeurs/gu, "Financiers").replace(/prestations/gu, "prestation");
    expect(findDuplicates([block(convention), block(variant)]).clusters).toHaveLength(1);
  });

  it("tells two distinct annexes of one deliberation apart", async () => {
    const { texts } = await seedBlocks();
    expect(findDuplicates(texts.slice(0, 4).map(block)).clusters).toEqual([]);
  });

  it("tells apart two conventions from one template, for two beneficiaries and two amounts", async () => {
    const { texts } = await seedBlocks();
    const convention = texts[0] ?? "";
    const other = convention
      .replace(/Pôle des Microtechniques/gu, "Association Bourgogne Innovation")
      .replace(/Laurent DESCHAMPS/gu, "Claire MOREAU")
      .replace(/45 ?000/gu, "30 000");
    // The alignment alone would take it for a copy: only its names and amounts differ.
    const ids = new Map<string, number>();
    const seq = (t: string): number[] => wordsOf(t).map((w) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1));
    expect(alignedShare(seq(convention), seq(other), 0.9)).not.toBeNull();
    expect(findDuplicates([block(convention), block(other)]).clusters).toEqual([]);
  });

  it("tells apart two deliberations of one sitting that differ only by their numbers", () => {
    // Pierrefonds 2018-04-26, items 4 and 5: 98 % of their words align.
    const item = (n: number, hours: number): string =>
      `${n}. Création d’un emploi d’adjoint technique territorial à temps non complet. Le Maire informe l’assemblée ` +
      `que, conformément à l’article 34 de la loi n° 84-53 du 26 janvier 1984, les emplois de chaque collectivité sont ` +
      `créés par l’organe délibérant. Il appartient donc au Conseil municipal de fixer l’effectif des emplois nécessaires ` +
      `au fonctionnement des services. Considérant la nécessité de créer un emploi d’adjoint technique territorial à ` +
      `temps non complet pour ${hours} heures hebdomadaires, le Conseil municipal, après en avoir délibéré, décide de ` +
      `créer un emploi d’adjoint technique territorial à temps non complet à raison de ${hours} heures hebdomadaires à ` +
      `compter du 1er mai 2018, de modifier ainsi le tableau des emplois, d’inscrire au budget les crédits correspondants. ` +
      `Vote : Pour à l’unanimité.`;
    expect(findDuplicates([block(item(4, 30)), block(item(5, 22))]).clusters).toEqual([]);
    expect(findDuplicates([block(item(4, 30)), block(item(4, 30))]).clusters).toHaveLength(1);
  });

  it("compares numbers by their digits: cut and glued numbers are the same, a misread digit is one edit", () => {
    // The seed's 300-dpi scan: "101514" / "101 514", "1er" / "1", "annexe2" / "2" print the same digits.
    expect(numberEdits(["101514", "1er", "2"], ["101", "514", "1", "annexe2"], 3)).toBe(0);
    // "482 812" misread "482 872": one digit.
    expect(numberEdits(["482", "812", "2020"], ["482", "872", "2020"], 3)).toBe(1);
    // Pierrefonds 2018-04-26, items "4." / "5." for "30" / "22" hours: three digits, past a bound of 1.
    expect(numberEdits(["4", "30", "2018"], ["5", "22", "2018"], 3)).toBe(3);
    expect(numberEdits(["4", "30", "2018"], ["5", "22", "2018"], 1)).toBe(2);
    expect(numberEdits(["1", "2", "3"], ["1", "2", "3", "4", "5", "6"], 2)).toBe(3);
  });
  it("takes words OCR glued together for the words printed apart", () => {
    // The seed's scan: "Plan de financement du programmede" / "du programme de".
    expect(foreignWords(["du", "programmede", "financeurs"], ["du", "programme", "de", "financiers"], 10)).toBe(0);
    expect(foreignWords(["assainissement"], ["atelier", "relais"], 10)).toBe(3);
  });
  it("leaves blocks of a few words alone", () => {
    expect(findDuplicates([block("Annexe 4 : plan de situation"), block("Annexe 4 : plan de situation")]).clusters).toEqual([]);
  });

  it.skipIf(!existsSync(SHARED))("finds no copies among the deliberations of shared sittings full of boilerplate", async () => {
    for (const name of ["pierrefonds_mymairie/compte-rendu-26-04-2018.pdf", "putanges_le_lac/2019/seance-du-08-04-2019-deliberations.pdf"]) {
      const path = join(SHARED, name);
      const { model } = await loadDocument(new Uint8Array(readFileSync(path)), path, { ocr: "off" });
      const view = matchingView(model);
      const delibs = segment(view, detectFormat(view.text, loadRuleBook(), undefined).format).deliberations;
      expect(delibs.length, name).toBeGreaterThan(3);
      expect(findDuplicates(delibs.map((d) => block(view.text.slice(d.range.start, d.range.end)))).clusters, name).toEqual([]);
    }
  });
});

describe("keptAttachments", () => {
  it("leaves out the copies", async () => {
    const { attachments } = await seedBlocks();
    const annexes = attachments.map((_, i) => ({ duplicateOf: i < 4 ? null : i - 4 }));
    expect(keptAttachments(attachments, annexes)).toEqual(attachments.slice(0, 4));
  });
});

describe("MinHash", () => {
  const words = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `mot${from + i}`);
  for (const [a, b] of [
    [words(0, 400), words(0, 400)],
    [words(0, 400), words(40, 440)],
    [words(0, 400), words(150, 550)],
    [words(0, 400), words(300, 700)],
    [words(0, 400), words(500, 900)],
  ] as const) {
    it(`estimates the Jaccard similarity of ${a[0]}–${a.at(-1)} and ${b[0]}–${b.at(-1)} within 0.1`, () => {
      const [sa, sb] = [shingles(a), shingles(b)];
      const exact = jaccard(sa, sb);
      expect(Math.abs(estimateJaccard(signature(sa), signature(sb)) - exact)).toBeLessThanOrEqual(0.1);
    });
  }

  it("gives the same signature on every run and machine (fixed seeds)", () => {
    expect(Array.from(signature(shingles(["un", "deux", "trois", "quatre"])).slice(0, 3))).toEqual([137910980, 1159256975, 373512959]);
  });

  // The pipeline hashes shingles without building them (shingleHashes, signatureOfHashes): the same signature.
  for (const list of [[], ["seul"], ["deux", "mots"], ["un", "deux", "trois"], ["a", "b", "a", "b", "a", "b", "a"], wordsOf("Délibération n° 2024-12 : subvention à l'école, 12 500 € ; délibération n° 2024-12."), words(0, 400)]) {
    it(`hashes the shingles of ${list.length} words as their strings would be`, () => {
      expect(Array.from(signatureOfHashes(shingleHashes(list)))).toEqual(Array.from(signature(shingles(list))));
    });
  }
});

describe("alignedShare", () => {
  it("is 2·LCS / (N + M), or null below the minimum", () => {
    expect(alignedShare([1, 2, 3, 4], [1, 2, 3, 4], 0.9)).toBe(1);
    expect(alignedShare([1, 2, 3, 4], [1, 9, 3, 4], 0.5)).toBe(0.75);
    expect(alignedShare([1, 2, 3, 4], [5, 6, 7, 8], 0.5)).toBeNull();
  });
});

describe("running headers, footers and page numbers", () => {
  // "Le Conseil municipal," closes every page but is printed in their middle too: text, not a footer.
  const page = (n: number, body: string): string =>
    `Commune de Testville – séance du 3 mars 2024\n${body}\nLe Conseil municipal,\nAprès en avoir délibéré,\nDécide à l’unanimité.\nLe Conseil municipal,\nPage ${n} / 4`;
  const text = [
    page(1, "Délibération n° 1 : budget primitif\nLe Conseil municipal, après en avoir délibéré, adopte le budget."),
    page(2, "Délibération n° 2 : tarifs de la cantine\nLes tarifs sont fixés à 3,20 € par repas."),
    page(3, "Délibération n° 3 : subvention au club de football\nUne subvention de 500 € est attribuée."),
    page(4, "Délibération n° 4 : voirie communale\nLes travaux sont confiés à l’entreprise Martin."),
  ].join("\f");

  it("finds the header on every page and the page numbers, not a line that is text", () => {
    const { model } = loadText(new TextEncoder().encode(text), "t.txt");
    const running = findRunningLines(model);
    expect(running.map((r) => [r.kind, r.text, r.pages])).toEqual([
      ["header", "Commune de Testville – séance du 3 mars 2024", [1, 2, 3, 4]],
      ["page-number", "Page 1 / 4", [1, 2, 3, 4]],
    ]);
    const [header] = running;
    for (const p of header?.places ?? []) expect(model.text.slice(p.start, p.end)).toBe("Commune de Testville – séance du 3 mars 2024");
  });

  it("finds none on a one-page text", () => {
    const { model } = loadText(new TextEncoder().encode(page(1, "Délibération n° 1 : budget primitif")), "t.txt");
    expect(findRunningLines(model)).toEqual([]);
  });

  it("takes numbered item headings that open pages for no running line", () => {
    // "QUESTION No 15" opens 19 of Avranches 2016-04-11's 34 pages: its number counts items, not pages.
    const pages = [1, 2, 3, 4].map((n) => `QUESTION No ${n * n}\nObjet : travaux de voirie, tranche ${["un", "deux", "trois", "quatre"][n - 1] ?? ""}\nLe Conseil municipal délibère.\nIl adopte.\n${["Adopté.", "Rejeté.", "Reporté.", "Retiré."][n - 1] ?? ""}\nPage ${n}`);
    const { model } = loadText(new TextEncoder().encode(pages.join("\f")), "t.txt");
    expect(findRunningLines(model).map((r) => r.kind)).toEqual(["page-number"]);
  });

  it("blanks running lines out of what dedup compares", () => {
    const view = identityView("Entête\nTexte de l’annexe\nEntête\nsuite");
    expect(blankedText(view, { start: 0, end: view.text.length }, [{ start: 0, end: 6 }, { start: 25, end: 31 }])).toBe("      \nTexte de l’annexe\n      \nsuite");
  });
});
