import { describe, expect, it } from "vitest";
import { loadRuleBook } from "../src/rules/format.js";
import { readMemberList } from "../src/extract/members.js";
import { readProxyList } from "../src/extract/proxies.js";
import { resolveName, rosterEntry } from "../src/names/resolve.js";
import { initialsOf } from "../src/names/tokens.js";

const vocabulary = loadRuleBook().fallback.vocabulary;
const whole = (text: string) => ({ start: 0, end: text.length });
const heading = { start: 0, end: 0 };

function members(text: string) {
  return readMemberList(text, whole(text), "present", heading, vocabulary).members.map((m) => ({
    name: m.name,
    civility: m.civility,
    commune: m.commune,
    ...(m.substitute ? { substitute: m.substitute.name } : {}),
  }));
}

function proxies(text: string) {
  return readProxyList(text, whole(text), vocabulary).proxies.map((p) => `${p.from.printed} → ${p.to.printed}`);
}

describe("member lists", () => {
  it("reads commune labels run into names", () => {
    expect(members("Audeux : Mme Françoise GALLIOU Besançon : Mme Elise AEBISCHER, M. Guillaume BAILLY, Mme Marie ZEHAF Beure : M. Philippe CHANEY")).toEqual([
      { name: "Françoise GALLIOU", civility: "Mme", commune: "Audeux" },
      { name: "Elise AEBISCHER", civility: "Mme", commune: "Besançon" },
      { name: "Guillaume BAILLY", civility: "M.", commune: "Besançon" },
      { name: "Marie ZEHAF", civility: "Mme", commune: "Besançon" },
      { name: "Philippe CHANEY", civility: "M.", commune: "Beure" },
    ]);
  });
  it("reads multi-word and hyphenated surnames and communes", () => {
    expect(members("Bousnières : Mme Hélène ASTRIC ANSART Chemaudin et Vaux : M. Gilbert GAVIGNET Chalezeule : M. Christian MAGNIN-FEYSOT Cussey-sur-l'ognon : M. Jean-François MENESTRIER")).toEqual([
      { name: "Hélène ASTRIC ANSART", civility: "Mme", commune: "Bousnières" },
      { name: "Gilbert GAVIGNET", civility: "M.", commune: "Chemaudin et Vaux" },
      { name: "Christian MAGNIN-FEYSOT", civility: "M.", commune: "Chalezeule" },
      { name: "Jean-François MENESTRIER", civility: "M.", commune: "Cussey-sur-l'ognon" },
    ]);
  });
  it("attaches substitutes to the member they sit for", () => {
    expect(members("Roset-Fluans : M. Jacques ADRIANSEN représenté par son suppléant M. Dominique LHOMME Saint-Vit : M. Pascal ROUTHIER")).toEqual([
      { name: "Jacques ADRIANSEN", civility: "M.", commune: "Roset-Fluans", substitute: "Dominique LHOMME" },
      { name: "Pascal ROUTHIER", civility: "M.", commune: "Saint-Vit" },
    ]);
    expect(members("Geneuille : M. Patrick OUDOT représenté par sa suppléante Mme Sandrine BOUTARD Gennes : M. Jean SIMONDON")[0]).toEqual({
      name: "Patrick OUDOT", civility: "M.", commune: "Geneuille", substitute: "Sandrine BOUTARD",
    });
  });
  it("keeps an initial given name", () => {
    expect(members("Novillars : M. B. LOUIS Palise : M. Daniel GAUTHEROT")[0]).toEqual({ name: "B. LOUIS", civility: "M.", commune: "Novillars" });
  });
  it("reads grouped civilities, surname-first names and surname-only lists", () => {
    expect(members("MM. Serge DRUGEON, Roland LEFOYER, Liliane LEHUGEUR.")).toEqual([
      { name: "Serge DRUGEON", civility: null, commune: null },
      { name: "Roland LEFOYER", civility: null, commune: null },
      { name: "Liliane LEHUGEUR", civility: null, commune: null },
    ]);
    expect(members("DURAND Pierre, LEFEVRE Anne-Marie")).toEqual([
      { name: "Pierre DURAND", civility: null, commune: null },
      { name: "Anne-Marie LEFEVRE", civility: null, commune: null },
    ]);
    expect(members("MM. DURAND, LEFEVRE, Mmes ROUX et BLANC").map((m) => `${m.civility} ${m.name}`)).toEqual(["M. DURAND", "M. LEFEVRE", "Mme ROUX", "Mme BLANC"]);
    expect(members("MM  LECARDONNEL,  LE  ROUX,  MMES  LEROY").map((m) => `${m.civility} ${m.name}`)).toEqual(["M. LECARDONNEL", "M. LE ROUX", "Mme LEROY"]);
  });
  it("reads first names alone and dash lists", () => {
    expect(members("Marc, Julie et Paul").map((m) => m.name)).toEqual(["Marc", "Julie", "Paul"]);
    expect(members("- Madame Dolorès HUDO\n- Monsieur Ronan TANGUY").map((m) => [m.civility, m.name])).toEqual([
      ["Mme", "Dolorès HUDO"],
      ["M.", "Ronan TANGUY"],
    ]);
  });
  it("reads proxies inside a member list and skips remarks in parentheses", () => {
    const read = (text: string) => readMemberList(text, whole(text), "absent", heading, vocabulary).members.map((m) => `${m.name}${m.proxy ? ` → ${m.proxy.to.name}` : ""}`);
    expect(read("M. Pierre DURAND (pouvoir à Mme Anne ROUX), Mme Karine DUTEIL (arrivée à 19h07)")).toEqual(["Pierre DURAND → Anne ROUX", "Karine DUTEIL"]);
    expect(read("Mme Laurence CHAUVIN à Mr Michel SOISNARD et Monique GUIBOUT à Annick MACE.")).toEqual(["Laurence CHAUVIN → Michel SOISNARD", "Monique GUIBOUT → Annick MACE"]);
    expect(read("M. Paul BLANC donne pouvoir à M. Jean NOIR")).toEqual(["Paul BLANC → Jean NOIR"]);
    expect(read("COSSEC, FERREIRA (A PARTIR DE LA QUESTION N°5), ATLAN")).toEqual(["COSSEC", "FERREIRA", "ATLAN"]);
    expect(read("Anne-Marie (pouvoir donné à Yves) / Marc (pouvoir donné Patrick)")).toEqual(["Anne-Marie → Yves", "Marc → Patrick"]);
  });
  it("reads a table flattened to lines, the commune in its first cell", () => {
    expect(members("Saint-Ours\tM. Jean DURAND\nLa Roche-Blanche\tMme Anne ROUX")).toEqual([
      { name: "Jean DURAND", civility: "M.", commune: "Saint-Ours" },
      { name: "Anne ROUX", civility: "Mme", commune: "La Roche-Blanche" },
    ]);
  });
  it("reads no member from prose", () => {
    expect(members("la séance est ouverte, le quorum étant atteint")).toEqual([]);
  });
});

