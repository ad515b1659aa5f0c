import { describe, expect, it } from "vitest";
import { validateDocumentLine, validateIssueLine, validateRecord } from "../src/contract/validate.js";
import type { DelibRecord } from "../src/model/record.js";

const SHA = "0123456789abcdef".repeat(4);

/** A minimal, well-formed record built by hand. */
function minimalRecord(): DelibRecord {
  return {
    schemaVersion: "1",
    id: `${SHA.slice(0, 16)}#0`,
    source: { path: "corpus/x/y/source.txt", sha256: SHA, kind: "text", pages: 3 },
    format: "grand-besancon/2020@1",
    council: { name: "Grand Besançon Métropole", body: "Conseil de Communauté" },
    sitting: {
      date: "2020-11-09",
      place: null,
      president: "Anne VIGNOT",
      secretary: null,
      openedAt: "18:10",
      closedAt: null,
      membersInOffice: 123,
    },
    number: "2020/005418",
    report: "31",
    title: "Soutien au fonctionnement du Pôle des Microtechniques",
    rapporteur: { name: "Nicolas BODIN", role: "Vice-Président" },
    commission: null,
    budget: null,
    amounts: [{ value: 45000, currency: "EUR", label: null, text: "45 000 €" }],
    vote: { yes: 114, no: 0, abstain: 0, notVoting: 3, unanimous: true, outcome: "adopted", named: { no: [], abstain: [], notVoting: [] } },
    attendance: {
      counts: { inOffice: 123, present: 65, remote: 40, absent: 18, proxies: 52, voters: null },
      members: [
        { name: "Thomas JAVAUX", civility: "M.", commune: "Amagney", status: "remote", proxyTo: "Christian MAGNIN-FEYSOT" },
        {
          name: "Jacques ADRIANSEN",
          civility: "M.",
          commune: "Roset-Fluans",
          status: "present",
          substitute: { name: "Dominique LHOMME", civility: "M." },
        },
        { name: "Christian MAGNIN-FEYSOT", civility: null, commune: null, status: "present" },
      ],
      proxies: [{ from: "Thomas JAVAUX", to: "Christian MAGNIN-FEYSOT", text: "T. JAVAUX à C. MAGNIN-FEYSOT" }],
    },
    signatory: null,
    annexes: [{ title: "Annexe 2", page: 9, duplicateOf: null, similarity: null }],
    prefecture: null,
    budgetTables: [{ title: "Dépenses", rows: [{ label: "Personnel", value: 482812, text: "482 812", kind: "line", group: null }, { label: "TOTAL", value: 482812, text: "482 812", kind: "total", group: null }], total: 482812 }],
    provenance: { number: { page: 1, start: 5120, end: 5131, text: "2020/005418" } },
    confidence: { number: 0.99 },
    issues: [
      { severity: "warning", ruleId: "proxy.name-initial-mismatch", message: "F. BARBAROSSA", place: { page: 2, start: 1, end: 5 } },
      { severity: "info", ruleId: "x.y", message: "no place", place: null },
    ],
  };
}

function mutate(f: (r: Record<string, any>) => void): unknown {
  const r = structuredClone(minimalRecord()) as unknown as Record<string, any>;
  f(r);
  return r;
}

describe("record schema", () => {
  it("accepts a well-formed record", () => {
    const result = validateRecord(minimalRecord());
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("accepts extra top-level fields (the contract says: add fields freely)", () => {
    expect(validateRecord(mutate((r) => (r["extra"] = { anything: 1 }))).ok).toBe(true);
  });

  it("rejects a record without the number key", () => {
    const result = validateRecord(mutate((r) => delete r["number"]));
    expect(result.ok).toBe(false);
    expect(result.errors.join("\n")).toMatch(/number/);
  });

  it("rejects a bad member status", () => {
    const result = validateRecord(mutate((r) => (r["attendance"].members[0].status = "excused")));
    expect(result.ok).toBe(false);
    expect(result.errors.join("\n")).toMatch(/\/attendance\/members\/0\/status/);
  });

  it("rejects a bad issue severity, vote outcome and source kind", () => {
    expect(validateRecord(mutate((r) => (r["issues"][0].severity = "fatal"))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["vote"].outcome = "adopté"))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["source"].kind = "docx"))).ok).toBe(false);
  });

  it("rejects provenance without text", () => {
    const result = validateRecord(mutate((r) => delete r["provenance"].number.text));
    expect(result.ok).toBe(false);
    expect(result.errors.join("\n")).toMatch(/provenance\/number/);
  });

  it("rejects typos inside known objects, bad ids, dates, times and confidences", () => {
    expect(validateRecord(mutate((r) => (r["vote"].abstention = 0))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["attendance"].members[0].comune = "X"))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["id"] = "ABC#0"))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["sitting"].date = "09/11/2020"))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["sitting"].openedAt = "18h10"))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["confidence"].number = 1.5))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["vote"].yes = -1))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["schemaVersion"] = "2"))).ok).toBe(false);
    expect(validateRecord(mutate((r) => (r["budgetTables"][0].rows[0].kind = "sum"))).ok).toBe(false);
  });
});

describe("documents.jsonl and issues.jsonl lines", () => {
  const issue = { severity: "error", ruleId: "load.encrypted", message: "a.pdf: encrypted", place: null } as const;

  it("accepts well-formed lines", () => {
    expect(
      validateDocumentLine({
        path: "a.pdf",
        sha256: SHA,
        kind: "pdf",
        pages: 12,
        status: "ok",
        reason: null,
        format: "grand-besancon/2020@1",
        records: 3,
        timings: { load: 12.5 },
        issues: [],
      }),
    ).toEqual({ ok: true, errors: [] });
    expect(
      validateDocumentLine({
        path: "b.pdf",
        sha256: SHA,
        kind: null,
        pages: 0,
        status: "failed",
        reason: "b.pdf: encrypted",
        format: null,
        records: 0,
        timings: null,
        issues: [issue],
      }).ok,
    ).toBe(true);
    expect(validateIssueLine({ ...issue, path: "b.pdf", record: null }).ok).toBe(true);
    expect(validateIssueLine({ ...issue, path: "b.pdf", record: `${SHA.slice(0, 16)}#2` }).ok).toBe(true);
  });

  it("rejects bad lines", () => {
    const ok = {
      path: "a.pdf",
      sha256: SHA,
      kind: "pdf",
      pages: 1,
      status: "ok",
      reason: null,
      format: null,
      records: 1,
      issues: [],
    };
    expect(validateDocumentLine(ok).ok).toBe(true);
    expect(validateDocumentLine({ ...ok, status: "done" }).ok).toBe(false);
    expect(validateDocumentLine({ ...ok, records: [] }).ok).toBe(false);
    expect(validateDocumentLine({ ...ok, status: "failed" }).ok).toBe(false); // failed needs a reason
    expect(validateDocumentLine({ ...ok, timings: { load: "fast" } }).ok).toBe(false);
    expect(validateDocumentLine({ ...ok, issues: [{ ...issue, severity: "fatal" }] }).ok).toBe(false);
    expect(validateIssueLine({ ...issue, path: "a.pdf" }).ok).toBe(false); // record key missing
    expect(validateIssueLine({ ...issue, path: "a.pdf", record: "nope" }).ok).toBe(false);
    expect(validateIssueLine({ ...issue, path: "a.pdf", record: null, place: { page: 1, start: 0 } }).ok).toBe(false);
  });
});
