import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DelibRecord } from "../src/model/record.js";
import type { DocumentResult } from "../src/model/result.js";
import { foldText } from "../src/eval/fields.js";
import {
  fieldF1,
  macroF1,
  prf,
  runEval,
  scoreDocument,
  scoreRecord,
  type RecordScore,
} from "../src/eval/score.js";
import {
  compareToBaseline,
  missingFromRun,
  parseBaseline,
  renderBaseline,
  rowOf,
  weakFieldsLine,
} from "../src/eval/baseline.js";
import { caseGroups, deepMerge, parseExpected } from "../src/eval/expected.js";
import { errorTally } from "../src/eval/score.js";
import { TITLE_MATCH_THRESHOLD, matchRecords, softNumberKey, titleSimilarity } from "../src/eval/match.js";
import { packageRoot } from "../src/paths.js";

/** An expected record as corpus/…/expected.json holds it (with the evaluator-only keys). */
function expectedRecord(): Record<string, any> {
  return {
    $comment: "hand-made",
    council: { name: "Grand Besançon Métropole", body: "Conseil de Communauté" },
    sitting: {
      date: "2020-11-09",
      place: "Salle des conférences",
      president: "Anne VIGNOT",
      secretary: null,
      openedAt: "18:10",
      closedAt: "21:45",
      membersInOffice: 4,
    },
    number: "2020/005418",
    report: "31",
    title: "Actions recherche et innovation – Soutien au Pôle pour l'année 2020",
    rapporteur: { name: "Nicolas BODIN", role: "Vice-Président" },
    commission: "Innovation",
    budget: { line: "BP 2020", planned: 120000, operation: 45000 },
    vote: { yes: 3, no: 0, abstain: 0, notVoting: 1, unanimous: true, outcome: "adopted", named: { no: [], abstain: [], notVoting: [] } },
    signatory: { name: "Gabriel BAULIEU", role: "1er Vice-Président" },
    attendance: {
      counts: { inOffice: 4, present: 2, remote: 1, absent: 1, proxies: 1, voters: null },
      members: [
        { name: "Anne VIGNOT", civility: "Mme", commune: "Besançon", status: "present" },
        { name: "Nicolas BODIN", civility: "M.", commune: "Besançon", status: "present" },
        { name: "Thomas JAVAUX", civility: "M.", commune: "Amagney", status: "remote", proxyTo: "Nicolas BODIN" },
        {
          name: "Jacques ADRIANSEN",
          civility: "M.",
          commune: "Roset-Fluans",
          status: "absent",
          substitute: { civility: "M.", name: "Dominique LHOMME" },
        },
      ],
      proxies: [{ from: "Thomas JAVAUX", to: "Nicolas BODIN", text: "T. JAVAUX à N. BODIN" }],
    },
    amountsMustInclude: [45000, 120000],
    annexes: { note: "ignored by the scorer" },
    expectedChecks: {},
  };
}

/** The record a perfect pipeline would give for expectedRecord(). */
function perfectPrediction(): DelibRecord {
  const e = expectedRecord();
  return {
    schemaVersion: "1",
    id: "0123456789abcdef#0",
    source: { path: "x.txt", sha256: "0".repeat(64), kind: "text", pages: 1 },
    format: "test@1",
    council: e.council,
    sitting: e.sitting,
    number: e.number,
    report: e.report,
    title: e.title,
    rapporteur: e.rapporteur,
    commission: e.commission,
    budget: e.budget,
    amounts: [
      { value: 45000, currency: "EUR", label: null, text: "45 000 €" },
      { value: 120000, currency: "EUR", label: null, text: "120 000 €" },
      { value: 7, currency: "EUR", label: null, text: "7 €" },
    ],
    vote: e.vote,
    attendance: e.attendance,
    signatory: e.signatory,
    annexes: [],
    prefecture: null,
    budgetTables: [],
    provenance: {},
    confidence: {},
    issues: [],
  };
}

function f1s(score: RecordScore, mode: "strict" | "soft"): Record<string, number> {
  return Object.fromEntries(score.fields.map((f) => [f.field, prf(f[mode], f.recallOnly).f1]));
}

describe("expected errors", () => {
  const listed = parseExpected({
    records: [],
    expectedErrors: [{ ruleId: "vote.exceeds-voters", count: 2, cause: "document", why: "13 votes printed for 11 members present" }],
  }).errors;
  const issue = (ruleId: string, severity: "error" | "warning" = "error") => ({ severity, ruleId, message: "m", place: null });
  it("accepts exactly the errors listed, warnings aside", () => {
    expect(errorTally([issue("vote.exceeds-voters"), issue("vote.exceeds-voters"), issue("field.conflict", "warning")], listed).unexpectedErrors).toEqual([]);
  });
  it("names an error not listed, and one listed but not raised", () => {
    expect(errorTally([issue("vote.exceeds-voters"), issue("proxy.presence")], listed).unexpectedErrors).toEqual([
      "Expected 0 proxy.presence error(s) (expected.json expectedErrors), got 1",
      "Expected 2 vote.exceeds-voters error(s) (expected.json expectedErrors), got 1",
    ]);
  });
  it("refuses a listed error without its cause or reason", () => {
    expect(() => parseExpected({ records: [], expectedErrors: [{ ruleId: "x", count: 1, cause: "bug", why: "?" }] })).toThrow(/cause/u);
    expect(() => parseExpected({ records: [], expectedErrors: [{ ruleId: "x", count: 1, cause: "document", why: " " }] })).toThrow(/why/u);
  });
});