describe("proxy lists", () => {
  it("reads initials in every printed form", () => {
    expect(proxies("F. BRAUCHLI à C.DEVESA, B. CYPRIANI à JE. LAFARGE, P.C. HENRY à M PIGNARD, M.T. MICHEL à M. ETEVENARD")).toEqual([
      "F. BRAUCHLI → C. DEVESA",
      "B. CYPRIANI → JE. LAFARGE",
      "P.C. HENRY → M PIGNARD",
      "M.T. MICHEL → M. ETEVENARD",
    ]);
  });
  it("reads two proxies with no separator between them", () => {
    expect(proxies("L. BERNARD à JP. MICHAUD B. LOUIS à F. TAILLARD, A. OLSZAK à P. CHANEY")).toEqual(["L. BERNARD → JP. MICHAUD", "B. LOUIS → F. TAILLARD", "A. OLSZAK → P. CHANEY"]);
  });
  it("reads multi-word surnames and the final 'et'", () => {
    expect(proxies("N. DUSSAUCY à H. ASTRIC ANSART, JM. JOUFFROY à Y. MAURICE et D. LEGAIN à D. LHOMME")).toEqual([
      "N. DUSSAUCY → H. ASTRIC ANSART",
      "JM. JOUFFROY → Y. MAURICE",
      "D. LEGAIN → D. LHOMME",
    ]);
  });
  it("ignores remarks in parentheses", () => {
    expect(proxies("N. FERREIRA (à partir de la question 3) a donné pouvoir à Monsieur P. DROULLOURS")).toEqual(["N. FERREIRA → P. DROULLOURS"]);
  });
  it("skips what is not a proxy", () => {
    const read = readProxyList("néant", whole("néant"), vocabulary);
    expect(read.proxies).toEqual([]);
    expect(read.skipped.map((t) => t.text)).toEqual(["néant"]);
  });
});

