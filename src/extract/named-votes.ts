import { matchesOf } from "../text/matches.js";
import { sliceOf } from "../text/slice.js";
import type { FullVocabulary } from "../rules/compile.js";
import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import type { Range } from "./candidate.js";
import { readMemberList, type PrintedPerson } from "./members.js";
import { mayMatch } from "../rules/prefilter.js";

export type NamedKind = "no" | "abstain" | "notVoting";

export interface NamedVoters {
  kind: NamedKind;
  /** The whole list as printed ("M. A, Mme B"). */
  range: Range;
  people: PrintedPerson[];
}

/** How far a list of names after "ne prend pas part au vote :" may run when no parenthesis closes it. */
const MAX_OPEN_LIST = 300;

/**
 * Names printed with a vote: "2 voix contre (M. A, Mme B)", "Abstentions : 3 (Mme X, …)",
 * "ne prend pas part au vote : M. X". A parenthesis ends at ")"; an open list at the end of its line. A rule
 * with a group "names" reads the names there instead ("M. X ne prend pas part au vote").
 */
export function findNamedVoters(rules: Compiled<BoundaryRule>[], text: string, range: Range, vocabulary: FullVocabulary): NamedVoters[] {
  const slice = sliceOf(text, range.start, range.end);
  const found: NamedVoters[] = [];
  for (const { rule, regex } of rules) {
    const kind = rule.kind;
    if (kind !== "no" && kind !== "abstain" && kind !== "notVoting") continue;
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    for (const m of matchesOf(regex, slice)) {
      // "M. Bernard NOUHAUD, président de …, ne prend pas part au vote": names before the marker, in group "names".
      const named = m.indices?.groups?.["names"];
      if (named !== undefined) {
        const body = { start: range.start + named[0], end: range.start + named[1] };
        const people = readMemberList(text, body, "present", body, vocabulary).members;
        if (people.length > 0) found.push({ kind, range: body, people });
        continue;
      }
      const start = range.start + m.index + m[0].length;
      const opened = m[0].endsWith("(");
      const stopAt = opened ? text.indexOf(")", start) : text.indexOf("\n", start);
      const end = Math.min(stopAt === -1 ? range.end : stopAt, range.end, start + MAX_OPEN_LIST);
      const body = { start, end: opened ? end : trimSentence(text, start, end) };
      const people = readMemberList(text, body, "present", body, vocabulary).members;
      if (people.length > 0) found.push({ kind, range: body, people });
    }
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}

/** An open list ends at the first full stop that is not an initial's ("M. X. Le conseil…"). */
function trimSentence(text: string, start: number, end: number): number {
  const stop = /(?<!\b\p{Lu})\.(?:\s|$)/u.exec(text.slice(start, end));
  return stop === null ? end : start + stop.index;
}