describe("scorer", () => {
  it("scores a perfect record 1 on every field, strict and soft", () => {
    const score = scoreRecord(expectedRecord(), perfectPrediction());
    expect(score.fields.length).toBeGreaterThan(30);
    for (const f of score.fields) {
      expect(prf(f.strict, f.recallOnly).f1, f.field).toBe(1);
      expect(prf(f.soft, f.recallOnly).f1, f.field).toBe(1);
    }
    expect(macroF1(score.fields, "strict")).toBe(1);
    expect(macroF1(score.fields, "soft")).toBe(1);
    expect(score.members).toEqual({ expected: 4, predicted: 4, matched: 4, matchedSoft: 4, names: 4 });
    expect(score.proxies).toEqual({ expected: 1, predicted: 1, matched: 1, matchedSoft: 1, resolved: 1 });
  });

  it("scores only the fields present in expected", () => {
    const score = scoreRecord({ number: "1", vote: { yes: 3 } }, perfectPrediction());
    expect(score.fields.map((f) => f.field)).toEqual(["number", "vote.yes"]);
    expect(score.members).toBeNull();
    expect(score.proxies).toBeNull();
  });

  it("a wrong field lowers exactly that field", () => {
    const base = f1s(scoreRecord(expectedRecord(), perfectPrediction()), "strict");
    const predicted = perfectPrediction();
    predicted.vote = { ...predicted.vote, yes: 2 };
    const score = scoreRecord(expectedRecord(), predicted);
    const after = f1s(score, "strict");
    for (const [field, f1] of Object.entries(after)) {
      expect(f1, field).toBe(field === "vote.yes" ? 0 : base[field]);
    }
    const yes = score.fields.find((f) => f.field === "vote.yes")!;
    expect(yes.strict).toEqual({ tp: 0, fp: 1, fn: 1 }); // wrong non-null: both FP and FN
    const n = score.fields.length;
    expect(macroF1(score.fields, "strict")).toBeCloseTo((n - 1) / n, 12);
  });

  it("counts a value predicted where null is expected as a false positive, a missing one as a false negative", () => {
    const predicted = perfectPrediction();
    predicted.sitting = { ...predicted.sitting, secretary: "Michel JASSEY", place: null };
    const score = scoreRecord(expectedRecord(), predicted);
    const secretary = score.fields.find((f) => f.field === "sitting.secretary")!;
    const place = score.fields.find((f) => f.field === "sitting.place")!;
    expect(secretary.strict).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(place.strict).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(fieldF1(score, "sitting.secretary", "strict")).toBe(0);
    expect(fieldF1(score, "sitting.place", "strict")).toBe(0);
    // Expected null, predicted null: nothing to find, nothing found.
    const nullOk = scoreRecord(expectedRecord(), perfectPrediction());
    expect(nullOk.fields.find((f) => f.field === "sitting.secretary")!.strict).toEqual({ tp: 0, fp: 0, fn: 0 });
    expect(fieldF1(nullOk, "sitting.secretary", "strict")).toBe(1);
  });

  it("treats a null ancestor in expected as every leaf expected null", () => {
    const score = scoreRecord({ rapporteur: null }, perfectPrediction());
    expect(score.fields.map((f) => [f.field, f.strict])).toEqual([
      ["rapporteur.name", { tp: 0, fp: 1, fn: 0 }],
      ["rapporteur.role", { tp: 0, fp: 1, fn: 0 }],
    ]);
  });

  it("scores a null prediction (no record) with every non-null expected field missed", () => {
    const score = scoreRecord(expectedRecord(), null);
    const members = score.fields.find((f) => f.field === "attendance.members")!;
    expect(members.strict).toEqual({ tp: 0, fp: 0, fn: 4 });
    expect(fieldF1(score, "number", "strict")).toBe(0);
    expect(fieldF1(score, "sitting.secretary", "strict")).toBe(1); // expected null
  });

  it("scores members as tuples, with a lenient name-only count", () => {
    const predicted = perfectPrediction();
    const members = structuredClone(predicted.attendance.members);
    members[0]!.status = "remote"; // tuple wrong, name right
    members[3]!.substitute = undefined; // substitute lost
    delete members[3]!.substitute;
    members[1]!.name = "Nicolas BODAN"; // name wrong
    members.push({ name: "Ghost MEMBER", civility: null, commune: null, status: "present" }); // extra
    predicted.attendance = { ...predicted.attendance, members };
    const score = scoreRecord(expectedRecord(), predicted);
    const f = score.fields.find((x) => x.field === "attendance.members")!;
    expect(f.strict).toEqual({ tp: 1, fp: 4, fn: 3 });
    expect(score.members).toEqual({ expected: 4, predicted: 5, matched: 1, matchedSoft: 1, names: 3 });
    expect(prf(f.strict).p).toBeCloseTo(1 / 5, 12);
    expect(prf(f.strict).r).toBeCloseTo(1 / 4, 12);
    // Only the proxy ends' resolution changes: BODIN is no longer a listed name.
    expect(score.proxies!.resolved).toBe(0);
  });

  it("scores members and proxies as multisets", () => {
    const predicted = perfectPrediction();
    const m = predicted.attendance.members[0]!;
    predicted.attendance = { ...predicted.attendance, members: [m, m, m] };
    const score = scoreRecord(expectedRecord(), predicted);
    expect(score.fields.find((x) => x.field === "attendance.members")!.strict).toEqual({ tp: 1, fp: 2, fn: 3 });
  });

  it("scores proxies as from→to pairs, ignoring their printed text", () => {
    const predicted = perfectPrediction();
    predicted.attendance = {
      ...predicted.attendance,
      proxies: [
        { from: "Thomas JAVAUX", to: "Nicolas BODIN", text: "something else" },
        { from: "T. JAVAUX", to: "Anne VIGNOT", text: "" },
      ],
    };
    const score = scoreRecord(expectedRecord(), predicted);
    expect(score.fields.find((x) => x.field === "attendance.proxies")!.strict).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(score.proxies).toEqual({ expected: 1, predicted: 2, matched: 1, matchedSoft: 1, resolved: 1 });
  });

  it("scores amounts as recall only", () => {
    const predicted = perfectPrediction();
    predicted.amounts = [{ value: 45000, currency: "EUR", label: null, text: "45 000 €" }];
    const score = scoreRecord(expectedRecord(), predicted);
    const f = score.fields.find((x) => x.field === "amounts")!;
    expect(f.strict).toEqual({ tp: 1, fp: 0, fn: 1 });
    expect(prf(f.strict, f.recallOnly).f1).toBe(0.5);
    // Extra predicted amounts cost nothing.
    expect(fieldF1(scoreRecord(expectedRecord(), perfectPrediction()), "amounts", "strict")).toBe(1);
    // Soft: within half a cent.
    predicted.amounts = [
      { value: 45000.001, currency: "EUR", label: null, text: "" },
      { value: 120000, currency: "EUR", label: null, text: "" },
    ];
    const soft = scoreRecord(expectedRecord(), predicted);
    expect(fieldF1(soft, "amounts", "strict")).toBe(0.5);
    expect(fieldF1(soft, "amounts", "soft")).toBe(1);
  });

  it("soft folds case, diacritics, whitespace, quotes, dashes and trailing punctuation; strict does not", () => {
    expect(foldText("  Actions  recherche – Soutien pour l’année 2020. ")).toBe(
      foldText("actions recherche - soutien pour l'annee 2020"),
    );
    expect(foldText("Pôle\u00a0des « Microtechniques »;")).toBe('pole des"microtechniques"');
    expect(foldText("MAGNIN - FEYSOT")).toBe(foldText("Magnin-Feysot"));
    const predicted = perfectPrediction();
    predicted.title = "ACTIONS RECHERCHE ET INNOVATION - Soutien au Pôle pour l’année 2020.";
    predicted.council = { ...predicted.council, name: "Grand Besancon Metropole" };
    predicted.rapporteur = { name: "Nicolas  BODIN", role: "Vice-Président" };
    predicted.vote = { ...predicted.vote, yes: 4 };
    const members = structuredClone(predicted.attendance.members);
    members[0]!.name = "Anne Vignot";
    predicted.attendance = {
      ...predicted.attendance,
      members,
      proxies: [{ from: "Thomas JAVAUX", to: "Nicolas BODIN", text: "" }],
    };
    const score = scoreRecord(expectedRecord(), predicted);
    for (const field of ["title", "council.name", "rapporteur.name"]) {
      expect(fieldF1(score, field, "strict"), field).toBe(0);
      expect(fieldF1(score, field, "soft"), field).toBe(1);
    }
    expect(fieldF1(score, "vote.yes", "soft")).toBe(0); // numbers stay exact
    expect(score.members).toMatchObject({ matched: 3, matchedSoft: 4, names: 4 });
    expect(macroF1(score.fields, "soft")!).toBeGreaterThan(macroF1(score.fields, "strict")!);
  });
});

