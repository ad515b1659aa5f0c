import { matchesOf } from "../text/matches.js";
import { sliceOf } from "../text/slice.js";
import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import { amountValue } from "../normalize/amount.js";
import { foldText } from "../normalize/text.js";
import type { Range } from "./candidate.js";
import { mayMatch } from "../rules/prefilter.js";

export interface FoundAmount {
  value: number;
  currency: "EUR" | "FRF";
  /** The amount as printed, in the matching view ("45 000 €"). */
  range: Range;
  label: string | null;
  labelRange: Range | null;
}

/** A label is the text between the previous break and a colon just before the amount: "Montant de l'opération : 45 000 €". */
const LABEL_BEFORE = /(?:^|[\n\t.;]|€\s)\s*([^\n\t.;:€]{3,80}?)\s*:\s*$/u;

/** Every euro amount in a range, with the label its line gives it, in text order. */
export function findAmounts(rules: Compiled<BoundaryRule>[], text: string, range: Range): FoundAmount[] {
  const slice = sliceOf(text, range.start, range.end);
  const found: FoundAmount[] = [];
  for (const { rule, regex } of rules) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    for (const m of matchesOf(regex, slice)) {
      const value = amountValue(m.groups?.["digits"] ?? "", m.groups?.["scale"]);
      if (value === null) continue;
      const start = range.start + m.index;
      const lineStart = Math.max(range.start, text.lastIndexOf("\n", start - 1) + 1);
      const before = text.slice(lineStart, start);
      const lm = LABEL_BEFORE.exec(before);
      let label: string | null = null;
      let labelRange: Range | null = null;
      if (lm?.[1] !== undefined) {
        const at = lineStart + before.lastIndexOf(lm[1]);
        label = foldText(lm[1]);
        labelRange = { start: at, end: at + lm[1].length };
      }
      found.push({ value, currency: rule.currency ?? "EUR", range: { start, end: start + m[0].length }, label, labelRange });
    }
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}

/**
 * One entry per distinct value: a deliberation repeats its amounts (summary, body, decision);
 * the labelled mention is kept, else the first.
 */
export function distinctAmounts(found: FoundAmount[]): FoundAmount[] {
  const byValue = new Map<string, FoundAmount>();
  for (const a of found) {
    const key = `${a.currency} ${a.value}`;
    const seen = byValue.get(key);
    if (seen === undefined || (seen.label === null && a.label !== null)) byValue.set(key, a);
  }
  return [...byValue.values()].sort((a, b) => a.range.start - b.range.start);
}
