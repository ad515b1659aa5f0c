import { describe, expect, it } from "vitest";
import { textRecords } from "./text-records.js";
import type { DelibRecord } from "../src/model/record.js";

const recordsOf = textRecords("delib-changes-");

// Reduced from Lannion 2021 and Roannais 2021: a member arrives after item 1; another leaves before item 3.
const MOVEMENTS = `Commune de Saint-Ours
Séance du 5 juillet 2021
Présents : Paul MARTIN, Anne ROUX, Marc NEDELEC, Claire NOIR
Absents : Jean-Yves CALLAC, Yves NEDELLEC (pouvoir à Anne ROUX)
Secrétaire de séance : Anne ROUX

1. Vente d'un terrain
Le Conseil municipal, après en avoir délibéré, à l'unanimité, décide de vendre.

Arrivée de Monsieur Jean-Yves CALLAC

2. Tarifs de la cantine
Le Conseil municipal, après en avoir délibéré, à l'unanimité, fixe les tarifs.

Arrivée de Yves NEDELLEC. Mme Claire NOIR quitte la séance.

3. Subvention au comité des fêtes
Le Conseil municipal, après en avoir délibéré, à l'unanimité, accorde la subvention.
`;

describe("arrivals and departures between deliberations", async () => {
  const records = await recordsOf("movements.txt", MOVEMENTS);
  const status = (r: DelibRecord | undefined, name: string): string | undefined => r?.attendance.members.find((m) => m.name === name)?.status;

  it("keeps the opening attendance for the first item", () => {
    expect(records).toHaveLength(3);
    expect(records[0]?.attendance.counts).toMatchObject({ inOffice: 6, present: 4, absent: 2, proxies: 1 });
    expect(status(records[0], "Jean-Yves CALLAC")).toBe("absent");
  });

  it("counts a member present from the item after their arrival", () => {
    expect(status(records[1], "Jean-Yves CALLAC")).toBe("present");
    expect(records[1]?.attendance.counts).toMatchObject({ present: 5, absent: 1, proxies: 1 });
    expect(records[1]?.provenance["attendance.counts.present"]?.text).toBe("Arrivée de Monsieur Jean-Yves CALLAC");
  });

  it("lets an arriving member's proxy lapse, and counts a departure", () => {
    const third = records[2];
    expect(status(third, "Yves NEDELLEC")).toBe("present");
    expect(third?.attendance.proxies).toEqual([]);
    expect(third?.attendance.members.find((m) => m.name === "Yves NEDELLEC")?.proxyTo).toBeUndefined();
    expect(status(third, "Claire NOIR")).toBe("absent");
    expect(third?.attendance.counts).toMatchObject({ present: 5, absent: 1, proxies: 0 });
  });

  it("does not take Yves NEDELLEC for Marc NEDELEC (a surname one letter off and another given name)", () => {
    expect(status(records[0], "Marc NEDELEC")).toBe("present");
    expect(records[0]?.attendance.proxies).toEqual([{ from: "Yves NEDELLEC", to: "Anne ROUX", text: "Yves NEDELLEC (pouvoir à Anne ROUX" }]);
  });
});

// Reduced from the Roannais 2021 absentee table as the PDF loader flattens it (cells between tabs).
const TABLE = `Communauté d'agglomération
Séance du 28 octobre 2021
Etaient présents :
Christine ARANEO - Yves Meunier (Suppléant Laurence Boyer) - Nabih Nejjar (arrivé en cours de séance) - Yves Nicolin Mahdi Nouibat

Etaient absents :
Absents\t\tSuppléant\tPouvoir donné à…
\tNi suppléant
Jean-Marc Ambroise\tX
Laurence Boyer\t\tYves Meunier
Marie-France Catheland\t\t\tMuriel Marcellin
Nabih Nejjar\tX
(arrivé en cours de séance)
Gilles Passot
\t\t\tFabien Lambert

Secrétaire de séance : Christine ARANEO

1. Rapport d'activités
Le Conseil communautaire, après en avoir délibéré, à l'unanimité, approuve le rapport.
`;

