import { describe, expect, it } from "vitest";
import { textRecords } from "./text-records.js";

const recordsOf = textRecords("delib-reported-");

// Reduced from Roannais 2021-10-28, item 1: the council is told of the Bureau's deliberations and takes note.
const REPORTED = `Communauté d'agglomération
Séance du 28 octobre 2021
Les conseillers communautaires se sont réunis à l’Espace Chorum.
Etaient présents : Yves Nicolin - Jacques Troncy - Denis Vanhecke - Éric Peyron - Antoine Vermorel-Marques
Secrétaire de séance : Denis Vanhecke

1. Exercice des pouvoirs délégués au Président et au bureau – Compte-rendu
Monsieur le Président présente le compte rendu des pouvoirs délégués.
N° DBC 2021-107 - Action culturelle - Subvention à l’association la Maison de Pays
Le bureau communautaire, après en avoir délibéré à l’unanimité :
- attribue une subvention de 1 500 € à l’association.
Le Conseil communautaire :
- prend acte du compte-rendu des pouvoirs délégués.

2. Rapport d’activités 2020
Monsieur le Président présente les grandes lignes du rapport d’activité 2020.
Le Conseil communautaire :
- prend acte du rapport annuel 2020 relatif à l’activité de Roannais Agglomération.

3. Tarifs du conservatoire
Eric Peyron présente les tarifs.
Vu le Code général des collectivités territoriales prévoyant que « Le conseil municipal peut décider, à l'unanimité, de ne pas procéder au scrutin secret » ;
Le Conseil communautaire, après en avoir délibéré, avec 3 voix pour :
- fixe les tarifs.
`;

describe("acts of another body reported in an item", async () => {
  const records = await recordsOf("reported.txt", REPORTED);

  it("does not take the Bureau's unanimity for the council's vote", () => {
    expect(records[0]?.council.body).toBe("Conseil communautaire");
    expect(records[0]?.vote).toMatchObject({ unanimous: null, outcome: null, yes: null });
  });

  it("gives a record to an item whose dispositive only takes note, with no vote", () => {
    expect(records.map((r) => r.report)).toEqual(["1", "2", "3"]);
    expect(records[1]?.title).toBe("Rapport d’activités 2020");
    expect(records[1]?.vote).toMatchObject({ unanimous: null, outcome: null, yes: null });
  });

  it("writes a rapporteur as the list spells them", () => {
    expect(records[2]?.rapporteur?.name).toBe("Éric Peyron");
  });

  it("keeps the council's own votes, not the unanimity a visa quotes", () => {
    expect(records.at(-1)?.vote).toMatchObject({ yes: 3, outcome: "adopted" });
    expect(records.at(-1)?.vote.unanimous).not.toBe(true);
  });
});

describe("a number a markdown conversion repeated", async () => {
  // example_markdown.md prints the PDF's item 2 as "# 1. Rapport d’activités 2020", right after item 1.
  const records = await recordsOf("repeated.md", REPORTED.replace("2. Rapport d’activités", "1. Rapport d’activités"));

  it("keeps both items when each holds a decision", () => {
    expect(records.map((r) => [r.report, r.title])).toEqual([
      ["1", "Exercice des pouvoirs délégués au Président et au bureau – Compte-rendu"],
      ["1", "Rapport d’activités 2020"],
      ["3", "Tarifs du conservatoire"],
    ]);
  });
});
