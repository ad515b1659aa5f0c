import type { Vote } from "../model/record.js";
import type { Trail } from "../record/provenance.js";

/** A derived outcome is less sure than a printed "adopté": the counts may belong to a side vote. */
const DERIVED_OUTCOME_CONFIDENCE = 0.8;

/**
 * When the text states no outcome, the vote decides it: unanimity or more votes for than against
 * adopt, more against reject. The outcome then points at the evidence it was derived from.
 */
export function deriveOutcome(vote: Vote, trail: Trail): Vote["outcome"] {
  if (vote.outcome !== null) return vote.outcome;
  const from = (path: string, outcome: "adopted" | "rejected"): Vote["outcome"] => {
    const p = trail.provenance[path];
    if (p === undefined) return null;
    trail.fromSource("vote.outcome", p.start, p.end, DERIVED_OUTCOME_CONFIDENCE);
    return outcome;
  };
  if (vote.unanimous === true) return from("vote.unanimous", "adopted");
  if (vote.yes !== null && vote.no !== null && vote.yes !== vote.no) return from("vote.yes", vote.yes > vote.no ? "adopted" : "rejected");
  if (vote.yes !== null && vote.yes > 0 && vote.no === null) return from("vote.yes", "adopted");
  return null;
}

/** "Pour : 17, Abstention : 1" with no word of unanimity: a split vote is not unanimous. */
export function deriveUnanimity(vote: Vote, trail: Trail): Vote["unanimous"] {
  if (vote.unanimous !== null) return vote.unanimous;
  for (const key of ["no", "abstain"] as const) {
    const n = vote[key];
    const p = trail.provenance[`vote.${key}`];
    if (n !== null && n > 0 && p !== undefined) {
      trail.fromSource("vote.unanimous", p.start, p.end, DERIVED_OUTCOME_CONFIDENCE);
      return false;
    }
  }
  return null;
}
