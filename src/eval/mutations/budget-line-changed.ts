import { MUTANTS_PER_DOCUMENT, passes, splice, type Mutant, type Mutation } from "./mutation.js";

/** The leading digit of a printed amount, one up ("482 812" → "582 812"; a leading 9 becomes 1, "9 500" → "1 500"). */
function bumped(text: string): { at: number; digit: string } | null {
  const m = /\d/u.exec(text);
  if (m === null) return null;
  const d = Number(m[0]);
  return { at: m.index, digit: String(d === 9 ? 1 : d + 1) };
}

/**
 * One line of a budget table that adds up ("Personnel 482 812" under "Total 994 312") printed otherwise: the
 * lines no longer make the total (`budget.table-sum`). Only titled tables are mutated: rows under no title
 * are read as a table only when they add up (src/extract/budget-tables.ts, so that notes on a page are not
 * taken for one), so an untitled table that does not add up is no table, and no check can flag it.
 */
export const budgetLineChanged: Mutation = {
  kind: "budget line changed",
  caughtBy: ["budget.table-sum"],
  make(text, records) {
    const out: Mutant[] = [];
    for (const [i, r] of records.entries()) {
      if (!passes(r, this.caughtBy)) continue;
      for (const [t, table] of r.budgetTables.entries()) {
        if (table.title === null || !table.rows.some((row) => row.kind !== "line")) continue;
        const k = table.rows.findIndex((row, n) => row.kind === "line" && r.provenance[`budgetTables.${t}.rows.${n}.value`] !== undefined);
        const p = r.provenance[`budgetTables.${t}.rows.${k}.value`];
        const change = p === undefined ? null : bumped(p.text);
        if (p === undefined || change === null) continue;
        const at = p.start + change.at;
        out.push({ kind: this.kind, record: i, change: `"${p.text}" → first digit ${change.digit} (budgetTables.${t}.rows.${k} of record #${i})`, text: splice(text, at, at + 1, change.digit) });
        if (out.length === MUTANTS_PER_DOCUMENT) break;
      }
      if (out.length === MUTANTS_PER_DOCUMENT) break;
    }
    return out;
  },
};
