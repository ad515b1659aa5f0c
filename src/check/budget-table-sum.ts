import { sumMismatches } from "../extract/budget-sums.js";
import { placeOf, type Check } from "./check.js";

/**
 * Budget tables add up: their lines to each subtotal, lines and subtotals to the printed total
 * (src/extract/budget-sums.ts says which lines a subtotal covers). The place is the printed total, or
 * the subtotal that its lines miss.
 */
export const budgetTableSum: Check = {
  meta: {
    id: "budget.table-sum",
    description: "The lines of a budget table add up to its subtotals and its total",
    severity: "warning",
    messages: {
      total: 'Expected the lines of "{{title}}" to add up to the printed total {{total}} €, got {{sum}} €',
      subtotal: 'Expected the lines above "{{label}}" in "{{title}}" to add up to the printed {{subtotal}} €, got {{sum}} €',
    },
  },
  run(record, report) {
    record.budgetTables.forEach((table, t) => {
      // A table printed without a title is named by its place among the record's tables.
      const title = table.title ?? `budget table ${t + 1}`;
      for (const m of sumMismatches(table.rows)) {
        const row = table.rows[m.row];
        if (row === undefined) continue;
        if (m.kind === "total") report({ messageId: "total", data: { title, total: row.value, sum: m.sum }, place: placeOf(record, `budgetTables.${t}.total`) });
        else report({ messageId: "subtotal", data: { label: row.label, title, subtotal: row.value, sum: m.sum }, place: placeOf(record, `budgetTables.${t}.rows.${m.row}.value`) });
      }
    });
  },
};
