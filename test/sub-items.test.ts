import { describe, expect, it } from "vitest";
import { textRecords } from "./text-records.js";

const records = textRecords("delib-sub-items-");

const HEADER = `Commune de Saint-Ours
Séance du 3 novembre 2017
L'an deux mil dix sept, le trois novembre, à vingt heures, les membres du Conseil Municipal de la Commune de SAINT-OURS se sont réunis à la Mairie, sous la Présidence de Monsieur Jean DURAND.
Etaient présents : MM. DURAND Jean, ROUX Anne, BLANC Paul, NOIR Claire.
Le Conseil a choisi pour secrétaire : Mme ROUX Anne
`;

const ITEMS = `1. TRAVAUX DE VOIRIE - CHOIX DE L'ENTREPRISE
Monsieur le Maire donne la parole à Monsieur Paul BLANC, Adjoint.
Après en avoir délibéré, à l'unanimité, le Conseil accepte l'offre de 12 000,00 € HT.
2. PLANTATION D'UNE HAIE - CHOIX DE L'ENTREPRISE
Après en avoir délibéré, à l'unanimité, le Conseil retient l'entreprise la moins disante.
3. QUESTIONS DIVERSES.
`;

describe("lettered items inside a numbered one", () => {
  it("gives one record per decided letter, reported with the item's number", async () => {
    const got = await records(
      "questions-diverses.txt",
      `${HEADER}${ITEMS}a. Acquisition d'une désherbeuse.
La parole est donnée à Monsieur Paul BLANC, Président de la commission travaux.
Après en avoir délibéré, le Conseil Municipal, à l'unanimité, valide l'offre de 8 162,00 € TTC.
b. Information sur le recensement.
Madame ROUX informe l'Assemblée du calendrier du recensement.
c. Décision modificative 5/2017.
Après en avoir délibéré, le Conseil municipal, à l'unanimité, approuve la décision modificative.
`,
    );
    expect(got.map((r) => [r.report, r.title])).toEqual([
      ["1", "TRAVAUX DE VOIRIE - CHOIX DE L'ENTREPRISE"],
      ["2", "PLANTATION D'UNE HAIE - CHOIX DE L'ENTREPRISE"],
      ["3a", "Acquisition d'une désherbeuse"],
      ["3c", "Décision modificative 5/2017"],
    ]);
    expect(got[2]?.rapporteur).toEqual({ name: "Paul BLANC", role: "Président de la commission travaux" });
  });

  it("cuts an item whose letters follow its heading, one of them decided", async () => {
    const got = await records(
      "one-decided.txt",
      `${HEADER}${ITEMS}a) Rénovation de l'église – commune historique
Après en avoir délibéré, le Conseil municipal entérine les décisions prises.
b) Dégrèvement de l'association – commune historique
Madame ROUX informe le conseil municipal du courrier reçu.
`,
    );
    expect(got.map((r) => [r.report, r.title])).toEqual([
      ["1", "TRAVAUX DE VOIRIE - CHOIX DE L'ENTREPRISE"],
      ["2", "PLANTATION D'UNE HAIE - CHOIX DE L'ENTREPRISE"],
      ["3a", "Rénovation de l'église – commune historique"],
    ]);
  });

  it("keeps one record when the letters come after the item's own text, one of them decided", async () => {
    const got = await records(
      "prose-first.txt",
      `${HEADER}${ITEMS}Monsieur le Maire présente les deux volets du projet.
a) Rénovation de l'église – commune historique
b) Mise en valeur du parvis
Après en avoir délibéré, le Conseil municipal approuve le projet.
`,
    );
    expect(got.map((r) => r.report)).toEqual(["1", "2", "3"]);
  });

  it("keeps one record when the letters are the points of one decision", async () => {
    const got = await records(
      "points.txt",
      `${HEADER}${ITEMS}Après en avoir délibéré, le Conseil municipal, à l'unanimité :
a. Approuve la convention avec le Département.
b. Autorise le Maire à la signer.
`,
    );
    expect(got.map((r) => r.report)).toEqual(["1", "2", "3"]);
  });
});
