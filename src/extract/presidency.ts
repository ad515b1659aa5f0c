import { matchesOf } from "../text/matches.js";
import { foldText } from "../normalize/text.js";
import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import { toSource, type TextView } from "../text/view.js";
import type { Candidate } from "./candidate.js";
import { mayMatch } from "../rules/prefilter.js";
import { perDocument, type PerDocument } from "../memo/per-document.js";

/** A change of chair read from a statement: as sure as a field read by a rule of its own. */
const PRESIDENCY_CONFIDENCE = 0.85;

/** A change of chair, and where its statement ends. */
interface Change {
  chair: Candidate;
  statementEnd: number;
}

/** The changes of chair of a document, read once for all its deliberations (by rule set). */
const read: PerDocument<readonly Compiled<BoundaryRule>[], Change[]> = new WeakMap();

function changesIn(rules: readonly Compiled<BoundaryRule>[], view: TextView): Change[] {
  return perDocument(read, view, rules, () => readChanges(rules, view));
}

function readChanges(rules: readonly Compiled<BoundaryRule>[], view: TextView): Change[] {
  const changes: Change[] = [];
  for (const { rule, regex } of rules) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, view.text)) continue;
    for (const m of matchesOf(regex, view.text)) {
      const name = m.indices?.groups?.["name"];
      if (name === undefined) continue;
      const range = { start: name[0], end: name[1] };
      const chair: Candidate = { path: "sitting.president", value: foldText(view.text.slice(range.start, range.end)), ...toSource(view, range.start, range.end), range, ruleId: rule.id, confidence: PRESIDENCY_CONFIDENCE };
      changes.push({ chair, statementEnd: m.index + m[0].length });
    }
  }
  // Rules in order, then names in order: the last change before a point is the one of latest name.
  return changes.sort((a, b) => a.chair.range.start - b.chair.range.start);
}

/**
 * Who presides at `cutoff`: the last change of chair printed before it ("Madame Danielle MAREC prend la
 * présidence", then "M. Paul LE BIHAN a été proclamé Maire"), as a sitting.president candidate; undefined
 * when the text before it prints none. The rules' group "name" is the person; a statement counts when it
 * ends before the cutoff.
 */
export function presidentAt(rules: readonly Compiled<BoundaryRule>[], view: TextView, cutoff: number): Candidate | undefined {
  let last: Candidate | undefined;
  for (const { chair, statementEnd } of changesIn(rules, view)) if (statementEnd <= cutoff) last = chair;
  return last;
}
