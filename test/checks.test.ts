import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";
import { packageRoot } from "../src/paths.js";
import { CHECKS, runChecks } from "../src/check/run.js";
import { checkFindings, formatMessage } from "../src/check/check.js";
import { numberYear } from "../src/check/number-year.js";
import type { DelibRecord } from "../src/model/record.js";

const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.txt");
const seed = (await processDocument(SEED)).records[0] as DelibRecord;
const clone = (): DelibRecord => JSON.parse(JSON.stringify(seed)) as DelibRecord;
const ids = (r: DelibRecord): string[] => runChecks(r).map((i) => i.ruleId);
/** "ruleId/messageId" of every finding: which check fired, and which of its messages. */
const messageIds = (r: DelibRecord): string[] => CHECKS.flatMap((c) => checkFindings(c, r).map((f) => `${c.meta.id}/${f.messageId}`));

describe("consistency checks", () => {
  it("budget.operation-exceeds-planned fires when the operation costs more than the budget line holds", () => {
    const r = clone();
    expect(r.budget).toMatchObject({ planned: 120000, operation: 45000 });
    if (r.budget !== null) r.budget.operation = 150000;
    expect(ids(r)).toEqual(["budget.operation-exceeds-planned"]);
    expect(runChecks(r)[0]?.message).toBe("Expected an operation of at most the 120000 € budgeted, got 150000 €");
  });
  it("date.number-year-mismatch fires when a dated number names another year than its sitting", () => {
    const r = clone();
    expect(r.number).toBe("2020/005418");
    r.sitting.date = "2021-11-09";
    expect(ids(r)).toEqual(["date.number-year-mismatch"]);
    r.number = "1234/5"; // no year: not checked
    expect(ids(r)).toEqual([]);
  });
  it("reads the year a deliberation number opens with", () => {
    expect(["2022.00022", "2019-04-01", "DEL2025-02", "D 2024-23", "2026_004", "1234/5", "17", "2015.11.23-2A"].map((n) => numberYear(n))).toEqual([2022, 2019, 2025, 2024, 2026, null, null, 2015]);
  });
  it("the seed passes every check; its only issue is the expected initial mismatch", () => {
    expect(ids(seed)).toEqual([]);
    // Besides, one info: its convention and annexes are printed twice (annex.duplicate).
    expect(seed.issues.map((i) => i.ruleId)).toEqual(["annex.duplicate", "name.initial-mismatch"]);
    expect(seed.issues[1]?.message).toContain("F. BARBAROSSA");
  });
  it.each(["source.txt", "source.pdf", "source.alto.xml", "source.hocr"])("the seed's %s: every check passes, one warning (F. BARBAROSSA)", async (file) => {
    const result = await processDocument(join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", file));
    expect(result.records).toHaveLength(1);
    const record = result.records[0] as DelibRecord;
    const notInfo = [...result.issues, ...record.issues].filter((i) => i.severity !== "info");
    expect(notInfo.map((i) => i.ruleId)).toEqual(["name.initial-mismatch"]);
    expect(notInfo[0]?.message).toContain('"F. BARBAROSSA"');
    expect(record.prefecture).toBeNull(); // the seed prints no stamp
  }, 60_000);
  it("attendance.partition fires when a member drops out of a list", () => {
    const r = clone();
    r.attendance.counts.present = 64;
    expect(ids(r)).toEqual(["attendance.partition"]);
  });
  it("vote.exceeds-voters fires above the voters and above the members in office", () => {
    const r = clone();
    r.vote.yes = 118; // 118 + 3 not voting > 65 on site + 3 remote without proxy + 52 proxies
    expect(ids(r)).toEqual(["vote.exceeds-voters"]);
    r.vote.yes = 200;
    expect(runChecks(r)[0]?.message).toMatch(/^Expected at most 123 votes/u);
  });
  it("vote.unanimity-contradicted fires on a vote against a unanimous decision", () => {
    const r = clone();
    r.vote.no = 1;
    r.vote.yes = 113;
    expect(ids(r)).toEqual(["vote.unanimity-contradicted"]);
  });
  it("vote.outcome-contradicted fires when the outcome disagrees with the counts", () => {
    const r = clone();
    r.vote.outcome = "rejected";
    expect(ids(r)).toEqual(["vote.outcome-contradicted"]);
  });
  it("proxy.presence fires for a giver on site and a holder not on site", () => {
    const r = clone();
    const p = r.attendance.proxies[0];
    if (p === undefined) throw new Error("seed has proxies");
    p.to = "Marie-Jeanne BERNABEU"; // remote
    expect(ids(r)).toEqual(["proxy.presence"]);
    p.to = "Christian MAGNIN-FEYSOT";
    p.from = "Françoise GALLIOU"; // present
    expect(ids(r)).toContain("proxy.presence");
  });
  it("proxy.holder-limit allows two proxies in 2020, one in 2019", () => {
    const r = clone();
    const [a, b] = r.attendance.proxies;
    if (a === undefined || b === undefined) throw new Error("seed has proxies");
    b.to = a.to;
    expect(ids(r)).toEqual([]);
    r.sitting.date = "2019-11-09";
    r.number = "2019/005418"; // the number names its sitting's year
    expect(ids(r)).toEqual(["proxy.holder-limit"]);
  });
  it("name.unresolved fires for a proxy end, a proxy holder or a rapporteur nobody listed is", () => {
    const r = clone();
    expect(r.rapporteur?.name).toBe("Nicolas BODIN");
    const p = r.attendance.proxies[0];
    if (p === undefined) throw new Error("seed has proxies");
    p.to = "J. FALIVEL";
    expect(messageIds(r)).toEqual(["name.unresolved/proxyEnd"]);
    expect(runChecks(r)[0]?.message).toBe('Expected "J. FALIVEL" (attendance.proxies.0.to) among the listed members and substitutes, got no match; kept as printed');
    const s = clone();
    if (s.rapporteur !== null) s.rapporteur.name = "N. BODIN"; // initials fit: resolved
    expect(messageIds(s)).toEqual([]);
    if (s.rapporteur !== null) s.rapporteur.name = "Nicolas BODEN-MARTIN";
    expect(messageIds(s)).toEqual(["name.unresolved/rapporteur"]);
    s.attendance.members = []; // nobody listed: nothing to resolve against
    expect(messageIds(s).filter((m) => m.startsWith("name."))).toEqual([]);
  });
  it("attendance.count-mismatch fires when a printed count disagrees with the names listed", () => {
    const r = clone();
    // The seed prints "123" members in office; its present count is worked out from the list (provenance: the list).
    expect(r.provenance["attendance.counts.inOffice"]?.text).toBe("123");
    expect(r.provenance["attendance.counts.present"]?.text).toMatch(/^Etaient présents/u);
    const i = r.attendance.members.findIndex((m) => m.status === "present" && !r.attendance.proxies.some((p) => p.to === m.name));
    r.attendance.members.splice(i, 1); // a member dropped from the present list
    expect(messageIds(r)).toEqual(["attendance.count-mismatch/inOffice"]);
    // Had the document printed "Présents : 65", the present list would be checked against it too.
    const prov = r.provenance["attendance.counts.present"];
    if (prov !== undefined) prov.text = "65";
    expect(messageIds(r)).toEqual(["attendance.count-mismatch/members", "attendance.count-mismatch/inOffice"]);
    expect(runChecks(r)[0]?.message).toBe("Expected the present list to hold the 65 members printed, got 64 names");
    const s = clone();
    s.attendance.proxies.pop();
    const proxies = s.provenance["attendance.counts.proxies"];
    if (proxies !== undefined) proxies.text = "52";
    expect(messageIds(s)).toEqual(["attendance.count-mismatch/proxies"]);
  });
  it("every check's message ids name templates whose slots it fills", () => {
    for (const c of CHECKS) {
      expect(Object.keys(c.meta.messages).length, c.meta.id).toBeGreaterThan(0);
      for (const t of Object.values(c.meta.messages)) expect(t, c.meta.id).toMatch(/^Expected /u);
    }
    expect(formatMessage("Expected {{a}}, got {{b}}", { a: 1, b: "x" })).toBe("Expected 1, got x");
    expect(() => formatMessage("Expected {{a}}", {})).toThrow(/names \{\{a\}\}/u);
  });
  it("every check's ruleId is listed in the README", () => {
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    for (const check of CHECKS) expect(readme, check.meta.id).toContain(`\`${check.meta.id}\``);
  });
});
