import type { BudgetTable } from "../model/record.js";
import type { Format } from "../rules/format.js";
import type { TextView } from "../text/view.js";
import type { Range } from "../extract/candidate.js";
import { findBudgetTables } from "../extract/budget-tables.js";
import { foldText } from "../normalize/text.js";
import type { Trail } from "./provenance.js";

/** A table's rows are read by shape (a label, a column gap, an amount): as sure as a field rule's reading. */
const TABLE_CONFIDENCE = 0.85;

/** The budget tables of some ranges of the matching view, each leaf with its provenance. */
export function budgetTablesOf(format: Format, view: TextView, ranges: readonly Range[], trail: Trail): BudgetTable[] {
  const slice = (r: Range): string => foldText(view.text.slice(r.start, r.end));
  return findBudgetTables(format.budgetTables, view.text, ranges).map((table, i) => {
    const at = `budgetTables.${i}`;
    if (table.title !== null) trail.fromView(`${at}.title`, table.title, TABLE_CONFIDENCE);
    const rows = table.rows.map((row, j) => {
      const path = `${at}.rows.${j}`;
      trail.fromView(`${path}.label`, row.label, TABLE_CONFIDENCE);
      // The label says what the row is: "TOTAL", "Sous-total", or neither.
      trail.fromView(`${path}.kind`, row.label, TABLE_CONFIDENCE);
      trail.fromView(`${path}.value`, row.amount, TABLE_CONFIDENCE);
      trail.fromView(`${path}.text`, row.amount, TABLE_CONFIDENCE);
      if (row.group !== null) trail.fromView(`${path}.group`, row.group, TABLE_CONFIDENCE);
      return { label: slice(row.label), value: row.value, text: slice(row.amount), kind: row.kind, group: row.group === null ? null : slice(row.group) };
    });
    const total = table.rows.find((r) => r.kind === "total");
    if (total !== undefined) trail.fromView(`${at}.total`, total.amount, TABLE_CONFIDENCE);
    return { title: table.title === null ? null : slice(table.title), rows, total: total?.value ?? null };
  });
}
