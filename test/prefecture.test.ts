import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { processDocument } from "../src/pipeline.js";
import { packageRoot } from "../src/paths.js";
import { checkFindings } from "../src/check/check.js";
import { stampAfterSitting } from "../src/check/stamp-dates.js";
import { prefectureIdMatches, prefectureNature } from "../src/check/prefecture-id.js";
import { actesDepartment, actesId, compactDate, ocrDigits, sameActNumber } from "../src/normalize/actes.js";
import type { DelibRecord, Prefecture } from "../src/model/record.js";
import { textRecords } from "./text-records.js";

const records = textRecords("delib-prefecture-");

/** A one-deliberation extract of a small commune; `top` and `bottom` are printed before and after it. */
function extract(top: string, bottom = "", page2 = ""): string {
  return `${top}
Commune de Saint-Ours
Extrait du registre des délibérations du Conseil municipal
Séance du 9 novembre 2020
L'an deux mille vingt, le neuf novembre à vingt heures, le Conseil municipal s'est réuni sous la présidence de M. Jean DURAND, Maire.
Présents : M. Jean DURAND, Mme Anne ROUX, M. Paul BLANC, Mme Claire NOIR
Secrétaire de séance : Mme Anne ROUX

Délibération n° 2020/005418
Objet : Vente d'un terrain communal
Le Conseil municipal, après en avoir délibéré, à l'unanimité, décide de vendre la parcelle AB 12 pour 45 000 €.
${page2 === "" ? "" : `\f${page2}\nLe Maire certifie la présente délibération.\n`}
Pour extrait conforme,
Le Maire,
Jean DURAND
${bottom}
`;
}

const S2LOW = `Envoyé en préfecture le 12/11/2020
Reçu en préfecture le 12/11/2020
Affiché le 13/11/2020
ID : 025-242500049-20201109-2020_005418-DE`;

const STAMPED: Prefecture = {
  id: "025-242500049-20201109-2020_005418-DE",
  department: "025",
  siren: "242500049",
  actDate: "2020-11-09",
  actNumber: "2020_005418",
  nature: "DE",
  sentAt: "2020-11-12",
  receivedAt: "2020-11-12",
  publishedAt: "2020-11-13",
  executoryAt: null,
};

async function only(name: string, text: string): Promise<DelibRecord> {
  const found = await records(name, text);
  expect(found).toHaveLength(1);
  return found[0] as DelibRecord;
}

const ruleIds = (r: DelibRecord): string[] => r.issues.map((i) => i.ruleId);

describe("the ACTES identifier's parts", () => {
  it("repairs OCR look-alikes in digit slots only", () => {
    expect(actesId("O25 - 2425OOO49 - 2O2O11O9 - 2020_005418 - DE")).toBe("025-242500049-20201109-2020_005418-DE");
    expect(actesId("013-211300561-20211025-RA21_O3-AR")).toBe("013-211300561-20211025-RA21_O3-AR");
    expect(actesId("02A-212000046-20230314-DEL_2023_12-DE")).toBe("02A-212000046-20230314-DEL_2023_12-DE");
    expect(actesId("025-242500049-20201345-2020_005418-DE")).toBeNull(); // no 45th of a 13th month
    expect(actesId("025-242500049-20201109-2020_005418-XY")).toBeNull();
    expect(actesDepartment("O2B")).toBe("02B");
    expect(ocrDigits("2425OOO49")).toBe("242500049");
    expect(ocrDigits("24250X049")).toBeNull();
    expect(compactDate("2O2O11O9")).toBe("2020-11-09");
  });
  it("compares act numbers loosely: separators, zeros and a letter prefix aside", () => {
    expect(sameActNumber("2020_005418", "2020/005418")).toBe(true);
    expect(sameActNumber("2021_027", "2021-027")).toBe(true);
    expect(sameActNumber("DC_2022_084", "DC-2022-084")).toBe(true);
    expect(sameActNumber("DEL_2023_12", "2023-12")).toBe(true);
    expect(sameActNumber("2020_005419", "2020/005418")).toBe(false);
    expect(sameActNumber("12", "2021-012")).toBe(false);
    expect(sameActNumber("2020_005418", "Délibération n° 2020/005418 – Vente", { within: true })).toBe(true);
    expect(sameActNumber("2020_005418", "Délibération n° 2020/005419", { within: true })).toBe(false);
  });
});

