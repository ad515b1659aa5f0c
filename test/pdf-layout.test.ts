import { describe, expect, it } from "vitest";
import { textWidth } from "../src/load/pdf/char-width.js";
import { collapseDoubledChars, removeDoubledGlyphs } from "../src/load/pdf/fake-bold.js";
import { hyphenJoin, vocabularyOf } from "../src/load/pdf/hyphen.js";
import { layoutDocument } from "../src/load/pdf/layout.js";
import type { PdfItem } from "../src/load/pdf/types.js";

const SIZE = 10;
const PITCH = 12.5;

/** An item as a PDF producer with Helvetica-like widths would draw it. */
function item(str: string, x: number, baseline: number, fontSize = SIZE): PdfItem {
  return { str, x, baseline, width: (textWidth(str) * fontSize) / 1000, fontSize };
}

/** Lines of text, one item each, from `top` down. */
function column(lines: string[], x: number, top: number): PdfItem[] {
  return lines.map((l, i) => item(l, x, top + i * PITCH));
}

const page = (items: PdfItem[]) => ({ number: 1, width: 595, height: 842, items });

describe("hyphenJoin", () => {
  const vocabulary = vocabularyOf(["sa", "re-labellisation", "dans", "microtechniques"]);
  it("joins a word split at a line end, keeps the hyphen of compounds", () => {
    expect(hyphenJoin("micro-", "techniques", vocabulary)).toBe("join");
    expect(hyphenJoin("«micro-", "techniques»,", vocabulary)).toBe("join");
    expect(hyphenJoin("re-", "labellisation", vocabulary)).toBe("keep-hyphen");
    expect(hyphenJoin("MAGNIN-", "FEYSOT", vocabulary)).toBe("keep-hyphen");
    expect(hyphenJoin("Jean-", "Emmanuel", vocabulary)).toBe("keep-hyphen");
    expect(hyphenJoin("exer\u00ad", "cice", vocabulary)).toBe("join");
    expect(hyphenJoin("2020-", "2024", vocabulary)).toBeUndefined();
    expect(hyphenJoin("-", "Participer", vocabulary)).toBeUndefined();
    expect(hyphenJoin("fin.", "suite", vocabulary)).toBeUndefined();
  });
});

describe("fake bold", () => {
  it("collapses char-doubled strings only", () => {
    expect(collapseDoubledChars("DDéélliibbéérraattiioonn")).toBe("Délibération");
    expect(collapseDoubledChars("MM..  DDUUPPOONNTT")).toBe("M. DUPONT");
    expect(collapseDoubledChars("aall")).toBe("aall");
    expect(collapseDoubledChars("Allée")).toBe("Allée");
    expect(collapseDoubledChars("000000")).toBe("000000");
    expect(collapseDoubledChars("XXXXXX")).toBe("XXXXXX");
  });

  it("drops a redrawn copy, whole or merged with its neighbours", () => {
    const dash = item("- luxe", 56.7, 100);
    const again = item("luxe qui regroupe", 56.7 + (textWidth("- ") * SIZE) / 1000 + 0.3, 100);
    const out = removeDoubledGlyphs([dash, again]);
    expect(out.map((i) => i.str)).toEqual(["- luxe", " qui regroupe"]);
    expect(out[1]?.x).toBeCloseTo(dash.x + dash.width + 0.3, 1);
    const twice = removeDoubledGlyphs([item("Article 1", 50, 80), item("Article 1", 50.3, 80), item("Article 1", 50, 200)]);
    expect(twice.map((i) => [i.str, i.baseline])).toEqual([["Article 1", 80], ["Article 1", 200]]);
    // Glyph by glyph, a double letter is two glyphs, not a redraw.
    const l1 = item("l", 50, 80, 9);
    const l2 = item("l", 50 + l1.width, 80, 9);
    expect(removeDoubledGlyphs([item("a", 50 - 5, 80, 9), l1, l2]).map((i) => i.str)).toEqual(["a", "l", "l"]);
  });
});

