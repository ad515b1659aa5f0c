import type { Issue } from "../model/issue.js";
import type { Format, RuleBook } from "../rules/format.js";
import { mayMatch } from "../rules/prefilter.js";

/**
 * A format is picked when its detection rules add up to at least this weight: one strong clue (the
 * council's name, weight 2) is not enough, since a neighbouring council may cite it; two are.
 */
export const MIN_DETECT_SCORE = 3;

export interface Detection {
  format: Format;
  score: number;
  issues: Issue[];
}

/** Scores every format's detection rules on the text; the best above the minimum wins, else the common rules. */
export function detectFormat(text: string, book: RuleBook, forced?: string): Detection {
  if (forced !== undefined) {
    const format = book.formats.get(forced);
    if (format === undefined) throw new Error(`Expected --format to name a rule set (${[...book.formats.keys()].sort().join(", ")}), got "${forced}"`);
    return { format, score: Infinity, issues: [] };
  }
  let best: { format: Format; score: number } | null = null;
  for (const format of [...book.formats.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (format.detect.length === 0) continue;
    let score = 0;
    for (const { rule, regex } of format.detect) {
      regex.lastIndex = 0;
      if (mayMatch(regex, text) && regex.test(text)) score += rule.weight;
    }
    if (score >= MIN_DETECT_SCORE && (best === null || score > best.score)) best = { format, score };
  }
  if (best !== null) return { ...best, issues: [] };
  return {
    format: book.fallback,
    score: 0,
    issues: [{ severity: "info", ruleId: "format.unknown", message: `Expected a known council layout (detection score ≥ ${MIN_DETECT_SCORE}), got none: read with the common rules ${book.fallback.ref}`, place: null }],
  };
}
