import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/paths.js";
import { csvSeparator, parseCsv } from "../src/scdl/csv.js";
import type { DelibRecord } from "../src/model/record.js";
import { rowProblems } from "../src/export/scdl/constraints.js";
import { siretChecksumOk } from "../src/export/council-config.js";
import { LABELLED_FILE, loadLabelledTitles, MatiereClassifier, MATIERE_MIN_CONFIDENCE } from "../src/export/scdl/classifier.js";
import { matieres, nomenclatureExamples, scdlMatiereName } from "../src/export/scdl/nomenclature.js";
import { budgetRules, budgetYear } from "../src/export/scdl/budget.js";
import { accuracyReport, crossValidate } from "../src/tools/matiere-accuracy.js";
import { SCDL_COLUMNS, type ScdlRow } from "../src/scdl/columns.js";
import { delib, extractCorpus, tempDirs, WHOLE_CORPUS_MS } from "./export-helpers.js";

// The header the SCDL Délibérations 2.1.5 schema fixes, written out here rather than imported: the test checks the code.
const HEADER = ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL"];
const REQUIRED = ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET"];

/** Luhn, written again here. */
function luhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return sum % 10 === 0;
}

/** A fictitious SIRET for test council i: "99" then i on 11 digits, then the digit that makes Luhn hold. Not anyone's. */
function fictitiousSiret(i: number): string {
  const body = `99${String(i).padStart(11, "0")}`;
  for (let d = 0; d <= 9; d++) if (luhn(`${body}${d}`)) return `${body}${d}`;
  throw new Error("no check digit");
}

function isIso(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/u.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
}

/** DELIB_MATIERE_NOM of a code, from the nomenclature file read directly: "level 1/level 2", lower case, no comma nor parenthesis. */
const NOMENCLATURE = JSON.parse(readFileSync(join(packageRoot, "rules", "scdl", "actes-matieres.json"), "utf8")) as { matieres: Array<{ code: string; name: string; sub: Array<{ code: string; name: string }> }> };
function expectedName(code: string): string | undefined {
  const clean = (s: string): string => s.toLowerCase().replace(/[(),/]/gu, " ").replace(/\s+/gu, " ").trim();
  for (const top of NOMENCLATURE.matieres) for (const sub of top.sub) if (sub.code === code) return `${clean(top.name)}/${clean(sub.name)}`;
  return undefined;
}

function parseScdl(csv: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [head, ...data] = parseCsv(csv, csvSeparator(csv));
  const header = (head ?? []).map((c) => c.value);
  return { header, rows: data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]?.value ?? ""]))) };
}

/** Every SCDL constraint, checked on one row; returns what fails. */
function violations(row: Record<string, string>, optional: readonly string[] = []): string[] {
  const v: string[] = [];
  for (const c of REQUIRED) if ((row[c] ?? "") === "" && !optional.includes(c)) v.push(`${c} required`);
  const siret = row["COLL_SIRET"] ?? "";
  if (siret !== "" && !(/^\d{14}$/u.test(siret) && luhn(siret))) v.push("COLL_SIRET");
  for (const c of ["DELIB_DATE", "PREF_DATE"]) if ((row[c] ?? "") !== "" && !isIso(row[c] ?? "")) v.push(`${c} ISO`);
  const code = row["DELIB_MATIERE_CODE"] ?? "";
  if (code !== "" && !/^\d\.\d{1,2}$/u.test(code)) v.push("DELIB_MATIERE_CODE pattern");
  if (code !== "" || (row["DELIB_MATIERE_NOM"] ?? "") !== "") if (expectedName(code) === undefined || row["DELIB_MATIERE_NOM"] !== expectedName(code)) v.push("DELIB_MATIERE_NOM");
  const year = row["BUDGET_ANNEE"] ?? "";
  if (year !== "" && !/^[0-9]{4}(\/[0-9]{4})?$/u.test(year)) v.push("BUDGET_ANNEE pattern");
  if ((year === "") !== ((row["BUDGET_NOM"] ?? "") === "")) v.push("BUDGET pair");
  if ((row["PREF_ID"] ?? "") !== "" && !/^(PREF|SGAR)(\d{3}|02A|02B)$|^SPREF(\d{3}|02A|02B)\d$/u.test(row["PREF_ID"] ?? "")) v.push("PREF_ID");
  for (const c of ["VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"]) if ((row[c] ?? "") !== "" && !/^\d+$/u.test(row[c] ?? "")) v.push(`${c} integer`);
  if ((row["VOTE_REEL"] ?? "") !== "" && Number(row["VOTE_REEL"]) !== Number(row["VOTE_POUR"] || NaN) + Number(row["VOTE_CONTRE"] || NaN) + Number(row["VOTE_ABSTENTION"] || NaN)) v.push("VOTE_REEL sum");
  if ((row["PREF_DATE"] ?? "") !== "" && (row["PREF_DATE"] ?? "") < (row["DELIB_DATE"] ?? "")) v.push("PREF_DATE before DELIB_DATE");
  if ((row["DELIB_URL"] ?? "") !== "" && !/^https?:\/\/\S+$/u.test(row["DELIB_URL"] ?? "")) v.push("DELIB_URL");
  return v;
}

