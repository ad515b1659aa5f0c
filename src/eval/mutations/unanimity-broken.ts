import { DIGITS, MUTANTS_PER_DOCUMENT, passes, splice, type Mutant, type Mutation } from "./mutation.js";

/**
 * Votes against a unanimous vote: "Contre : 0" → "Contre : 2" where the count is printed, else "adopté à
 * l'unanimité" → "adopté à l'unanimité, 2 voix contre": `vote.unanimity-contradicted`.
 */
export const unanimityBroken: Mutation = {
  kind: "votes against a unanimous vote",
  caughtBy: ["vote.unanimity-contradicted"],
  make(text, records) {
    const out: Mutant[] = [];
    for (const [i, r] of records.entries()) {
      const unanimous = r.provenance["vote.unanimous"];
      if (r.vote.unanimous !== true || unanimous === undefined || !passes(r, this.caughtBy)) continue;
      const no = r.provenance["vote.no"];
      if (no !== undefined && DIGITS.test(no.text)) {
        out.push({ kind: this.kind, record: i, change: `"${no.text}" → "2" (vote.no of record #${i})`, text: splice(text, no.start, no.end, "2") });
      } else if (r.vote.no === null && /unanimit/iu.test(unanimous.text)) {
        out.push({ kind: this.kind, record: i, change: `"${unanimous.text}" + ", 2 voix contre" (record #${i})`, text: splice(text, unanimous.end, unanimous.end, ", 2 voix contre") });
      }
      if (out.length === MUTANTS_PER_DOCUMENT) break;
    }
    return out;
  },
};