describe("name resolution", () => {
  const roster = ["Carine MICHEL", "Marie-Thérèse MICHEL", "Ludovic BARBAROSSA", "Jean-Emmanuel LAFARGE", "Myriam LEMERCIER", "Marcel FELT", "B. LOUIS", "Lorine GAGLILOLO"].map(rosterEntry);
  const name = (given: string | null, surname: string) => {
    const r = resolveName(given, surname, roster);
    return r.kind === "resolved" ? `${r.entry.name}${r.note ? ` (${r.note})` : ""}` : r.kind;
  };
  it("uses initials to tell people with one surname apart", () => {
    expect(initialsOf("Marie-Thérèse")).toBe("MT");
    expect(initialsOf("M.T.")).toBe("MT");
    expect(name("M.T.", "MICHEL")).toBe("Marie-Thérèse MICHEL");
    expect(name("C.", "MICHEL")).toBe("Carine MICHEL");
    expect(name(null, "MICHEL")).toBe("ambiguous");
  });
  it("reads M. as an initial first, as a civility when no initial fits", () => {
    expect(name("M.", "LEMERCIER")).toBe("Myriam LEMERCIER");
    expect(name("JE.", "LAFARGE")).toBe("Jean-Emmanuel LAFARGE");
    expect(name("M.", "LAFARGE")).toBe("Jean-Emmanuel LAFARGE");
  });
  it("reads initials without their accents", () => {
    // "À. BIHR" in tesseract's reading of the seed's "A. BIHR"; "É. MARTIN" for Elodie as for Élodie.
    const roster2 = ["Anne BIHR", "Elodie MARTIN"].map(rosterEntry);
    const note = (given: string, surname: string) => {
      const r = resolveName(given, surname, roster2);
      return r.kind === "resolved" ? `${r.entry.name}${r.note ? ` (${r.note})` : ""}` : r.kind;
    };
    expect(note("À.", "BIHR")).toBe("Anne BIHR");
    expect(note("É.", "MARTIN")).toBe("Elodie MARTIN");
    expect(note("B.", "BIHR")).toBe("Anne BIHR (initial-mismatch)");
  });
  it("resolves a wrong initial with a note", () => {
    expect(name("F.", "BARBAROSSA")).toBe("Ludovic BARBAROSSA (initial-mismatch)");
  });
  it("tells two people of one surname and one initial apart by the full given name", () => {
    // "Mme Monique FOUREY-BECHET donne procuration à Mme Sophie PICHONNIER" (Putanges, 1 March 2021).
    const family = ["Sophie PICHONNIER", "Sylvain PICHONNIER"].map(rosterEntry);
    const kind = (given: string) => {
      const r = resolveName(given, "PICHONNIER", family);
      return r.kind === "resolved" ? r.entry.name : r.kind;
    };
    expect(kind("Sophie")).toBe("Sophie PICHONNIER");
    expect(kind("Sylvain")).toBe("Sylvain PICHONNIER");
    expect(kind("S.")).toBe("ambiguous");
  });
  it("tolerates a one-letter slip in a surname, and not more", () => {
    expect(name("L.", "GAGLIOLO")).toBe("Lorine GAGLILOLO (fuzzy-surname)");
    expect(name("J.", "DUPONT")).toBe("unresolved");
  });
});
