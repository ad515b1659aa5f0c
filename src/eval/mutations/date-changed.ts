import { numberYear } from "../../check/number-year.js";
import { MUTANTS_PER_DOCUMENT, passes, splice, type Mutation } from "./mutation.js";

/** A four-digit year inside the printed date ("9 novembre 2020", "09/11/2020"). */
const YEAR = /(?<!\d)(19|20)\d\d(?!\d)/u;

/**
 * The sitting's year changed where the date is printed ("9 novembre 2020" → "9 novembre 2021"), in a
 * record whose number names its year ("2020/005418") or which carries a prefecture stamp: the dates no
 * longer agree (`date.number-year-mismatch`, `date.stamp-before-sitting`, `prefecture.id-mismatch`).
 */
export const dateChanged: Mutation = {
  kind: "sitting date changed",
  caughtBy: ["date.number-year-mismatch", "date.stamp-before-sitting", "prefecture.id-mismatch"],
  make(text, records) {
    const out = [];
    for (const [i, r] of records.entries()) {
      const p = r.provenance["sitting.date"];
      const dated = (r.number !== null && numberYear(r.number) !== null) || r.prefecture !== null;
      const m = p === undefined ? null : YEAR.exec(p.text);
      if (p === undefined || !passes(r, this.caughtBy) || m === null || !dated) continue;
      const year = String(Number(m[0]) + 1);
      const start = p.start + m.index;
      out.push({ kind: this.kind, record: i, change: `"${p.text}" → year ${year} (sitting.date of record #${i})`, text: splice(text, start, start + 4, year) });
      if (out.length === MUTANTS_PER_DOCUMENT) break;
    }
    return out;
  },
};
