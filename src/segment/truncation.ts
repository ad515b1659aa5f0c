import { matchesOf } from "../text/matches.js";
import type { Compiled } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import type { Range } from "../extract/candidate.js";
import { mayMatch } from "../rules/prefilter.js";

/** Where a text shows it was cut before the document's end: its last page mark, short of the total. */
export interface CutShort {
  /** The page the last mark numbers ("Page 18 sur 49" → 18). */
  page: number;
  /** The pages the document has (→ 49). */
  of: number;
  range: Range;
}

/**
 * The text stops before the document's last page when its last page mark numbers a page short of the
 * total ("# Page 18 sur 49", the last mark of example_markdown.md, a conversion of a 49-page PDF whose
 * text ends in item 5). Null when the text prints no page mark or its last one is the last page.
 */
export function cutShort(rules: readonly Compiled<BoundaryRule>[], text: string): CutShort | null {
  let last: CutShort | null = null;
  for (const { regex } of rules) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, text)) continue;
    for (const m of matchesOf(regex, text)) {
      const page = Number(m.groups?.["page"]);
      const of = Number(m.groups?.["of"]);
      if (!Number.isInteger(page) || !Number.isInteger(of)) continue;
      if (last === null || m.index > last.range.start) last = { page, of, range: { start: m.index, end: m.index + m[0].length } };
    }
  }
  return last !== null && last.page < last.of ? last : null;
}
