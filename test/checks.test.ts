import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";
import { packageRoot } from "../src/paths.js";
import { runChecks } from "../src/check/run.js";
import type { DelibRecord } from "../src/model/record.js";

const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31", "source.txt");
const seed = (await processDocument(SEED)).records[0] as DelibRecord;
const clone = (): DelibRecord => JSON.parse(JSON.stringify(seed)) as DelibRecord;
const ids = (r: DelibRecord): string[] => runChecks(r).map((i) => i.ruleId);

describe("consistency checks", () => {
  it("the seed passes every check; its only issue is the expected initial mismatch", () => {
    expect(ids(seed)).toEqual([]);
    expect(seed.issues.map((i) => i.ruleId)).toEqual(["name.initial-mismatch"]);
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
    expect(ids(r)).toEqual(["proxy.holder-limit"]);
  });
  it("every check's ruleId is listed in the README", () => {
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    for (const id of ["attendance.partition", "vote.exceeds-voters", "vote.unanimity-contradicted", "vote.outcome-contradicted", "proxy.presence", "proxy.holder-limit"]) expect(readme).toContain(id);
  });
});
