import { sliceOf } from "../text/slice.js";
import type { Compiled } from "../rules/format.js";
import type { FieldRule } from "../rules/types.js";
import { normalize } from "../normalize/index.js";
import { identityView, toSource, type TextView } from "../text/view.js";
import type { Candidate, Range } from "./candidate.js";
import { mayMatch } from "../rules/prefilter.js";
import { stepOver } from "../text/matches.js";

/** A rule's captures as [path, capture] pairs, read once per rule (rules live as long as the process). */
const captureLists = new WeakMap<FieldRule, Array<[string, FieldRule["captures"][string]]>>();

function capturesOf(rule: FieldRule): Array<[string, FieldRule["captures"][string]]> {
  let list = captureLists.get(rule);
  if (list === undefined) {
    list = Object.entries(rule.captures);
    captureLists.set(rule, list);
  }
  return list;
}

/** Every capture of every match of one field rule inside a range of the view. */
export function runFieldRule(compiled: Compiled<FieldRule>, view: TextView, range: Range): Candidate[] {
  const { rule, regex } = compiled;
  const text = sliceOf(view.text, range.start, range.end);
  const found: Candidate[] = [];
  regex.lastIndex = 0;
  if (!mayMatch(regex, text)) return found;
  const lead = rule.at === "start" ? text.length - text.trimStart().length : 0;
  const captures = capturesOf(rule);
  const unicode = regex.unicode || regex.flags.includes("v");
  // exec over the global regex, as matchAll would over a copy of it: an empty match steps one code point on.
  let m: RegExpExecArray | null;
  while ((m = regex.exec(text)) !== null) {
    if (m[0] === "") regex.lastIndex = stepOver(text, regex.lastIndex, unicode);
    if (rule.at === "start" && m.index > lead) break;
    if (rule.at === "first" && found.length > 0) break;
    for (const [path, capture] of captures) {
      let viewStart: number;
      let viewEnd: number;
      let value;
      if (capture.group !== undefined) {
        const at = m.indices?.groups?.[capture.group];
        const raw = m.groups?.[capture.group];
        if (at === undefined || raw === undefined) continue; // optional group that did not take part
        [viewStart, viewEnd] = at;
        value = normalize(capture.normalize, raw);
      } else {
        [viewStart, viewEnd] = [m.index, m.index + m[0].length];
        value = capture.value ?? null;
      }
      if (value === null || value === "") continue;
      const at = { start: range.start + viewStart, end: range.start + viewEnd };
      const { start, end } = toSource(view, at.start, at.end);
      found.push({ path, value, start, end, range: at, ruleId: rule.id, confidence: rule.confidence });
    }
  }
  regex.lastIndex = 0;
  return found;
}

/** What a rule reads from a bare string, first match only: used by the tests to run rule examples. */
export function readWithRule(compiled: Compiled<FieldRule>, text: string): Record<string, unknown> {
  const view = identityView(text);
  const out: Record<string, unknown> = {};
  for (const c of runFieldRule(compiled, view, { start: 0, end: text.length })) if (!(c.path in out)) out[c.path] = c.value;
  return out;
}
