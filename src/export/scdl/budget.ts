import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rulesDir } from "../../paths.js";

interface BudgetRules {
  budgetYear: { pattern: string; examples: Array<{ text: string; year: string }>; counterExamples: string[] };
}

/** Where the budget rule lives. */
export const BUDGET_RULES_FILE = join(rulesDir, "scdl", "budget.json");

let cached: { regex: RegExp; rules: BudgetRules } | undefined;

/** The rule (rules/scdl/budget.json) and its compiled pattern. */
export function budgetRules(): { regex: RegExp; rules: BudgetRules } {
  if (cached === undefined) {
    const rules = JSON.parse(readFileSync(BUDGET_RULES_FILE, "utf8")) as BudgetRules;
    cached = { rules, regex: new RegExp(rules.budgetYear.pattern, "u") };
  }
  return cached;
}

/** The year of the budget a budget line names ("BP 2020 …" → "2020"), or null when it names none. */
export function budgetYear(line: string): string | null {
  return budgetRules().regex.exec(line)?.[1] ?? null;
}