describe("expected.json", () => {
  it("deep-merges `shared` under each record, the record's keys winning", () => {
    const parsed = parseExpected({
      $comment: "a register",
      family: "register",
      sources: ["../shared/corpus/x.pdf"],
      shared: {
        council: { name: "Pierrefonds", body: "Conseil municipal" },
        sitting: { date: "2022-04-12", place: "Mairie", president: "Jean DUPONT" },
        attendance: { members: [{ name: "Jean DUPONT", status: "present" }], proxies: [] },
      },
      records: [
        { number: "1", title: "Budget", sitting: { place: "Salle des fêtes" } },
        { number: "2", title: "Voirie", attendance: { members: [] }, council: null },
      ],
    });
    expect(parsed.family).toBe("register");
    expect(parsed.sources).toEqual(["../shared/corpus/x.pdf"]);
    expect(parsed.single).toBe(false);
    expect(parsed.records).toEqual([
      {
        council: { name: "Pierrefonds", body: "Conseil municipal" },
        sitting: { date: "2022-04-12", place: "Salle des fêtes", president: "Jean DUPONT" },
        attendance: { members: [{ name: "Jean DUPONT", status: "present" }], proxies: [] },
        number: "1",
        title: "Budget",
      },
      {
        council: null, // a record's null wins: "the document does not state it"
        sitting: { date: "2022-04-12", place: "Mairie", president: "Jean DUPONT" },
        attendance: { members: [], proxies: [] }, // arrays are replaced, not merged
        number: "2",
        title: "Voirie",
      },
    ]);
    // The merged records are scored as such: the shared date counts in each.
    const score = scoreRecord(parsed.records[1], { sitting: { date: "2022-04-12" } });
    expect(score.fields.find((f) => f.field === "sitting.date")!.strict).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it("reads a file without `records` as one record, and `records: []` as a negative case", () => {
    const single = parseExpected({ ...expectedRecord(), sources: ["a.pdf"], family: "intercommunal" });
    expect(single.single).toBe(true);
    expect(single.records).toHaveLength(1);
    expect(single.records[0]!["number"]).toBe("2020/005418");
    expect(single.records[0]).not.toHaveProperty("sources");
    expect(parseExpected({ shared: { number: "9" }, title: "T" }).records).toEqual([{ number: "9", title: "T" }]);
    expect(parseExpected({ records: [] })).toEqual({ family: null, sources: [], records: [], single: false, errors: [] });
    expect(() => parseExpected({ records: {} })).toThrow(/records/);
    expect(() => parseExpected([])).toThrow();
    expect(deepMerge({ a: { b: 1, c: [1] } }, { a: { c: [2] } })).toEqual({ a: { b: 1, c: [2] } });
  });

  it("derives the groups of a case from its path and family", () => {
    expect(caseGroups("real/pierrefonds/cm-2022", null)).toEqual({ category: "real", council: "real/pierrefonds", family: null });
    expect(caseGroups("real/pierrefonds/cm-2022", "commune")).toMatchObject({ family: "commune" });
    expect(caseGroups("written/register/a", null)).toEqual({ category: "written", council: null, family: "register" });
    expect(caseGroups("written/register/a", "typed")).toMatchObject({ family: "typed" });
    expect(caseGroups("negative/agenda", null)).toEqual({ category: "negative", council: null, family: "negative" });
    expect(caseGroups("grand-besancon/2020", null)).toEqual({ category: "seed", council: "grand-besancon", family: null });
    // The OCR engine's versions of a case measure OCR: scored in their own group, not the case's.
    expect(caseGroups("grand-besancon/2020", null, "source.alto.xml")).toEqual({ category: "ocr", council: null, family: null });
    expect(caseGroups("written/commune/x", "commune", "source.hocr")).toEqual({ category: "ocr", council: null, family: null });
    expect(caseGroups("grand-besancon/2020", null, "source.scan.pdf")).toEqual({ category: "ocr", council: null, family: null });
    expect(caseGroups("written/commune/x", "commune", "source.pdf")).toEqual({ category: "written", council: null, family: "commune" });
  });
});

describe("record matching", () => {
  const rec = (number: string | null, title: string | null): Record<string, unknown> => ({ number, title });

  it("pairs by number first, strictly then softly, whatever the order", () => {
    const expected = [rec("2020/05", "Budget primitif"), rec("DEL2025-02", "Voirie"), rec("3", "Subvention")];
    const predicted = [rec("3", "Tout autre chose"), rec("DEL 2025-02", "x"), rec("2020-005", "y")];
    expect(matchRecords(expected, predicted)).toEqual({
      pairs: [
        { expected: 0, predicted: 2, by: "number-soft" },
        { expected: 1, predicted: 1, by: "number-soft" },
        { expected: 2, predicted: 0, by: "number" },
      ],
      missed: [],
      extra: [],
    });
    expect(softNumberKey("n° 2020/005418")).toBe(softNumberKey("2020-5418"));
    expect(softNumberKey("2019-04-01")).not.toBe(softNumberKey("2019-04-02"));
    expect(softNumberKey(null)).toBeNull();
    // A strict match is not displaced by a soft one; among equal numbers the closer title wins.
    const dup = matchRecords(
      [rec("7", "Tarifs de la cantine scolaire"), rec("7", "Tarifs du centre de loisirs")],
      [rec("7", "Tarifs du centre de loisirs"), rec("7", "Tarifs de la cantine scolaire")],
    );
    expect(dup.pairs).toEqual([
      { expected: 0, predicted: 1, by: "number" },
      { expected: 1, predicted: 0, by: "number" },
    ]);
  });

  it("then by title similarity (Dice on word bigrams, soft-folded) above the threshold, best first", () => {
    expect(TITLE_MATCH_THRESHOLD).toBe(0.5);
    expect(titleSimilarity("Tarifs de la cantine scolaire", "TARIFS DE LA CANTINE SCOLAIRE.")).toBe(1);
    expect(titleSimilarity("Tarifs de la cantine", "Tarifs de la piscine")).toBeCloseTo(2 / 3, 12);
    expect(titleSimilarity("Budget", "budget")).toBe(1);
    expect(titleSimilarity(null, "budget")).toBe(0);
    const expected = [
      rec(null, "Approbation du compte administratif 2021"),
      rec(null, "Subvention à l'association des parents d'élèves"),
      rec(null, "Tarifs de la cantine scolaire"),
    ];
    const predicted = [
      rec("12", "Subvention a l’association des parents d’eleves"),
      rec(null, "Tarifs de la cantine scolaire pour 2022"),
      rec(null, "Approbation du compte administratif 2021 du budget annexe"),
    ];
    const m = matchRecords(expected, predicted);
    expect(m.pairs).toEqual([
      { expected: 0, predicted: 2, by: "title" },
      { expected: 1, predicted: 0, by: "title" },
      { expected: 2, predicted: 1, by: "title" },
    ]);
  });

  it("then by order among the unpaired, leaving the rest missed or extra", () => {
    const expected = [rec("1", "Alpha beta gamma"), rec(null, "Delta epsilon"), rec(null, "Zeta eta theta")];
    const predicted = [rec(null, "Un"), rec("1", "x"), rec(null, "Deux trois"), rec(null, "Quatre cinq"), rec(null, "Six")];
    const m = matchRecords(expected, predicted);
    expect(m.pairs).toEqual([
      { expected: 0, predicted: 1, by: "number" },
      { expected: 1, predicted: 0, by: "order" },
      { expected: 2, predicted: 2, by: "order" },
    ]);
    expect(m.extra).toEqual([3, 4]);
    expect(m.missed).toEqual([]);
    expect(matchRecords(expected, [rec(null, "Six")])).toEqual({
      pairs: [{ expected: 0, predicted: 0, by: "order" }],
      missed: [1, 2],
      extra: [],
    });
  });

  it("three expected records, two predicted (one missing): records recall 2/3, the missed one scored against null", () => {
    const one = { ...expectedRecord(), number: "2020/001", title: "Premier objet de la séance" };
    const two = { ...expectedRecord(), number: "2020/002", title: "Deuxième objet de la séance" };
    const three = { ...expectedRecord(), number: "2020/003", title: "Troisième objet de la séance" };
    const p1 = { ...perfectPrediction(), number: one.number, title: one.title };
    const p3 = { ...perfectPrediction(), number: three.number, title: three.title };
    const { score, matching } = scoreDocument([one, two, three], [p3, p1]);
    expect(matching).toEqual({
      pairs: [
        { expected: 0, predicted: 1, by: "number" },
        { expected: 2, predicted: 0, by: "number" },
      ],
      missed: [1],
      extra: [],
    });
    const records = score.fields.find((f) => f.field === "records")!;
    expect(records.strict).toEqual({ tp: 2, fp: 0, fn: 1 });
    expect(prf(records.strict).r).toBeCloseTo(2 / 3, 12);
    expect(prf(records.strict).p).toBe(1);
    // The missed record's fields are all false negatives; the pairs' fields all true positives.
    expect(score.fields.find((f) => f.field === "number")!.strict).toEqual({ tp: 2, fp: 0, fn: 1 });
    expect(score.members).toEqual({ expected: 12, predicted: 8, matched: 8, matchedSoft: 8, names: 8 });
    expect(score.proxies).toMatchObject({ expected: 3, predicted: 2, matched: 2 });
  });

  it("scores a negative case (records: []) on `records` alone: every predicted record is a false positive", () => {
    const none = scoreDocument([], []);
    expect(none.score.fields.map((f) => [f.field, f.strict])).toEqual([["records", { tp: 0, fp: 0, fn: 0 }]]);
    expect(macroF1(none.score.fields, "strict")).toBe(1);
    const two = scoreDocument([], [perfectPrediction(), perfectPrediction()]);
    expect(two.score.fields.map((f) => [f.field, f.strict])).toEqual([["records", { tp: 0, fp: 2, fn: 0 }]]);
    expect(two.matching.extra).toEqual([0, 1]);
    expect(macroF1(two.score.fields, "strict")).toBe(0);
    expect(two.score.members).toBeNull();
  });
});

describe("corpus run and BASELINE.md", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  function tempRepo(): string {
    const root = mkdtempSync(join(tmpdir(), "delib-eval-"));
    dirs.push(root);
    const caseDir = join(root, "corpus", "gbm", "case-1");
    mkdirSync(caseDir, { recursive: true });
    writeFileSync(join(caseDir, "source.txt"), "text");
    writeFileSync(join(caseDir, "notes.txt"), "not a source");
    writeFileSync(
      join(caseDir, "expected.json"),
      JSON.stringify({ ...expectedRecord(), sources: ["../nowhere/shared/corpus/missing.pdf"] }),
    );
    return root;
  }

  function result(records: DelibRecord[]): DocumentResult {
    return {
      path: "x",
      sha256: "0".repeat(64),
      kind: "text",
      pages: 1,
      status: "ok",
      reason: null,
      format: "test@1",
      records,
      issues: [],
      timings: {},
      text: "",
    };
  }

  it("runs every source, picks the record by number, skips missing shared sources, round-trips BASELINE.md", async () => {
    const root = tempRepo();
    const other = perfectPrediction();
    other.number = "2020/000001";
    other.title = "Other";
    const seen: string[] = [];
    const logs: string[] = [];
    const report = await runEval({
      root,
      processDocument: async (path) => {
        seen.push(path);
        return result([other, perfectPrediction()]);
      },
      log: (l) => logs.push(l),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/corpus\/gbm\/case-1\/source\.txt$/);
    expect(report.skipped).toEqual([
      { caseId: "gbm/case-1", source: "../nowhere/shared/corpus/missing.pdf", reason: "file not found" },
    ]);
    expect(logs.join("\n")).toMatch(/skipped gbm\/case-1: \.\.\/nowhere\/shared\/corpus\/missing\.pdf/);
    const [r] = report.results;
    expect(r).toMatchObject({ caseId: "gbm/case-1", source: "source.txt", status: "ok", records: 2, expectedRecords: 1 });
    // The expected record is paired with the predicted one of the same number (the second); the
    // other one is an extra record: a false positive of `records`, and nothing else.
    expect(r!.matching).toEqual({ pairs: [{ expected: 0, predicted: 1, by: "number" }], missed: [], extra: [0] });
    const recordsField = r!.score.fields.find((f) => f.field === "records")!;
    expect(recordsField.strict).toEqual({ tp: 1, fp: 1, fn: 0 });
    for (const f of r!.score.fields) if (f.field !== "records") expect(prf(f.strict, f.recallOnly).f1, f.field).toBe(1);
    const n = r!.score.fields.length;
    expect(r!.macroStrict).toBeCloseTo((n - 1 + 2 / 3) / n, 12);
    expect(r!.schemaErrors).toBe(0);

    const md = renderBaseline(report);
    expect(md).toBe(renderBaseline(report)); // deterministic
    expect(md).toMatch(
      /\| gbm\/case-1 \| source\.txt \| ok \| 1\/1 \(\+1\) \| number 1 \| 0\.99\d \| 0\.99\d \| 4\/4 \| 4\/4 \| 1\/1 \| 1\/1 \| valid \|/,
    );
    expect(md).toMatch(/## Skipped sources/);
    expect(md).toMatch(/^Fields below 0\.85 \(strict F1\): records 0\.667 \(soft 0\.667\)\.$/m);
    const parsed = parseBaseline(md);
    expect(parsed).toEqual([
      {
        caseId: "gbm/case-1",
        source: "source.txt",
        macroStrict: Number(r!.macroStrict!.toFixed(3)),
        macroSoft: Number(r!.macroSoft!.toFixed(3)),
        members: { matched: 4, expected: 4 },
        memberNames: { matched: 4, expected: 4 },
        proxies: { matched: 1, expected: 1 },
        records: { matched: 1, expected: 1, extra: 1 },
      },
    ]);
    expect(compareToBaseline(report.results.map(rowOf), parsed)).toEqual([]);

    // A worse run regresses against it.
    const worse = perfectPrediction();
    worse.attendance = { ...worse.attendance, proxies: [] };
    const worseReport = await runEval({ root, processDocument: async () => result([other, worse]) });
    const regressions = compareToBaseline(worseReport.results.map(rowOf), parsed);
    expect(regressions.map((x) => x.figure)).toEqual(["macro F1 strict", "macro F1 soft", "proxies"]);

    // A document that throws scores as no record, and does not stop the run.
    const failing = await runEval({
      root,
      processDocument: async () => {
        throw new Error("boom");
      },
    });
    expect(failing.results[0]).toMatchObject({ status: "error", records: 0, message: "boom", schemaErrors: null });
    expect(failing.results[0]!.matching).toEqual({ pairs: [], missed: [0], extra: [] });
    expect(failing.results[0]!.macroStrict).toBeLessThan(0.2);
  });

  /** A corpus of every kind: real (listed sources), written, negative and seed cases. */
  function mixedRepo(): string {
    const root = mkdtempSync(join(tmpdir(), "delib-eval-mixed-"));
    dirs.push(root);
    const write = (rel: string, content: unknown): void => {
      const file = join(root, rel);
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    };
    const rec = (number: string, title: string): Record<string, unknown> => ({ number, title, vote: { outcome: "adopted" } });
    write("shared-docs/pierrefonds-cm.pdf", "pdf");
    write("corpus/real/pierrefonds/cm-2022/expected.json", {
      family: "commune",
      sources: ["shared-docs/pierrefonds-cm.pdf", "shared-docs/absent.pdf"],
      shared: { council: { name: "Pierrefonds" } },
      records: [rec("1", "Budget primitif"), rec("2", "Tarifs de la cantine"), rec("3", "Voirie communale")],
    });
    write("corpus/written/register/reg-1/expected.json", { records: [rec("A", "Alpha"), rec("B", "Beta")] });
    write("corpus/written/register/reg-1/source.txt", "register");
    write("corpus/negative/agenda/expected.json", { records: [] });
    write("corpus/negative/agenda/source.txt", "agenda");
    write("corpus/negative/annex/expected.json", { records: [] });
    write("corpus/negative/annex/source.txt", "annex");
    write("corpus/grand-besancon/seed/expected.json", rec("S", "Seed"));
    write("corpus/grand-besancon/seed/source.txt", "seed");
    write("corpus/written/register/being-written/expected.json", "{ \"records\": [");
    return root;
  }

  /** What the stub pipeline gives, by the text of the source. */
  function stub(path: string): DelibRecord[] {
    const text = readFileSync(path, "utf8");
    const pred = (number: string, title: string): DelibRecord => ({
      ...perfectPrediction(),
      council: { name: "Pierrefonds", body: null },
      number,
      title,
      vote: { ...perfectPrediction().vote, outcome: "adopted" },
    });
    if (text === "pdf") return [pred("3", "Voirie communale"), pred("1", "Budget primitif")]; // record 2 missed
    if (text === "register") return [pred("A", "Alpha"), pred("B", "Beta")];
    if (text === "agenda") return [];
    if (text === "annex") return [pred("X", "Annexe budgétaire")]; // a false positive
    return [pred("S", "Seed")];
  }

  it("finds cases at any depth, runs them concurrently with a deterministic report, and tables the groups", async () => {
    const root = mixedRepo();
    const logs: string[] = [];
    let running = 0;
    let most = 0;
    const delays = [30, 5, 20, 1, 10, 15];
    let call = 0;
    const report = await runEval({
      root,
      concurrency: 3,
      log: (l) => logs.push(l),
      processDocument: async (path) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, delays[call++ % delays.length]));
        running--;
        if (readFileSync(path, "utf8") === "annex") throw new Error("cannot read");
        return result(stub(path));
      },
    });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
    expect(report.results.map((r) => `${r.caseId} ${r.source}`)).toEqual([
      "grand-besancon/seed source.txt",
      "negative/agenda source.txt",
      "negative/annex source.txt",
      "real/pierrefonds/cm-2022 shared-docs/pierrefonds-cm.pdf",
      "written/register/reg-1 source.txt",
    ]);
    expect(report.skipped.map((s) => `${s.caseId} ${s.source} ${s.reason}`)).toEqual([
      "real/pierrefonds/cm-2022 shared-docs/absent.pdf file not found",
      expect.stringMatching(/^written\/register\/being-written expected\.json unreadable: /),
    ]);
    expect(logs.filter((l) => !l.startsWith("skipped"))).toEqual(["negative/annex source.txt: error: cannot read"]);

    const real = report.results[3]!;
    expect(real.matching.missed).toEqual([1]);
    expect(rowOf(real).records).toEqual({ matched: 2, expected: 3, extra: 0 });
    const recordsOf = (i: number) => report.results[i]!.score.fields.find((f) => f.field === "records")!.strict;
    expect(recordsOf(1)).toEqual({ tp: 0, fp: 0, fn: 0 });
    expect(recordsOf(2)).toEqual({ tp: 0, fp: 0, fn: 0 }); // it threw: no record (status error)
    expect(report.results[2]!.status).toBe("error");

    const groups = report.groups.map((g) => [g.kind, g.name, g.cases, g.sources, g.records]);
    expect(groups).toEqual([
      ["council", "grand-besancon", 1, 1, { matched: 1, expected: 1, extra: 0 }],
      ["council", "real/pierrefonds", 1, 1, { matched: 2, expected: 3, extra: 0 }],
      ["family", "commune", 1, 1, { matched: 2, expected: 3, extra: 0 }],
      ["family", "negative", 2, 2, { matched: 0, expected: 0, extra: 0 }],
      ["family", "register", 1, 1, { matched: 2, expected: 2, extra: 0 }],
      ["overall", "real", 1, 1, { matched: 2, expected: 3, extra: 0 }],
      ["overall", "written", 1, 1, { matched: 2, expected: 2, extra: 0 }],
      ["overall", "negative", 2, 2, { matched: 0, expected: 0, extra: 0 }],
      ["overall", "seed", 1, 1, { matched: 1, expected: 1, extra: 0 }],
      ["overall", "ocr", 0, 0, { matched: 0, expected: 0, extra: 0 }],
    ]);
    const group = (name: string) => report.groups.find((g) => g.name === name && g.kind !== "family")!;
    expect(group("seed").macroStrict).toBe(1);
    expect(group("written").macroStrict).toBe(1);
    // real: records F1 = 0.8 (P 1, R 2/3); number, title, vote.outcome and council.name each 2 of 3 (R 2/3, F1 0.8).
    expect(group("real/pierrefonds").macroStrict).toBeCloseTo(0.8, 12);
    expect(group("real").macroStrict).toBeCloseTo(0.8, 12);

    // The same run, one at a time, gives the same report.
    const serial = await runEval({ root, concurrency: 1, processDocument: async (path) => {
      if (readFileSync(path, "utf8") === "annex") throw new Error("cannot read");
      return result(stub(path));
    } });
    const md = renderBaseline(report);
    expect(renderBaseline(serial)).toBe(md);

    expect(md).toContain("| group | kind | cases | sources | records | macro F1 strict | macro F1 soft |");
    expect(md).toContain("| real/pierrefonds | council | 1 | 1 | 2/3 | 0.800 | 0.800 |");
    expect(md).toContain("| negative | family | 2 | 2 | 0/0 | 1.000 | 1.000 |");
    expect(md).toContain("| seed | overall | 1 | 1 | 1/1 | 1.000 | 1.000 |");
    expect(md).toMatch(/\| real\/pierrefonds\/cm-2022 \| shared-docs\/pierrefonds-cm\.pdf \| ok \| 2\/3 \| number 2 \| /);
    // council.name is shared by the real case only (its missed record costs it 1 of 3): 0.8.
    expect(md).toContain("\nFields below 0.85 (strict F1): council.name 0.800 (soft 0.800).\n");
    expect(weakFieldsLine({ fields: report.fields.filter((f) => f.field !== "council.name") })).toBe(
      "Fields below 0.85 (strict F1): none.",
    );

    // A negative case that yields a record: 0/0 (+1), F1 0, and a weak `records` field.
    const fp = await runEval({ root, processDocument: async (path) => result(stub(path)) });
    const annex = fp.results.find((r) => r.caseId === "negative/annex")!;
    expect(rowOf(annex).records).toEqual({ matched: 0, expected: 0, extra: 1 });
    expect(annex.macroStrict).toBe(0);
    const fpMd = renderBaseline(fp);
    expect(fpMd).toMatch(/\| negative\/annex \| source\.txt \| ok \| 0\/0 \(\+1\) \| – \| 0\.000 \| 0\.000 \|/);
    expect(fpMd).toContain("| negative | overall | 2 | 2 | 0/0 (+1) | 0.000 | 0.000 |");

    // BASELINE.md round-trip: no regression against itself; a vanished row is only reported missing,
    // a new row is no regression; the FP regresses the negative row.
    const parsed = parseBaseline(md);
    expect(parsed).toHaveLength(5);
    expect(parsed.find((r) => r.caseId === "real/pierrefonds/cm-2022")!.records).toEqual({ matched: 2, expected: 3, extra: 0 });
    expect(compareToBaseline(report.results.map(rowOf), parsed)).toEqual([]);
    const withGhost = [...parsed, { ...parsed[0]!, caseId: "real/gone/case" }];
    const fewer = report.results.filter((r) => r.caseId !== "written/register/reg-1").map(rowOf);
    expect(compareToBaseline(fewer, withGhost)).toEqual([]);
    expect(missingFromRun(fewer, withGhost).map((r) => r.caseId)).toEqual(["written/register/reg-1", "real/gone/case"]);
    expect(compareToBaseline(report.results.map(rowOf), parsed.slice(0, 2))).toEqual([]);
    expect(compareToBaseline(fp.results.map(rowOf), parsed).map((r) => `${r.caseId} ${r.figure}`)).toEqual([
      "negative/annex macro F1 strict",
      "negative/annex macro F1 soft",
    ]);
  });

  it("parses only the per-case table and tolerates unknown columns", () => {
    const md = [
      "# x",
      "| case | source | extra | macro F1 strict | macro F1 soft | members | proxies |",
      "|---|---|---|---|---|---|---|",
      "| a/b | source.pdf | ? | 0.812 | 0.900 | 10/12 | – |",
      "",
      "| field | P | R | F1 strict | F1 soft | support |",
      "|---|---|---|---|---|---|",
      "| number | 1.000 | 1.000 | 1.000 | 1.000 | 1 |",
    ].join("\n");
    expect(parseBaseline(md)).toEqual([
      {
        caseId: "a/b",
        source: "source.pdf",
        macroStrict: 0.812,
        macroSoft: 0.9,
        members: { matched: 10, expected: 12 },
        memberNames: null,
        proxies: null,
        records: null,
      },
    ]);
  });
});

