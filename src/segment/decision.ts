import { sliceOf } from "../text/slice.js";
import type { Range } from "../extract/candidate.js";
import type { Format } from "../rules/format.js";
import { mayMatch } from "../rules/prefilter.js";

/** Where the first decision marker ("après en avoir délibéré", "adopté à l'unanimité") of a range starts, or null. */
export function firstDecision(format: Format, text: string, range: Range): number | null {
  const slice = sliceOf(text, range.start, range.end);
  let best: number | null = null;
  for (const { regex } of format.decision) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    const m = regex.exec(slice);
    regex.lastIndex = 0;
    if (m !== null && (best === null || m.index < best)) best = m.index;
  }
  return best === null ? null : range.start + best;
}

/** True when a range holds a decision: the council decided something there (a vote, "adopté"…). */
export function hasDecision(format: Format, text: string, range: Range): boolean {
  const slice = sliceOf(text, range.start, range.end);
  return format.decision.some(({ regex }) => {
    regex.lastIndex = 0;
    const found = mayMatch(regex, slice) && regex.test(slice);
    regex.lastIndex = 0;
    return found;
  });
}
