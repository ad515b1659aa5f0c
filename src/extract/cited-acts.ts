import { matchesOf } from "../text/matches.js";
import { sliceOf } from "../text/slice.js";
import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import { foldForMatch } from "../normalize/text.js";
import type { Candidate, Range } from "./candidate.js";
import { mayMatch } from "../rules/prefilter.js";

/** Record paths that hold the deliberating body's vote. */
const VOTE_PATH = /^vote\./u;

/**
 * Where an item cites an act that is not its own decision, from the rule's match to the end of its line:
 * another body's deliberation it reports ("Le bureau communautaire, après en avoir délibéré à l’unanimité :",
 * Roannais 28 October 2021, item 1 reporting 27 Bureau deliberations), a visa quoting the law ("Vu le Code
 * … « Le conseil municipal peut décider, à l'unanimité, de ne pas procéder au scrutin secret »", item 21).
 * A rule with a group "body" names the body acting: the record's own body (a Bureau's own minutes) is no
 * other body, and with the record's body unknown such a rule sets nothing aside.
 */
export function citedActLines(rules: readonly Compiled<BoundaryRule>[], text: string, range: Range, body: string | null): Range[] {
  const own = body === null ? null : foldForMatch(body);
  const slice = sliceOf(text, range.start, range.end);
  const lines: Range[] = [];
  for (const { regex } of rules) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    for (const m of matchesOf(regex, slice)) {
      const named = m.groups?.["body"];
      if (named !== undefined && (own === null || foldForMatch(named) === own)) continue;
      const start = range.start + m.index;
      const nl = text.indexOf("\n", start);
      lines.push({ start, end: nl === -1 || nl > range.end ? range.end : nl });
    }
  }
  return lines;
}

/** The candidates left when votes read on a cited act's line are set aside. */
export function withoutCitedVotes(candidates: Candidate[], lines: readonly Range[]): Candidate[] {
  if (lines.length === 0) return candidates;
  return candidates.filter((c) => !VOTE_PATH.test(c.path) || !lines.some((l) => c.range.start >= l.start && c.range.start < l.end));
}
