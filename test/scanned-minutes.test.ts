import { describe, expect, it } from "vitest";
import { textRecords } from "./text-records.js";
import { tokenize } from "../src/names/tokens.js";

const recordsOf = textRecords("delib-scans-");

// Reduced from the OCR of Saint-Restitut, 25 Oct. 2016 and 22 Jan. 2020 (names changed): an agenda listing
// the items, a first item whose body is one line, glued initials, em dashes, "X : procuration à Y", the
// mayor counted in "Présents" but not listed, signatures side by side.
const MINUTES = `COMPTE RENDU DU CONSEIL MUNICIPAL DU
MARDI 25 OCTOBRE 2016 à 19h30
En exercice : 9
Présents : 7
Votants : 9
L'an deux mille seize, le 25 OCTOBRE, le Conseil Municipal de la commune de SAINT RESTITUT (Drôme), s'est réuni en session ordinaire à la Mairie, sous la présidence de Monsieur ARMAND, Maire.
Etaient présents :
T.BUSIN — N.VERDON -— W.AUGUSTE : adjoints
S.MEARY — P.MATHIAS -T.ROUX
Etaient absents excusés :
C.FOROT : procuration à W.AUGUSTE
M.DENISE : procuration à Y.ARMAND
Secrétaire de séance : S.MEARY
1. APPROBATION COMPTE RENDU PRECEDENT
2. CONTENTIEUX DESIGNATION CABINET D'AVOCATS
3. VENTE PARCELLE COMMUNALE
ORDRE DU JOUR
1. APPROBATION COMPTE RENDU PRECEDENT
Pas de remarque. Adopté à l'unanimité.
2. CONTENTIEUX DESIGNATION CABINET D'AVOCATS
Le conseil municipal après discussion et vote : 2 ABSTENTIONS (T.BUSIN/M.DENISE) et 7 voix POUR.
Délibération prise en ce sens.
3. VENTE PARCELLE COMMUNALE
Accord du conseil xxx
Délibération prise en ce sens.
La séance esf levée à 20h45.
Le Secrétaire de séance :\tLe Maire :
S.MEARY\tYves ARMAND
`;

describe("scanned minutes of a small commune", async () => {
  const records = await recordsOf("saint-restitut.txt", MINUTES);

  it("reads the items, not the agenda listing them", () => {
    expect(records.map((r) => [r.report, r.vote.outcome])).toEqual([
      ["1", "adopted"],
      ["2", "adopted"],
      ["3", "adopted"],
    ]);
    expect(records[1]?.vote).toMatchObject({ yes: 7, abstain: 2, unanimous: false });
  });

  it("reads the sitting: date and time from the heading, president from the signature", () => {
    const r = records[0];
    expect(r?.sitting).toMatchObject({ date: "2016-10-25", openedAt: "19:30", closedAt: "20:45", president: "Yves ARMAND", secretary: "S. MEARY" });
    expect(r?.signatory).toEqual({ name: "Yves ARMAND", role: "Maire" });
  });

  it("reads the glued names, adds the presiding mayor first and resolves proxies to him", () => {
    const r = records[0];
    expect(r?.attendance.members.map((m) => [m.name, m.civility, m.status])).toEqual([
      ["Yves ARMAND", "M.", "present"],
      ["T. BUSIN", null, "present"],
      ["N. VERDON", null, "present"],
      ["W. AUGUSTE", null, "present"],
      ["S. MEARY", null, "present"],
      ["P. MATHIAS", null, "present"],
      ["T. ROUX", null, "present"],
      ["C. FOROT", null, "absent"],
      ["M. DENISE", null, "absent"],
    ]);
    expect(r?.attendance.proxies.map((p) => [p.from, p.to])).toEqual([
      ["C. FOROT", "W. AUGUSTE"],
      ["M. DENISE", "Yves ARMAND"],
    ]);
  });
});

describe("OCR noise in glued names", () => {
  it("reads 'P,SOLIER' and '|.MEJEAN' as an initial and a surname, keeping offsets", () => {
    expect(tokenize("P,SOLIER — |.MEJEAN", 10).map((t) => [t.text, t.start, t.end])).toEqual([
      ["P.", 10, 12],
      ["SOLIER", 12, 18],
      ["–", 19, 20],
      ["I.", 21, 23],
      ["MEJEAN", 23, 29],
    ]);
  });
});
