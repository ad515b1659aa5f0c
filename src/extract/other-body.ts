import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import { foldForMatch } from "../normalize/text.js";
import type { Candidate, Range } from "./candidate.js";

/** Record paths that hold the deliberating body's vote. */
const VOTE_PATH = /^vote\./u;

/**
 * Where an item reports an act of another body: from the rule's match to the end of its line, where that
 * body's vote is printed ("Le bureau communautaire, après en avoir délibéré à l’unanimité :", Roannais
 * 28 October 2021, item 1 reporting 27 Bureau deliberations). A body equal to the record's own (the
 * Bureau's own minutes) reports nothing; with the record's body unknown, nothing is set aside either.
 */
export function otherBodyLines(rules: readonly Compiled<BoundaryRule>[], text: string, range: Range, body: string | null): Range[] {
  if (body === null) return [];
  const own = foldForMatch(body);
  const slice = text.slice(range.start, range.end);
  const lines: Range[] = [];
  for (const { regex } of rules) {
    regex.lastIndex = 0;
    for (const m of slice.matchAll(regex)) {
      const named = m.groups?.["body"];
      if (named === undefined || foldForMatch(named) === own) continue;
      const start = range.start + m.index;
      const nl = text.indexOf("\n", start);
      lines.push({ start, end: nl === -1 || nl > range.end ? range.end : nl });
    }
  }
  return lines;
}

/** The candidates left when votes read on another body's act line are set aside. */
export function withoutOtherBodyVotes(candidates: Candidate[], lines: readonly Range[]): Candidate[] {
  if (lines.length === 0) return candidates;
  return candidates.filter((c) => !VOTE_PATH.test(c.path) || !lines.some((l) => c.range.start >= l.start && c.range.start < l.end));
}