describe("regression guard: the real corpus against corpus/BASELINE.md", () => {
  const root = packageRoot;
  const baselineFile = join(root, "corpus", "BASELINE.md");
  const hasBaseline = existsSync(baselineFile);
  if (!hasBaseline) {
    // eslint-disable-next-line no-console
    console.warn(
      `regression guard skipped: ${baselineFile} does not exist yet (run \`npm run build && npm run eval\` once the pipeline works)`,
    );
  }

  // One run of the corpus serves both guards below.
  let corpusRun: ReturnType<typeof runEval> | undefined;
  const notes: string[] = [];
  const corpusReport = (): ReturnType<typeof runEval> => (corpusRun ??= runEval({ root, log: (l) => notes.push(l) }));

  it.skipIf(!hasBaseline)(
    "no case scores below the committed baseline",
    async () => {
      const baseline = parseBaseline(readFileSync(baselineFile, "utf8"));
      const report = await corpusReport();
      for (const n of notes) console.warn(`eval: ${n}`);
      const regressions = compareToBaseline(report.results.map(rowOf), baseline);
      const lines = regressions.map(
        (r) => `${r.caseId} ${r.source}: ${r.figure} ${r.current} < baseline ${r.baseline}`,
      );
      expect(lines).toEqual([]);
    },
    600_000,
  );

  it.skipIf(!hasBaseline)(
    "the unmutated corpus raises exactly the error-severity issues its expected.json lists",
    async () => {
      const report = await corpusReport();
      const lines = report.results.flatMap((r) => r.unexpectedErrors.map((m) => `${r.caseId} ${r.source}: ${m}`));
      expect(lines).toEqual([]);
    },
    600_000,
  );
});
