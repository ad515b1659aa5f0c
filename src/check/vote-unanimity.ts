import { placeOf, type Check } from "./check.js";

/** A unanimous vote has no vote against; an outcome agrees with the counts. */
export const voteUnanimity: Check = {
  meta: { id: "vote.unanimity-contradicted", description: "Unanimity stated implies no vote against", severity: "error" },
  run(record, report) {
    const { unanimous, no } = record.vote;
    if (unanimous === true && no !== null && no > 0) report(`Expected 0 votes against a unanimous vote, got ${no}`, placeOf(record, "vote.no"));
  },
};

export const voteOutcome: Check = {
  meta: { id: "vote.outcome-contradicted", description: "The stated outcome agrees with the counts", severity: "error" },
  run(record, report) {
    const { outcome, yes, no } = record.vote;
    if (outcome === null || yes === null || no === null) return;
    if (outcome === "adopted" && yes <= no) report(`Expected more votes for than against an adopted deliberation, got ${yes} for and ${no} against`, placeOf(record, "vote.outcome"));
    if (outcome === "rejected" && yes > no) report(`Expected no more votes for than against a rejected deliberation, got ${yes} for and ${no} against`, placeOf(record, "vote.outcome"));
  },
};