describe("stamps read from documents", () => {
  it("reads an S²LOW stamp printed on both pages once, from its first copy", async () => {
    const r = await only("s2low.txt", extract(S2LOW, "", S2LOW));
    expect(r.prefecture).toEqual(STAMPED);
    expect(r.provenance["prefecture.id"]).toMatchObject({ page: 1, text: "025-242500049-20201109-2020_005418-DE" });
    expect(r.provenance["prefecture.siren"]?.text).toBe("242500049");
    expect(r.provenance["prefecture.sentAt"]?.text).toBe("12/11/2020");
    expect(ruleIds(r)).toEqual([]);
  });
  it("keeps the first copy and warns once when copies disagree", async () => {
    const other = S2LOW.replace("ID : 025-242500049-20201109-2020_005418-DE", "ID : 025-242500049-20201109-2020_005419-DE");
    const r = await only("disagree.txt", extract(S2LOW, "", other));
    expect(r.prefecture?.id).toBe(STAMPED.id);
    expect(r.prefecture?.actNumber).toBe("2020_005418");
    const conflicts = r.issues.filter((i) => i.ruleId === "field.conflict");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.message).toMatch(/^Expected one value for prefecture\.id/u);
    expect(conflicts[0]?.place?.page).toBe(2);
  });
  it("reads FAST's receipt, the identifier alone on its line", async () => {
    const fast = `Accusé de réception en préfecture
025-242500049-20201109-2020_005418-DE
Date de télétransmission : 12/11/2020
Date de réception préfecture : 12/11/2020`;
    const r = await only("fast.txt", extract(fast));
    expect(r.prefecture).toEqual({ ...STAMPED, publishedAt: null });
  });
  it("reads a stamp at the end, OCR noise in its identifier", async () => {
    const noisy = `Envoyé en préfecture le 12/11/2020
Reçu en préfecture le 12/11/2020
Rendu exécutoire le 13/11/2020
ID : O25 - 2425OOO49-2O201109 - 2020_005418-DE`;
    const r = await only("noisy.txt", extract("", noisy));
    expect(r.prefecture).toEqual({ ...STAMPED, publishedAt: null, executoryAt: "2020-11-13" });
    expect(r.provenance["prefecture.id"]?.text).toBe("O25 - 2425OOO49-2O201109 - 2020_005418-DE");
    expect(r.provenance["prefecture.department"]?.text).toBe("O25");
  });
  it("reads a mayor's 'certifié exécutoire' mention without identifier", async () => {
    const r = await only("mention.txt", extract("", "Le Maire certifie sous sa responsabilité le caractère exécutoire de cet acte, transmis en préfecture le 12 novembre 2020 et affiché le 13 novembre 2020."));
    expect(r.prefecture).toEqual({ ...STAMPED, id: null, department: null, siren: null, actDate: null, actNumber: null, nature: null, receivedAt: null });
  });
  it("finds no stamp where the act is only promised to the prefecture, or a posting date stands alone", async () => {
    for (const bottom of [
      "La présente délibération sera affichée et transmise au contrôle de légalité.",
      "L’arrêté a été envoyé en préfecture pour le contrôle de légalité.",
      "Date de la convocation : 2 novembre 2020 – Date d'affichage : 2 novembre 2020",
      "Affiché le 13/11/2020",
      "Vu la délibération n° 2020-12 du 3 février 2020 transmise en préfecture le 5 février 2020,",
    ]) {
      const r = await only("none.txt", extract("", bottom));
      expect(r.prefecture, bottom).toBeNull();
    }
  });
});

describe("stamps in a document holding several deliberations", () => {
  const item = (n: string, title: string): string => `Délibération n° ${n}
Objet : ${title}
Le Conseil municipal, après en avoir délibéré, à l'unanimité, approuve.
`;
  const stamp = (n: string): string => `Envoyé en préfecture le 12/11/2020
Reçu en préfecture le 12/11/2020
ID : 025-242500049-20201109-${n}-DE`;
  const header = `Commune de Saint-Ours
Extrait du registre des délibérations du Conseil municipal
Séance du 9 novembre 2020
L'an deux mille vingt, le neuf novembre à vingt heures, le Conseil municipal s'est réuni sous la présidence de M. Jean DURAND, Maire.
Présents : M. Jean DURAND, Mme Anne ROUX, M. Paul BLANC
`;
  it("gives each record the stamp naming its number, even printed at the top of its page, before its heading", async () => {
    const text = `${stamp("2020_041")}\n${header}\n${item("2020-041", "Vente d'un terrain")}\f${stamp("2020_042")}\n${item("2020-042", "Tarifs de la cantine")}`;
    const [a, b] = await records("register.txt", text);
    expect(a?.prefecture?.actNumber).toBe("2020_041");
    expect(b?.prefecture?.actNumber).toBe("2020_042");
    expect([...ruleIds(a as DelibRecord), ...ruleIds(b as DelibRecord)]).toEqual([]);
  });
  it("gives a stamp without identifier to the deliberation it is printed in", async () => {
    const text = `${header}\n${item("2020-041", "Vente d'un terrain")}\n${item("2020-042", "Tarifs de la cantine")}Transmis en préfecture le 12/11/2020\n`;
    const [a, b] = await records("register-mention.txt", text);
    expect(a?.prefecture).toBeNull();
    expect(b?.prefecture?.sentAt).toBe("2020-11-12");
  });
});

