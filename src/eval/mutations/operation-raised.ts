import { MUTANTS_PER_DOCUMENT, passes, splice, type Mutation } from "./mutation.js";

/** "45 000 €" in "Montant de l'opération : 45 000 €" → twice the budgeted amount: `budget.operation-exceeds-planned`. */
export const operationRaised: Mutation = {
  kind: "operation above its budget",
  caughtBy: ["budget.operation-exceeds-planned"],
  make(text, records) {
    const out = [];
    for (const [i, r] of records.entries()) {
      const p = r.provenance["budget.operation"];
      const planned = r.budget?.planned ?? null;
      if (p === undefined || !passes(r, this.caughtBy) || planned === null || !/\d/u.test(p.text)) continue;
      const value = (planned * 2).toLocaleString("fr-FR").replace(/\s/gu, " ");
      const digits = /[\d\s.,]*\d/u.exec(p.text);
      if (digits === null) continue;
      const start = p.start + digits.index;
      out.push({ kind: this.kind, record: i, change: `"${digits[0]}" → "${value}" (budget.operation of record #${i})`, text: splice(text, start, start + digits[0].length, value) });
      if (out.length === MUTANTS_PER_DOCUMENT) break;
    }
    return out;
  },
};