function jsonl(file: string): DelibRecord[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as DelibRecord);
}

const dirs = tempDirs("delib-export-scdl-");
let out = "";
let records: DelibRecord[] = [];
let config = "";

beforeAll(() => {
  const dir = dirs.make();
  out = extractCorpus(dir);
  records = jsonl(join(out, "deliberations.jsonl"));
  const names = [...new Set(records.map((r) => r.council.name).filter((n): n is string => n !== null))].sort();
  config = join(dir, "councils.json");
  writeFileSync(config, JSON.stringify({ councils: names.map((name, i) => ({ match: { name }, COLL_SIRET: fictitiousSiret(i + 1) })) }));
}, WHOLE_CORPUS_MS);
afterAll(() => dirs.cleanup());

describe("delib export scdl on the bundled corpus", () => {
  it("writes rows that pass every SCDL constraint, names every record left out, and is byte-identical run to run", () => {
    const run = delib("export", "scdl", "--out", out, "--council-config", config);
    expect(run.stdout.startsWith(`${HEADER.map((h) => `"${h}"`).join(",")}\r\n`)).toBe(true);
    const { header, rows } = parseScdl(run.stdout);
    expect(header).toEqual(HEADER);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(violations(row), JSON.stringify(row)).toEqual([]);
    // Every record is written, a duplicate of a written row, or left out with its id on stderr.
    const leftOut = records.filter((r) => run.stderr.includes(`${r.id} (${r.source.path}): left out:`));
    const duplicates = records.filter((r) => run.stderr.includes(`${r.id} (${r.source.path}): same row as`));
    expect(rows.length + leftOut.length + duplicates.length).toBe(records.length);
    for (const r of leftOut) expect(r.number === null || r.sitting.date === null || r.title === null || r.council.name === null || run.stderr.includes(`${r.id} (${r.source.path}): left out: DELIB_MATIERE_CODE`)).toBe(true);
    expect(run.status).toBe(leftOut.length > 0 ? 1 : 0);
    // Nothing written that the record does not say.
    for (const row of rows) {
      const r = records.find((x) => x.number === row["DELIB_ID"] && x.sitting.date === row["DELIB_DATE"] && (x.title ?? "") === row["DELIB_OBJET"]);
      expect(r, row["DELIB_ID"]).toBeDefined();
      if (r === undefined) continue;
      expect(row["COLL_NOM"]).toBe(r.council.name);
      expect(row["VOTE_POUR"]).toBe(r.vote.yes !== null && r.vote.no !== null && r.vote.abstain !== null ? String(r.vote.yes) : "");
      expect(row["VOTE_EFFECTIF"]).toBe(String(r.attendance.counts.inOffice ?? r.sitting.membersInOffice ?? ""));
      expect(row["PREF_ID"]).toBe(r.prefecture?.department ? `PREF${r.prefecture.department}` : "");
    }
    expect(delib("export", "scdl", "--out", out, "--council-config", config).stdout).toBe(run.stdout);
  });

  it("without a council config leaves every record out for its missing COLL_SIRET; --partial writes them with the cell empty and says so", () => {
    const strict = delib("export", "scdl", "--out", out);
    expect(strict.status).toBe(1);
    expect(parseScdl(strict.stdout).rows).toEqual([]);
    for (const r of records) expect(strict.stderr).toContain(`${r.id} (${r.source.path}): left out: `);
    const partial = delib("export", "scdl", "--out", out, "--partial");
    const { rows } = parseScdl(partial.stdout);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row["COLL_SIRET"]).toBe("");
      expect(violations(row, ["COLL_SIRET", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM"]), JSON.stringify(row)).toEqual([]);
    }
    expect(partial.stderr).toMatch(/: COLL_SIRET: expected a value \(the schema requires it\), got none: written empty \(--partial\)/u);
  });

  it("leaves out a record missing a required value or holding a junk one, naming it and the value, and warns on a stamp dated before the sitting", () => {
    const base = parseScdl(delib("export", "scdl", "--out", out, "--council-config", config).stdout).rows;
    // Records whose deliberation is read once only (the others are in the corpus in several copies).
    const once = records.filter((r) => r.number !== null && records.filter((x) => x.number === r.number && x.council.name === r.council.name).length === 1 && base.some((row) => row["DELIB_ID"] === r.number && row["COLL_NOM"] === r.council.name));
    const [noNumber, badDate] = once.filter((r) => r.prefecture?.receivedAt == null);
    const stamped = once.find((r) => r.prefecture?.receivedAt != null);
    expect(noNumber && badDate && stamped).toBeTruthy();
    if (noNumber === undefined || badDate === undefined || stamped === undefined) return;
    const edited = join(dirs.make(), "out");
    cpSync(out, edited, { recursive: true });
    const numberOf = new Map([[noNumber.id, noNumber.number], [badDate.id, badDate.number], [stamped.id, stamped.number]]);
    const rowOf = (r: DelibRecord) => (row: Record<string, string>): boolean => row["DELIB_ID"] === numberOf.get(r.id) && row["COLL_NOM"] === r.council.name;
    const lines = records.map((r) => {
      const copy = structuredClone(r);
      if (r.id === noNumber.id) copy.number = null;
      if (r.id === badDate.id) copy.sitting.date = "2023-02-30";
      if (r.id === stamped.id && copy.prefecture !== null && copy.sitting.date !== null) copy.prefecture.receivedAt = "1999-01-01";
      return JSON.stringify(copy);
    });
    writeFileSync(join(edited, "deliberations.jsonl"), `${lines.join("\n")}\n`);
    const run = delib("export", "scdl", "--out", edited, "--council-config", config);
    expect(run.status).toBe(1);
    const { rows } = parseScdl(run.stdout);
    expect(run.stderr).toContain(`${noNumber.id} (${noNumber.source.path}): left out: DELIB_ID: expected a value (the schema requires it), got none`);
    expect(base.some(rowOf(noNumber))).toBe(true);
    expect(rows.some(rowOf(noNumber))).toBe(false);
    expect(run.stderr).toContain(`${badDate.id} (${badDate.source.path}): left out: DELIB_DATE: expected a value`);
    expect(base.some(rowOf(badDate))).toBe(true);
    expect(rows.some(rowOf(badDate))).toBe(false);
    expect(rows.some((row) => row["DELIB_DATE"] === "2023-02-30")).toBe(false);
    expect(base.find(rowOf(stamped))?.["PREF_DATE"]).toBe(stamped.prefecture?.receivedAt);
    const early = rows.find(rowOf(stamped));
    expect(early?.["PREF_DATE"]).toBe("");
    expect(run.stderr).toContain(`${stamped.id} (${stamped.source.path}): PREF_DATE: expected a date on or after DELIB_DATE ${stamped.sitting.date}, got "1999-01-01": left empty`);
  });

  it("applies the council config: name, URL template, matière by number", () => {
    const target = records.find((r) => r.council.name === "Morteau" && r.number === "2022-023");
    expect(target).toBeDefined();
    const file = join(dirs.make(), "morteau.json");
    writeFileSync(file, JSON.stringify({ councils: [{ match: { name: "Morteau" }, COLL_NOM: "Commune de Morteau", COLL_SIRET: fictitiousSiret(7), DELIB_URL: "https://example.org/deliberations/{date}/{number}.pdf", matieres: { "2022-023": "3.2", "2022-021": "7.1" } }] }));
    const { rows } = parseScdl(delib("export", "scdl", "--out", out, "--council-config", file).stdout);
    const morteau = rows.filter((row) => row["COLL_SIRET"] === fictitiousSiret(7));
    expect(morteau.length).toBeGreaterThanOrEqual(2);
    for (const row of morteau) {
      expect(row["COLL_NOM"]).toBe("Commune de Morteau");
      expect(row["DELIB_URL"]).toBe(`https://example.org/deliberations/2022-04-12/${row["DELIB_ID"]}.pdf`);
      expect(violations(row)).toEqual([]);
    }
    expect(morteau.find((row) => row["DELIB_ID"] === "2022-023")?.["DELIB_MATIERE_NOM"]).toBe("domaine et patrimoine/aliénations");
    expect(morteau.find((row) => row["DELIB_ID"] === "2022-021")?.["DELIB_MATIERE_CODE"]).toBe("7.1");
    // Only Morteau has a SIRET: every other council is left out.
    expect(rows.every((row) => row["COLL_NOM"] === "Commune de Morteau")).toBe(true);
  });

  it("refuses a bad council config with the file, the key and what was expected (exit 2)", () => {
    const dir = dirs.make();
    const cases: Array<[unknown, string]> = [
      [{ councils: [{ match: { name: "Morteau" }, COLL_SIRET: "212504046" }] }, "councils[0].COLL_SIRET: expected a SIRET of 14 digits"],
      [{ councils: [{ match: { name: "Morteau" }, COLL_SIRET: "24420077000118" }] }, "councils[0].COLL_SIRET: expected a SIRET whose check digit holds"],
      [{ councils: [{ match: { name: "Morteau" }, matieres: { "2022-023": "3.9" } }] }, `councils[0].matieres["2022-023"]: expected an ACTES level-2 code`],
      [{ councils: [{ match: {}, COLL_SIRET: fictitiousSiret(1) }] }, "councils[0].match: expected an object with name, format or pathPrefix"],
      [{ councils: [{ match: { name: "Morteau" }, SIRET: "x" }] }, "councils[0].SIRET: expected one of the keys"],
      [{ councils: [{ match: { name: "Morteau" }, DELIB_URL: "not a url {number}" }] }, "councils[0].DELIB_URL: expected an http(s) URL template"],
      [{ council: [] }, "council: expected only the keys councils and $comment"],
    ];
    cases.forEach(([json, message], i) => {
      const file = join(dir, `bad-${i}.json`);
      writeFileSync(file, JSON.stringify(json));
      const run = delib("export", "scdl", "--out", out, "--council-config", file);
      expect(run.status, message).toBe(2);
      expect(run.stderr).toContain(`${file}: ${message}`);
      expect(run.stdout).toBe("");
    });
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ councils: ");
    expect(delib("export", "scdl", "--out", out, "--council-config", broken).stderr).toContain(`${broken}: expected JSON`);
    expect(delib("export", "scdl", "--out", join(dir, "nowhere")).status).toBe(2);
    expect(delib("export", "csv", "--out", out).stderr).toContain(`Expected a format to export (scdl, ocd), got "csv"`);
  });

  it("reads back: delib extract on the exported CSV gives the same numbers, dates and votes", () => {
    const csv = delib("export", "scdl", "--out", out, "--council-config", config).stdout;
    const dir = dirs.make();
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "export.csv"), csv);
    const back = join(dir, "back");
    expect(delib("extract", join(dir, "in"), "--out", back, "--quiet").status).toBe(0);
    const read = jsonl(join(back, "deliberations.jsonl"));
    const { rows } = parseScdl(csv);
    expect(read.map((r) => r.number)).toEqual(rows.map((r) => r["DELIB_ID"]));
    read.forEach((r, i) => {
      const row = rows[i] ?? {};
      const n = (c: string): number | null => (row[c] === "" ? null : Number(row[c]));
      expect([r.council.name, r.sitting.date, r.title, r.vote.yes, r.vote.no, r.vote.abstain, r.attendance.counts.inOffice, r.prefecture?.receivedAt ?? null]).toEqual([
        row["COLL_NOM"], row["DELIB_DATE"], row["DELIB_OBJET"], n("VOTE_POUR"), n("VOTE_CONTRE"), n("VOTE_ABSTENTION"), n("VOTE_EFFECTIF"), row["PREF_DATE"] || null,
      ]);
    });
  });
});

