import { describe, expect, it } from "vitest";
import { MIN_CAUGHT } from "../src/eval/mutation-target.js";
import { renderMutationReport, runMutations, type MutationReport } from "../src/eval/mutation-run.js";
import { MUTATIONS } from "../src/eval/mutations/index.js";
import type { Mutation } from "../src/eval/mutations/mutation.js";

/** Every corpus case, every kind of inconsistency: the pipeline runs once per mutant (~1–3 min on 2 cores). */
const MUTATION_RUN_MS = 900_000;
const SEED = (caseId: string): boolean => caseId === "grand-besancon/2020-11-09-rapport-31";

describe("mutation test of the consistency checks", () => {
  it("a mutant that changes nothing is not caught (the harness can say no)", async () => {
    const unchanged: Mutation = { kind: "no change", caughtBy: ["vote.exceeds-voters"], make: (text) => [{ kind: "no change", record: 0, change: "none", text }] };
    const report = await runMutations({ mutations: [unchanged], only: SEED });
    expect(report.results.map((r) => [r.caught, r.raised])).toEqual([[false, []]]);
  }, 60_000);

  it("makes the seed's mutants where its record holds what each check reads", async () => {
    const report = await runMutations({ only: SEED });
    expect(report.results.map((r) => `${r.kind}: ${r.change} → ${r.raised.join(", ")}`)).toEqual([
      'vote raised above the voters: "114" → "182" (vote.yes of record #0) → vote.exceeds-voters',
      'votes against a unanimous vote: "0" → "2" (vote.no of record #0) → vote.unanimity-contradicted',
      // 123 members in office printed, 122 listed; the present count is worked out from the list, so the partition breaks too.
      'member dropped from a list: "Mme Maryse VIPREY" removed (attendance.members.64) → attendance.count-mismatch, attendance.partition',
      expect.stringMatching(/^proxy to a member not on site: ".+" → ".+" \(T\. JAVAUX à C\. MAGNIN-FEYSOT\) → proxy\.presence$/u),
      'operation above its budget: "45 000" → "240 000" (budget.operation of record #0) → budget.operation-exceeds-planned',
      'budget line changed: "482 812" → first digit 5 (budgetTables.0.rows.0 of record #0) → budget.table-sum',
      'budget line changed: "101 514" → first digit 2 (budgetTables.1.rows.0 of record #0) → budget.table-sum',
      expect.stringMatching(/^sitting date changed: ".*2020.*" → year 2021 \(sitting\.date of record #0\) → .*date\.number-year-mismatch/u),
    ]);
  }, 120_000);

  let report: MutationReport | undefined;
  it(`the checks catch at least ${MIN_CAUGHT * 100} % of the inconsistencies injected into the corpus`, async () => {
    report = await runMutations();
    console.warn(renderMutationReport(report));
    for (const m of MUTATIONS) expect(report.kinds.find((k) => k.kind === m.kind)?.mutants, m.kind).toBeGreaterThan(0);
    expect(report.rate).not.toBeNull();
    expect(report.rate ?? 0).toBeGreaterThanOrEqual(MIN_CAUGHT);
  }, MUTATION_RUN_MS);
});