describe("an absentees' table with headed columns", async () => {
  const [record] = await recordsOf("table.txt", TABLE);
  const member = (name: string): unknown => record?.attendance.members.find((m) => m.name === name);

  it("reads substitutes and proxy holders from their columns", () => {
    expect(member("Laurence Boyer")).toMatchObject({ status: "present", substitute: { name: "Yves Meunier" } });
    expect(member("Marie-France Catheland")).toMatchObject({ status: "absent", proxyTo: "Muriel Marcellin" });
    expect(member("Gilles Passot")).toMatchObject({ status: "absent", proxyTo: "Fabien Lambert" });
    expect(member("Jean-Marc Ambroise")).toMatchObject({ status: "absent" });
    expect(member("Jean-Marc Ambroise")).not.toHaveProperty("proxyTo");
  });

  it("keeps one member for a name in both lists, present when the minutes never place the arrival", () => {
    expect(record?.attendance.members.filter((m) => m.name === "Nabih Nejjar")).toHaveLength(1);
    expect(member("Nabih Nejjar")).toMatchObject({ status: "present" });
    expect(record?.issues.some((i) => i.ruleId === "attendance.arrival-unplaced" && i.message.includes("Nabih Nejjar"))).toBe(true);
    expect(member("Yves Meunier")).toBeUndefined();
  });

  it("splits two names a lost separator ran together", () => {
    expect(member("Yves Nicolin")).toMatchObject({ status: "present" });
    expect(member("Mahdi Nouibat")).toMatchObject({ status: "present" });
  });
});

describe("a member in both lists whose arrival is printed", async () => {
  const records = await recordsOf(
    "table-arrival.txt",
    TABLE.replace("approuve le rapport.\n", "approuve le rapport.\n\nArrivée de Nabih Nejjar\n\n2. Tarifs\nLe Conseil communautaire, après en avoir délibéré, à l'unanimité, fixe les tarifs.\n"),
  );
  const status = (i: number): string | undefined => records[i]?.attendance.members.find((m) => m.name === "Nabih Nejjar")?.status;

  it("is absent at the opening and present from the item after the arrival", () => {
    expect(records).toHaveLength(2);
    expect(status(0)).toBe("absent");
    expect(status(1)).toBe("present");
    expect(records[0]?.issues.some((i) => i.ruleId === "attendance.arrival-unplaced")).toBe(false);
  });
});

// Reduced from the same table as a markdown conversion prints it (example_markdown.md): pipes between
// cells, a rule under the heading row, a dash row holding the proxy of the member named on the next row.
const MARKDOWN_TABLE = `Communauté d'agglomération
Séance du 28 octobre 2021
# Etaient présents :
Christine ARANEO - Muriel Marcellin - Catherine Brun - Yves Meunier (Suppléant Laurence Boyer)

# Etaient absents :

|Absents|Ni pouvoir|Suppléant|Pouvoir donné à…|Ni suppléant|
|---|---|---|---|---|

|Jean-Marc Ambroise|X| | | |

|Laurence Boyer| |Yves Meunier| | |

|Marie-France Catheland| | |Muriel Marcellin| |

|-| | |Catherine Brun| |

|Jean-Marc Detour| | | | |

Secrétaire de séance : Christine ARANEO

# 1. Rapport d'activités
Le Conseil communautaire, après en avoir délibéré, à l'unanimité, approuve le rapport.
`;

describe("an absentees' table in markdown", async () => {
  const [record] = await recordsOf("table.md", MARKDOWN_TABLE);
  const member = (name: string): unknown => record?.attendance.members.find((m) => m.name === name);

  it("reads the pipe-separated cells as columns", () => {
    expect(member("Jean-Marc Ambroise")).toMatchObject({ status: "absent" });
    expect(member("Jean-Marc Ambroise")).not.toHaveProperty("proxyTo");
    expect(member("Laurence Boyer")).toMatchObject({ status: "present", substitute: { name: "Yves Meunier" } });
    expect(member("Marie-France Catheland")).toMatchObject({ status: "absent", proxyTo: "Muriel Marcellin" });
  });

  it("gives a dash row's cells to the member named on the next row", () => {
    expect(member("Jean-Marc Detour")).toMatchObject({ status: "absent", proxyTo: "Catherine Brun" });
    expect(record?.attendance.counts).toMatchObject({ present: 4, absent: 3, proxies: 2 });
  });
});

