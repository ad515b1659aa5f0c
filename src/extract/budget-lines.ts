import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import type { CompiledBudgetTableRules } from "../rules/budget-tables.js";
import type { Range } from "./candidate.js";

/** What one line of text is to a budget table (rules "budgetTables" of rules/common/fr.json). */
export type BudgetLine =
  | { kind: "blank" }
  /** "Frais de structure\t205 000": a label and the amount closing the line, `digits` as printed. */
  | { kind: "row"; label: Range; amount: Range; digits: string; total: boolean; subtotal: boolean }
  /** "Financeurs publics\tMontant recettes": the heading of the rows below. */
  | { kind: "group"; range: Range }
  /** "Types de dépenses": column headings. */
  | { kind: "columns" }
  /** "Dépenses prévisionnelles (en € HT)". */
  | { kind: "title"; range: Range }
  | { kind: "other" };

/**
 * A row's label names a budget line in a few words ("Région Bourgogne Franche-Comté", "DETR (50 % maximum à
 * hauteur de 100.000 €)", 60 characters at most in the shared corpus); a longer one is a sentence that ends
 * with an amount ("Le bureau attribue … pour un montant de : 1 000").
 */
const MAX_LABEL_CHARS = 120;

/**
 * Dot leaders that OCR read with letters after them stay in the label: "AMICALE LAIQUE …..…..csecen ven sac
 * 1.200 €". The label ends where they start (an ellipsis, or three dots).
 */
const LEADER = /[^\S\n]*(?:…|\.{3})/u;

/** A table's title is a heading of a few words ("Dépenses prévisionnelles (en € HT)"); a longer line is prose. */
const MAX_TITLE_CHARS = 120;

/**
 * A row closes on an amount, so a line without a digit is no row: the row rules' lazy label with its
 * lookbehinds tried at every character was ~3 % of a text document's time, mostly on lines of prose.
 */
const DIGIT = /\d/u;

function exec(rules: readonly Compiled<BoundaryRule>[], line: string): RegExpExecArray | null {
  for (const { regex } of rules) {
    regex.lastIndex = 0;
    const m = regex.exec(line);
    regex.lastIndex = 0;
    if (m !== null) return m;
  }
  return null;
}

/** The range of a named group of a match on a line starting at `at`, without its surrounding spaces. */
function groupRange(m: RegExpExecArray, name: string, line: string, at: number): Range | null {
  const span = m.indices?.groups?.[name];
  if (span === undefined) return null;
  let [start, end] = span;
  while (start < end && /\s/u.test(line[start] as string)) start++;
  while (end > start && /\s/u.test(line[end - 1] as string)) end--;
  return start === end ? null : { start: at + start, end: at + end };
}

/** Reads one line (`text.slice(range.start, range.end)`, no line break inside). */
export function readBudgetLine(rules: CompiledBudgetTableRules, text: string, range: Range): BudgetLine {
  const line = text.slice(range.start, range.end);
  if (line.trim() === "") return { kind: "blank" };
  const row = DIGIT.test(line) ? exec(rules.rows, line) : null;
  if (row !== null) {
    const label = withoutLeader(text, groupRange(row, "label", line, range.start));
    const amount = groupRange(row, "amount", line, range.start);
    const digits = row.groups?.["digits"];
    if (label !== null && amount !== null && digits !== undefined && label.end - label.start <= MAX_LABEL_CHARS) {
      const labelText = text.slice(label.start, label.end);
      const subtotal = exec(rules.subtotals, labelText) !== null;
      return { kind: "row", label, amount, digits, subtotal, total: !subtotal && exec(rules.totals, labelText) !== null };
    }
  }
  const group = exec(rules.groups, line);
  if (group !== null) {
    const heading = groupRange(group, "group", line, range.start);
    if (heading !== null) return { kind: "group", range: heading };
  }
  if (exec(rules.columns, line) !== null) return { kind: "columns" };
  if (line.trim().length <= MAX_TITLE_CHARS && exec(rules.titles, line) !== null) return { kind: "title", range: trimmed(line, range) };
  return { kind: "other" };
}

/** A line's range without its leading and trailing spaces. */
function trimmed(line: string, range: Range): Range {
  const start = range.start + (line.length - line.trimStart().length);
  return { start, end: range.start + line.trimEnd().length };
}

/** A label cut before its dot leaders, when some letters precede them. */
function withoutLeader(text: string, label: Range | null): Range | null {
  if (label === null) return null;
  const at = LEADER.exec(text.slice(label.start, label.end))?.index;
  return at === undefined || !/\p{L}/u.test(text.slice(label.start, label.start + at)) ? label : { start: label.start, end: label.start + at };
}
