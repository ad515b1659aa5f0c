import { foldText } from "../normalize/text.js";
import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import { toSource, type TextView } from "../text/view.js";
import type { Candidate } from "./candidate.js";

/** A change of chair read from a statement: as sure as a field read by a rule of its own. */
const PRESIDENCY_CONFIDENCE = 0.85;

/**
 * Who presides at `cutoff`: the last change of chair printed before it ("Madame Danielle MAREC prend la
 * présidence", then "M. Paul LE BIHAN a été proclamé Maire"), as a sitting.president candidate; undefined
 * when the text before it prints none. The rules' group "name" is the person.
 */
export function presidentAt(rules: readonly Compiled<BoundaryRule>[], view: TextView, cutoff: number): Candidate | undefined {
  const before = view.text.slice(0, cutoff);
  let last: Candidate | undefined;
  for (const { rule, regex } of rules) {
    regex.lastIndex = 0;
    for (const m of before.matchAll(regex)) {
      const name = m.indices?.groups?.["name"];
      if (name === undefined) continue;
      const range = { start: name[0], end: name[1] };
      if (last !== undefined && last.range.start > range.start) continue;
      last = { path: "sitting.president", value: foldText(view.text.slice(range.start, range.end)), ...toSource(view, range.start, range.end), range, ruleId: rule.id, confidence: PRESIDENCY_CONFIDENCE };
    }
  }
  return last;
}
