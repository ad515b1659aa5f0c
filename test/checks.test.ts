import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";
import { packageRoot } from "../src/paths.js";
import { CHECKS, runChecks } from "../src/check/run.js";
import { numberYear } from "../src/check/number-year.js";
import type { DelibRecord } from "../src/model/record.js";

const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.txt");
const seed = (await processDocument(SEED)).records[0] as DelibRecord;
const clone = (): DelibRecord => JSON.parse(JSON.stringify(seed)) as DelibRecord;
const ids = (r: DelibRecord): string[] => runChecks(r).map((i) => i.ruleId);

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
    expect(seed.issues.map((i) => i.ruleId)).toEqual(["name.initial-mismatch", "annex.duplicate"]);
    expect(seed.issues[0]?.message).toContain("F. BARBAROSSA");
  });
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
  it("every check's ruleId is listed in the README", () => {
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    for (const check of CHECKS) expect(readme, check.meta.id).toContain(`\`${check.meta.id}\``);
  });
});