// Reduced from Couthenans, 29 January 2021: first names only, proxies paired by marks.
const MARKS = `C-R du Conseil municipal
+ Vendredi 29 janvier 2021, 18:30.
+ Salle polyvalente de COUTHENANS.
+ Présents : Jean-Pierre (Pr*), Anne-Marie, Agnès (Pr**), Yves.
+ Absents excusés : Marielle (Pr**), Marc, David (Pr*), Julie (Pr***).
Ordre du jour :
I Convention de mise à disposition de personnel.
II PADD.
III Adhésion aux associations.
I Convention de mise à disposition de personnel.
C’est une convention entre la commune et le Centre De Gestion.
ADOPTÉ à l’unanimité.
II PADD.
ADOPTÉ à l’unanimité.
III Adhésion aux associations.
SHAARL (Société d’Histoire et d’Archéologie de l’ARrondissement de LURE) sollicite une cotisation de 20€/an.
ADOPTÉ à l’unanimité.
ACCDM (Association de Citoyens Contre les Déserts Médicaux)
Il reste possible d’y adhérer une année.
ADOPTÉ 5 voix pour, 1 abstention.
SVP (Sauvegarde du Vivant du Pays d’HÉRICOURT).
Le choix de l’adhésion a donc été reporté.
`;

describe("proxies paired by marks", async () => {
  const records = await recordsOf("marks.txt", MARKS);
  const record = records[0];

  it("reads the items under bare roman numerals, the votes named under an item, and the bulleted header", () => {
    expect(records.map((r) => [r.report, r.title])).toEqual([
      ["I", "Convention de mise à disposition de personnel"],
      ["II", "PADD"],
      ["III", "Adhésion aux associations – SHAARL (Société d’Histoire et d’Archéologie de l’ARrondissement de LURE)"],
      ["III", "Adhésion aux associations – ACCDM (Association de Citoyens Contre les Déserts Médicaux)"],
    ]);
    expect(records[3]?.vote).toMatchObject({ yes: 5, abstain: 1 });
    expect(records[2]?.amounts.map((a) => a.value)).toEqual([20]);
    expect(record?.sitting).toMatchObject({ date: "2021-01-29", openedAt: "18:30", place: "Salle polyvalente de COUTHENANS" });
  });

  it("gives an absent member's proxy to the present member with the same mark", () => {
    expect(record?.attendance.proxies).toEqual([
      { from: "Marielle", to: "Agnès", text: "Marielle (Pr**)" },
      { from: "David", to: "Jean-Pierre", text: "David (Pr*)" },
    ]);
    expect(record?.attendance.members.find((m) => m.name === "Julie")).not.toHaveProperty("proxyTo");
    expect(record?.attendance.counts).toMatchObject({ present: 4, absent: 4, proxies: 2 });
  });
});

// Reduced from Couthenans 2021: one item, several votes each under its own heading.
const SUB_VOTES = `CR du conseil municipal 09 avril 2021
Présents : Jean-Pierre, Yves, Jacques, Hélène
Ordre du jour
1/ Présentation du budget :
Yves présente le budget. Le budget communal de fonctionnement est en excédent de 20 000 €.
Vote des comptes de gestion 2020 :
4 pour.
Vote du budget primitif 2021 :
4 pour
2/ Travaux sylvicoles ONF année 2021 :
Devis de 2600€.
4 pour
`;

describe("an item holding several headed votes", async () => {
  const records = await recordsOf("sub-votes.txt", SUB_VOTES);

  it("gives one record per vote, numbered by the item and titled by the vote", () => {
    expect(records.map((r) => [r.report, r.title, r.vote.yes])).toEqual([
      ["1", "Vote des comptes de gestion 2020", 4],
      ["1", "Vote du budget primitif 2021", 4],
      ["2", "Travaux sylvicoles ONF année 2021", 4],
    ]);
    expect(records[0]?.amounts).toEqual([]);
    expect(records[0]?.attendance.counts).toMatchObject({ present: 4, absent: 0 });
  });
});

describe("a council named in capitals", async () => {
  const [record] = await recordsOf(
    "capitals.txt",
    `VILLE DE PUTANGES LE LAC
Séance du 20 septembre 2016
Le Conseil municipal de Putanges-Le-Lac s'est réuni.
Présents : Jean DURAND, Anne ROUX
1. Vente d'herbe
Après en avoir délibéré, le Conseil municipal :
- Décide de reconduire la vente d'herbe.
`,
  );

  it("is written as the document spells it in running text", () => {
    expect(record?.council.name).toBe("Putanges-Le-Lac");
    expect(record?.provenance["council.name"]?.text).toBe("Putanges-Le-Lac");
  });

  it("reads an adopted deliberation from 'Après en avoir délibéré … Décide' with no vote printed", () => {
    expect(record?.vote).toMatchObject({ outcome: "adopted", unanimous: null, yes: null });
  });
});