describe("SCDL constraints (src/export/scdl/constraints.ts)", () => {
  const good: ScdlRow = {
    COLL_NOM: "Saint-etienne metropole (SEM)", COLL_SIRET: "24420077000117", DELIB_ID: "2022.00022", DELIB_DATE: "2022-01-20", DELIB_MATIERE_CODE: "1.1", DELIB_MATIERE_NOM: "commande publique/marchés publics",
    DELIB_OBJET: "Régie", BUDGET_ANNEE: "2022", BUDGET_NOM: "Budget principal", PREF_ID: "PREF042", PREF_DATE: "2022-01-31", VOTE_EFFECTIF: "71", VOTE_REEL: "62", VOTE_POUR: "62", VOTE_CONTRE: "0", VOTE_ABSTENTION: "0", DELIB_URL: "https://example.org/d.pdf",
  };
  it("accepts a good row", () => {
    expect(rowProblems(good)).toEqual([]);
    expect(violations(good)).toEqual([]);
  });
  const broken: Array<[Partial<ScdlRow>, string]> = [
    [{ COLL_SIRET: "" }, "COLL_SIRET: expected a value"],
    [{ COLL_SIRET: "244200770" }, "COLL_SIRET: expected a SIRET of 14 digits"],
    [{ COLL_SIRET: "24420077000118" }, "COLL_SIRET: expected a SIRET of 14 digits whose check digit holds"],
    [{ DELIB_DATE: "20/01/2022" }, "DELIB_DATE: expected an ISO date"],
    [{ PREF_DATE: "2022-02-30" }, "PREF_DATE: expected an ISO date"],
    [{ DELIB_MATIERE_CODE: "1.1.2" }, "DELIB_MATIERE_CODE: expected an ACTES code like 7.5"],
    [{ DELIB_MATIERE_CODE: "1.9" }, "DELIB_MATIERE_CODE: expected a code of the ACTES nomenclature"],
    [{ DELIB_MATIERE_NOM: "COMMANDE PUBLIQUE" }, "DELIB_MATIERE_NOM: expected \"commande publique/marchés publics\""],
    [{ BUDGET_ANNEE: "22" }, "BUDGET_ANNEE: expected AAAA or AAAA/AAAA"],
    [{ BUDGET_NOM: "" }, "BUDGET_NOM: expected BUDGET_ANNEE and BUDGET_NOM both set or both empty"],
    [{ PREF_ID: "PREF42" }, "PREF_ID: expected PREFNNN"],
    [{ VOTE_REEL: "60" }, "VOTE_REEL: expected VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION (62)"],
    [{ VOTE_CONTRE: "" }, "VOTE_REEL: expected VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION (not all set)"],
    [{ VOTE_POUR: "6.5" }, "VOTE_POUR: expected a whole number"],
    [{ PREF_DATE: "2022-01-19" }, "PREF_DATE: expected a date on or after DELIB_DATE 2022-01-20"],
    [{ DELIB_URL: "www.example.org" }, "DELIB_URL: expected an http(s) URI"],
  ];
  for (const [change, message] of broken) {
    it(`refuses ${JSON.stringify(change)}`, () => {
      const row = { ...good, ...change };
      expect(rowProblems(row).join("\n")).toContain(message);
      expect(violations(row)).not.toEqual([]);
    });
  }
  it("checks SIRETs as INSEE does (Luhn; La Poste by digit sum)", () => {
    expect(siretChecksumOk("21860194600013")).toBe(true); // the schema's example
    expect(siretChecksumOk("35600000000010")).toBe(true); // La Poste: digit sum 15, though Luhn fails
    expect(siretChecksumOk("35600000000011")).toBe(false);
  });
  it("the header module lists the columns in the schema's order", () => {
    expect([...SCDL_COLUMNS]).toEqual(HEADER);
  });
});

