import { compilePattern, mergeById } from "./compile.js";
import type { BoundaryRule, BudgetTableRules } from "./types.js";
import type { Compiled } from "./format.js";

/** The kinds of budget-table rules (rules "budgetTables"), each a list. */
const KINDS = ["titles", "rows", "totals", "subtotals", "groups", "columns"] as const;
type Kind = (typeof KINDS)[number];

/** Budget-table rules ready to run, each kind a list of compiled rules. */
export type CompiledBudgetTableRules = Record<Kind, Compiled<BoundaryRule>[]>;

/** The budget-table rules of a chain of rule files (most general first): a child's rule replaces the parent's of the same id. */
export function budgetTableRules(ordered: ReadonlyArray<{ budgetTables?: BudgetTableRules }>, macros: Readonly<Record<string, string>>): CompiledBudgetTableRules {
  const merged: Record<Kind, BoundaryRule[]> = { titles: [], rows: [], totals: [], subtotals: [], groups: [], columns: [] };
  for (const file of ordered) for (const kind of KINDS) merged[kind] = mergeById(merged[kind], file.budgetTables?.[kind]);
  const compile = (rules: BoundaryRule[]): Compiled<BoundaryRule>[] => rules.map((rule) => ({ rule, regex: compilePattern(rule.pattern, rule.flags, macros, rule.id) }));
  return { titles: compile(merged.titles), rows: compile(merged.rows), totals: compile(merged.totals), subtotals: compile(merged.subtotals), groups: compile(merged.groups), columns: compile(merged.columns) };
}

/** Every rule of a compiled set, for running their examples. */
export function allBudgetTableRules(rules: CompiledBudgetTableRules): Compiled<BoundaryRule>[] {
  return KINDS.flatMap((kind) => rules[kind]);
}
