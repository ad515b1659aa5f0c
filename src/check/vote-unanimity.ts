import { placeOf, type Check } from "./check.js";

/** A unanimous vote has no vote against. */
export const voteUnanimity: Check = {
  meta: {
    id: "vote.unanimity-contradicted",
    description: "Unanimity stated implies no vote against",
    severity: "error",
    messages: { against: "Expected 0 votes against a unanimous vote, got {{no}}" },
  },
  run(record, report) {
    const { unanimous, no } = record.vote;
    if (unanimous === true && no !== null && no > 0) report({ messageId: "against", data: { no }, place: placeOf(record, "vote.no") });
  },
};