describe("layoutDocument", () => {
  it("reads two columns left then right, joins hyphenated words, breaks paragraphs", () => {
    // Columns 230 pt wide, 20 pt apart, as in the seed's attendance pages.
    const left = column(
      [
        "Le Conseil de Communauté, régulièrement con-",
        "voqué, s'est réuni Salle des conférences de la CCIT",
        "du Doubs 46 avenue Villarceau à Besançon.",
        "Etaient présents à la CCI :",
        "Audeux : Mme Françoise GALLIOU Besançon : Mme",
        "Elise AEBISCHER, Mme Frédérique BAEHR, M.",
      ],
      56,
      60,
    );
    // a paragraph gap (1.6 line) before "Etaient présents à la CCI :"
    for (const it of left.slice(3)) it.baseline += 0.6 * PITCH;
    const right = column(
      [
        "Guillaume BAILLY, Mme Anne BENEDETTO, M. Kevin",
        "BERTAGNOLI, M. Nicolas BODIN, M. François",
        "BOUSSO, Mme Claudine CAULET, M. Sébastien",
        "COUDRY, M. Laurent CROIZIER, M. Cyril DEVESA,",
        "Mme Marie ETEVENARD, M. Ludovic FAGAUT, M.",
        "Olivier GRIMAITRE, M. Jean-Emmanuel LAFARGE",
      ],
      306,
      60,
    );
    const { text, pages } = layoutDocument([page([...right, ...left])]);
    expect(text).toBe(
      "Le Conseil de Communauté, régulièrement convoqué, s'est réuni Salle des conférences de la CCIT du Doubs 46 avenue Villarceau à Besançon.\n" +
        "Etaient présents à la CCI :\n" +
        "Audeux : Mme Françoise GALLIOU Besançon : Mme Elise AEBISCHER, Mme Frédérique BAEHR, M. Guillaume BAILLY, Mme Anne BENEDETTO, M. Kevin BERTAGNOLI, M. Nicolas BODIN, M. François BOUSSO, Mme Claudine CAULET, M. Sébastien COUDRY, M. Laurent CROIZIER, M. Cyril DEVESA, Mme Marie ETEVENARD, M. Ludovic FAGAUT, M. Olivier GRIMAITRE, M. Jean-Emmanuel LAFARGE",
    );
    expect(pages[0]?.columns).toBe(2);
    const spans = pages[0]?.lines.flatMap((l) => l.spans.map((s) => text.slice(s.start, s.end)));
    expect(spans?.slice(5, 7)).toEqual(["con", "voqué,"]);
    expect(spans?.slice(-2)).toEqual(["Jean-Emmanuel", "LAFARGE"]);
  });

  it("reads a table with a numeric right-hand side row by row, with tabs", () => {
    const rows = [["Financeurs publics", "Montant recettes"], ["Etat", "101 514"], ["CAGB", "45 000"], ["Total recettes", "994 312 €"]];
    const items = rows.flatMap(([a, b], i) => [item(a ?? "", 56, 100 + i * PITCH), item(b ?? "", 300, 100 + i * PITCH)]);
    const { text, pages } = layoutDocument([page([item("Recettes prévisionnelles", 56, 80), ...items])]);
    expect(text).toBe("Recettes prévisionnelles\nFinanceurs publics\tMontant recettes\nEtat\t101 514\nCAGB\t45 000\nTotal recettes\t994 312 €");
    expect(pages[0]?.columns).toBe(1);
  });

  it("reads a table whose first column holds identifiers row by row, whatever the other columns hold", () => {
    // Reduced from the Pierrefonds list of deliberations (27 Jan. 2026): Numéro | Objet | Approuvée.
    const rows = [["Numéro", "Objet", "Approuvée"], ["2026_003", "Révision des statuts du Syndicat", "Approuvée"], ["2026 004", "Modification de l’objet social", "Approuvée"], ["2026—005", "Adhésion 2026 au CAUE60", "Rejetée"]];
    const items = rows.flatMap(([a, b, c], i) => [item(a ?? "", 56, 100 + 3 * i * PITCH), item(b ?? "", 120, 100 + 3 * i * PITCH), item(c ?? "", 300, 100 + 3 * i * PITCH)]);
    const { text } = layoutDocument([page(items)]);
    expect(text.split("\n").slice(1)).toEqual(["2026_003\tRévision des statuts du Syndicat\tApprouvée", "2026 004\tModification de l’objet social\tApprouvée", "2026—005\tAdhésion 2026 au CAUE60\tRejetée"]);
  });

  it("joins the lines of an identifier table's cell around the row's number", () => {
    const rows = [["2026_002", "Révision des statuts", "Approuvée"], ["2026_003", "Adhésion 2026 au CAUE60", "Approuvée"], ["2026_004", "Convention hydrants", "Approuvée"], ["2026_005", "Modification du règlement du Foyer", "Approuvée"]];
    const items = rows.flatMap(([a, b, c], i) => [item(a ?? "", 56, 100 + 3 * i * PITCH), item(b ?? "", 120, 100 + 3 * i * PITCH), item(c ?? "", 300, 100 + 3 * i * PITCH)]);
    // The number and the outcome centred between the two lines of the object.
    const two = [item("2026_006", 56, 250), item("Conclusion d’un bail professionnel", 120, 244), item("Napoléon", 120, 256), item("Approuvée", 300, 250)];
    const { text } = layoutDocument([page([...items, ...two])]);
    expect(text.split("\n")).toContain("2026_006\tConclusion d’un bail professionnel Napoléon\tApprouvée");
  });

  it("merges runs split inside a word and superscripts, keeps short lines apart", () => {
    const one = item("Gabriel BAULIEU", 56, 100);
    const base = item("1", 56, 100 + PITCH);
    const sup = item("er", base.x + base.width, base.baseline - 3.5, 6.5);
    const rest = item(" Vice-Président", sup.x + sup.width, base.baseline);
    const bold = item("Commiss", 56, 100 + 2 * PITCH);
    const tail = item("ion : Innovation, attractivité, enseignement supérieur, économie, tourisme et numérique", bold.x + bold.width, bold.baseline);
    const { text } = layoutDocument([page([one, base, sup, rest, bold, tail])]);
    expect(text).toBe("Gabriel BAULIEU\n1er Vice-Président\nCommission : Innovation, attractivité, enseignement supérieur, économie, tourisme et numérique");
  });

  it("keeps a roman numeral set apart by a tab stop on its heading's line", () => {
    // Reduced from Couthenans, 29 January 2021: "I      Convention de mise à disposition de personnel."
    const numerals = ["I", "II", "III"].map((n, i) => item(n, 56, 100 + 3 * i * PITCH));
    const headings = ["Convention de mise à disposition de personnel.", "PADD.", "Adhésion aux associations."].map((h, i) => item(h, 92, 100 + 3 * i * PITCH));
    const bodies = ["ADOPTÉ à l’unanimité.", "ADOPTÉ à l’unanimité.", "ADOPTÉ 9 voix pour, 5 abstentions."].map((b, i) => item(b, 92, 100 + (3 * i + 1) * PITCH));
    const { text } = layoutDocument([page([...numerals, ...headings, ...bodies])]);
    expect(text.startsWith("I Convention de mise à disposition de personnel.")).toBe(true);
    expect(text).toContain("\nII PADD.");
    expect(text).toContain("\nIII Adhésion aux associations.");
  });

  it("keeps a running header a line of its own, apart from the page's first line", () => {
    // "Putanges-Le-Lac, séance du 3 novembre 2017 c. Etude diagnostique …": the header at the top right of
    // pages 2–5, one line pitch above the text, read as the first line of the page's paragraph.
    const body = "Le Conseil municipal, après en avoir délibéré, à l'unanimité, approuve la décision modificative.";
    const header = (n: number): PdfItem => {
      const h = item(`Ville-sur-Orne, séance du ${n} novembre 2017`, 0, 60);
      return { ...h, x: 56 + item(body, 56, 0).width - h.width };
    };
    const sheet = (n: number, first: string): PdfItem[] => [header(n), ...column([first, body], 56, 60 + PITCH)];
    const alone = layoutDocument([page(sheet(3, "c. Etude diagnostique des réseaux d’assainissement"))]).text;
    expect(alone).toContain("2017 c. Etude");
    const { text } = layoutDocument([page(sheet(3, "b. Décision modificative 5/2017.")), { ...page(sheet(3, "c. Etude diagnostique des réseaux d’assainissement")), number: 2 }]);
    expect(text.split(/[\n\f]/u)).toContain("c. Etude diagnostique des réseaux d’assainissement");
    expect(text.split(/[\n\f]/u).filter((l) => l.startsWith("Ville-sur-Orne"))).toHaveLength(2);
  });

  it("joins pages with a form feed and keeps list items apart", () => {
    const p1 = column(["- Renforcer les partenariats avec d'autres pôles au niveau national dans le domaine de la santé et de", "l'aéronautique", "- Participer davantage aux instances nationales"], 56, 60);
    const p2 = column(["Défi 2 : développer toujours plus le nombre d'adhérents."], 56, 60);
    const { text, pages } = layoutDocument([page(p1), { ...page(p2), number: 2 }]);
    expect(text).toBe(
      "- Renforcer les partenariats avec d'autres pôles au niveau national dans le domaine de la santé et de l'aéronautique\n- Participer davantage aux instances nationales\fDéfi 2 : développer toujours plus le nombre d'adhérents.",
    );
    expect(pages.map((p) => [p.start, p.end, text.slice(p.start, p.end).slice(0, 5)])).toEqual([
      [0, text.indexOf("\f"), "- Ren"],
      [text.indexOf("\f") + 1, text.length, "Défi "],
    ]);
  });
});
