import { matchesOf } from "../text/matches.js";
import { sliceOf } from "../text/slice.js";
import type { FullVocabulary } from "../rules/compile.js";
import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import type { Range } from "./candidate.js";
import { readMemberList, type PrintedPerson } from "./members.js";
import { mayMatch } from "../rules/prefilter.js";

export type MovementKind = "arrival" | "departure";

/** "Arrivée de Monsieur Jean-Yves CALLAC", "M. Gilles PAPIN quitte la séance": who, which way, where printed. */
export interface Movement {
  kind: MovementKind;
  /** The whole statement as matched. */
  range: Range;
  people: PrintedPerson[];
}

const isMovementKind = (k: string | undefined): k is MovementKind => k === "arrival" || k === "departure";

/** Every arrival and departure printed in `range`, in document order. The names are the rule's group "names". */
export function findMovements(rules: Compiled<BoundaryRule>[], text: string, range: Range, vocabulary: FullVocabulary): Movement[] {
  const slice = sliceOf(text, range.start, range.end);
  const found: Movement[] = [];
  for (const { rule, regex } of rules) {
    const kind = rule.kind;
    if (!isMovementKind(kind)) continue;
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    for (const m of matchesOf(regex, slice)) {
      const names = m.indices?.groups?.["names"];
      if (names === undefined) continue;
      const body = { start: range.start + names[0], end: range.start + names[1] };
      const people = readMemberList(text, body, "present", body, vocabulary).members;
      if (people.length > 0) found.push({ kind, range: { start: range.start + m.index, end: range.start + m.index + m[0].length }, people });
    }
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}