describe("matière data and classifier", () => {
  it("the nomenclature holds the code ranges of the SCDL documentation and writes names as its examples say", () => {
    const counts = new Map<string, number>();
    for (const code of matieres().keys()) counts.set(code.split(".")[0] ?? "", (counts.get(code.split(".")[0] ?? "") ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ "1": 7, "2": 3, "3": 6, "4": 5, "5": 8, "6": 5, "7": 10, "8": 9, "9": 4 });
    for (const ex of nomenclatureExamples()) expect(scdlMatiereName(ex.code)).toBe(ex.scdlName);
    for (const code of matieres().keys()) expect(scdlMatiereName(code)).toBe(expectedName(code));
  });
  it("the budget-year rule reads its examples and ignores its counter-examples", () => {
    const { rules } = budgetRules();
    for (const ex of rules.budgetYear.examples) expect(budgetYear(ex.text), ex.text).toBe(ex.year);
    for (const text of rules.budgetYear.counterExamples) expect(budgetYear(text), text).toBeNull();
  });
  it("the labelled titles load, several hundred of them, each with a code of the nomenclature", () => {
    const titles = loadLabelledTitles();
    expect(titles.length).toBeGreaterThanOrEqual(300);
    for (const t of titles) expect(matieres().has(t.code), `${LABELLED_FILE}:${t.line}`).toBe(true);
    expect(new Set(titles.map((t) => t.title.toLowerCase())).size).toBe(titles.length);
  });
  it("a bad label is an error naming the file and line", () => {
    const file = join(dirs.make(), "bad.tsv");
    writeFileSync(file, "title\tcode\nVente d'un terrain\t3.2\nBudget primitif\t7.11\n");
    expect(() => loadLabelledTitles(file)).toThrow(`${file}:3: expected an ACTES level-2 code of rules/scdl/actes-matieres.json, got "7.11"`);
  });
  it("cross-validates better than always answering the commonest matière, and the chosen threshold keeps its measured precision", () => {
    const titles = loadLabelledTitles();
    const counts = new Map<string, number>();
    for (const t of titles) counts.set(t.code, (counts.get(t.code) ?? 0) + 1);
    const majority = Math.max(...counts.values()) / titles.length;
    const small = accuracyReport(titles, 3);
    expect(small.titles).toBe(titles.length);
    expect(small.accuracy).toBeGreaterThan(2 * majority);
    expect(crossValidate(titles, 3)).toEqual(crossValidate(titles, 3));
    const at = accuracyReport(titles, 10).curve.find((c) => c.threshold === MATIERE_MIN_CONFIDENCE);
    expect(at?.precision).toBeGreaterThanOrEqual(0.9);
    expect(at?.coverage).toBeGreaterThanOrEqual(0.4);
  });
  it("a model learns only from its examples: an empty one guesses nothing", () => {
    expect(new MatiereClassifier([]).guess("Budget primitif 2024")).toBeNull();
    const m = new MatiereClassifier([{ title: "Vente d'un terrain communal", code: "3.2", line: 1 }, { title: "Budget primitif", code: "7.1", line: 2 }]);
    expect(m.guess("VENTE D'UN TERRAIN")?.code).toBe("3.2");
  });
});
