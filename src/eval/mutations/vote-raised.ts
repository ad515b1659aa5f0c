import { DIGITS, MUTANTS_PER_DOCUMENT, passes, splice, type Mutation } from "./mutation.js";

/** "114 voix pour" → more votes for than members could cast: `vote.exceeds-voters`. */
export const voteRaised: Mutation = {
  kind: "vote raised above the voters",
  caughtBy: ["vote.exceeds-voters"],
  make(text, records) {
    const out = [];
    for (const [i, r] of records.entries()) {
      const p = r.provenance["vote.yes"];
      const { counts, members, proxies } = r.attendance;
      if (p === undefined || !DIGITS.test(p.text) || !passes(r, this.caughtBy) || (counts.inOffice === null && members.length === 0)) continue;
      // Above the members in office and above everyone listed plus every proxy: no reading of the lists fits it.
      const value = Math.max(counts.inOffice ?? 0, members.length + proxies.length, Number(p.text)) + 7;
      out.push({ kind: this.kind, record: i, change: `"${p.text}" → "${value}" (vote.yes of record #${i})`, text: splice(text, p.start, p.end, String(value)) });
      if (out.length === MUTANTS_PER_DOCUMENT) break;
    }
    return out;
  },
};