describe("the seed and the written cases", () => {
  it("the seed has no stamp", async () => {
    const seed = (await processDocument(join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.txt"))).records[0];
    expect(seed?.prefecture).toBeNull();
  });
  for (const c of ["written/commune/2021-06-14-montfaucon", "written/intercommunal/2022-09-27-portes-du-haut-doubs", "written/register/2023-02-06-foncine-le-haut"]) {
    it(`${c}: its stamps as expected, every check passing`, async () => {
      const dir = join(packageRoot, "corpus", c);
      const expected = (JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as { records: Array<{ prefecture: Prefecture }> }).records.map((e) => e.prefecture);
      const found = (await processDocument(join(dir, "source.txt"))).records;
      expect(found.map((r) => r.prefecture)).toEqual(expected);
      for (const r of found) {
        for (const check of [stampAfterSitting, prefectureIdMatches, prefectureNature]) expect(checkFindings(check, r), check.meta.id).toEqual([]);
        expect(r.issues.filter((i) => i.ruleId === "field.conflict" || i.ruleId.startsWith("prefecture.") || i.ruleId.startsWith("date."))).toEqual([]);
      }
    });
  }
});

describe("checks on the stamp", async () => {
  const stamped = await only("checked.txt", extract(S2LOW));
  const clone = (): DelibRecord => JSON.parse(JSON.stringify(stamped)) as DelibRecord;
  const stamp = (r: DelibRecord): Prefecture => {
    if (r.prefecture === null) throw new Error("the record has a stamp");
    return r.prefecture;
  };
  const messageIds = (check: typeof stampAfterSitting, r: DelibRecord): string[] => checkFindings(check, r).map((f) => f.messageId);

  it("pass on a consistent stamp", () => {
    for (const check of [stampAfterSitting, prefectureIdMatches, prefectureNature]) expect(checkFindings(check, stamped), check.meta.id).toEqual([]);
  });
  it("date.stamp-before-sitting fires for each date before the sitting, and for a receipt before the sending", () => {
    const r = clone();
    stamp(r).sentAt = "2020-11-08";
    expect(messageIds(stampAfterSitting, r)).toEqual(["beforeSitting"]);
    const finding = checkFindings(stampAfterSitting, r)[0];
    expect(finding?.issue.message).toBe("Expected the act sent (prefecture.sentAt) on or after the sitting of 2020-11-09, got 2020-11-08");
    expect(finding?.issue.severity).toBe("error");
    expect(finding?.issue.place).toMatchObject({ page: 1 });
    const s = clone();
    stamp(s).publishedAt = "2010-11-13"; // OCR: 2020 read 2010
    stamp(s).executoryAt = "2020-11-01";
    expect(messageIds(stampAfterSitting, s)).toEqual(["beforeSitting", "beforeSitting"]);
    const t = clone();
    stamp(t).receivedAt = "2020-11-10";
    expect(messageIds(stampAfterSitting, t)).toEqual(["receivedBeforeSent"]);
    const u = clone();
    u.sitting.date = "2020-11-12"; // sent the evening of the sitting
    stamp(u).actDate = "2020-11-12";
    expect(messageIds(stampAfterSitting, u)).toEqual([]);
  });
  it("prefecture.id-mismatch fires on another act date or another number, never on separators", () => {
    const r = clone();
    stamp(r).actDate = "2020-11-10";
    expect(messageIds(prefectureIdMatches, r)).toEqual(["date"]);
    const s = clone();
    stamp(s).actNumber = "2020_005419";
    expect(messageIds(prefectureIdMatches, s)).toEqual(["number"]);
    expect(checkFindings(prefectureIdMatches, s)[0]?.issue.message).toBe('Expected the ACTES identifier "025-242500049-20201109-2020_005418-DE" to name deliberation "2020/005418", got "2020_005419"');
    const t = clone();
    t.number = "2020-005418";
    expect(messageIds(prefectureIdMatches, t)).toEqual([]);
    const u = clone();
    u.number = null; // nothing printed to compare
    stamp(u).id = null;
    expect(messageIds(prefectureIdMatches, u)).toEqual([]);
  });
  it("prefecture.not-deliberation says so when the act is filed as something else", () => {
    const r = clone();
    stamp(r).nature = "AR";
    expect(messageIds(prefectureNature, r)).toEqual(["nature"]);
    expect(checkFindings(prefectureNature, r)[0]?.issue).toMatchObject({ severity: "info", message: 'Expected the ACTES identifier "025-242500049-20201109-2020_005418-DE" to file a délibération (DE), got AR (arrêté réglementaire)' });
  });
});

describe("SCDL rows", () => {
  it("take the prefecture's department and the date of receipt from PREF_ID and PREF_DATE", async () => {
    const csv = `"COLL_NOM","COLL_SIRET","DELIB_ID","DELIB_DATE","DELIB_OBJET","PREF_ID","PREF_DATE","VOTE_POUR"
"Saint-Ours","21630000000000","2022.00022","2022-01-20","Tarifs","PREF042","2022-01-31","12"
"Saint-Ours","21630000000000","2022.00023","2022-01-20","Travaux","","","12"
`;
    const [a, b] = await records("deliberations.csv", csv);
    expect(a?.prefecture).toMatchObject({ id: null, department: "042", receivedAt: "2022-01-31", sentAt: null });
    expect(a?.provenance["prefecture.department"]?.text).toBe("PREF042");
    expect(b?.prefecture).toBeNull();
  });
});
