import { placeOf, type Check } from "./check.js";

/** An outcome stated ("adopté", "rejeté") agrees with the counts. */
export const voteOutcome: Check = {
  meta: {
    id: "vote.outcome-contradicted",
    description: "The stated outcome agrees with the counts",
    severity: "error",
    messages: {
      adopted: "Expected more votes for than against an adopted deliberation, got {{yes}} for and {{no}} against",
      rejected: "Expected no more votes for than against a rejected deliberation, got {{yes}} for and {{no}} against",
    },
  },
  run(record, report) {
    const { outcome, yes, no } = record.vote;
    if (outcome === null || yes === null || no === null) return;
    const place = placeOf(record, "vote.outcome");
    if (outcome === "adopted" && yes <= no) report({ messageId: "adopted", data: { yes, no }, place });
    if (outcome === "rejected" && yes > no) report({ messageId: "rejected", data: { yes, no }, place });
  },
};
