/**
 * Lettered items inside a numbered one, each decided on its own:
 * "5. QUESTIONS DIVERSES." then "a. Acquisition d’une désherbeuse." … "Après en avoir délibéré …", "b. Décision
 * modificative 5/2017." … "Après en avoir délibéré …" (Putanges-le-Lac, 3 Nov. 2017): one record per letter,
 * reported "5a", "5b". Found by the rules "subItems" (groups "label" and "title").
 */
import { matchesOf } from "../text/matches.js";
import { sliceOf } from "../text/slice.js";
import type { Range } from "../extract/candidate.js";
import type { Format } from "../rules/format.js";
import { hasDecision } from "./decision.js";
import { mayMatch } from "../rules/prefilter.js";

/** An item is cut into its lettered items when at least this many of them hold a decision… */
export const MIN_DECIDED_SUB_ITEMS = 2;
/**
 * …or when its letters (at least this many) follow its heading line straight away, one of them at least
 * decided: "11. QUESTIONS DIVERSES" / "a) Rénovation Eglise de MEGUILLAUME …" (decided) / "b) Degrèvement
 * association Pierre NOAL …" (information only) (Putanges-le-Lac, 20 Sept. 2016). Letters after some prose
 * are points of the item's own text, not items.
 */
export const MIN_LETTERS_UNDER_HEADING = 2;

export interface SubItem {
  range: Range;
  title: Range;
  /** The letter as printed, lower-cased ("a"). */
  label: string;
}

interface Hit {
  start: number;
  title: Range;
  label: string;
}

function hitsIn(format: Format, text: string, body: Range): Hit[] {
  const slice = sliceOf(text, body.start, body.end);
  const out: Hit[] = [];
  for (const { regex } of format.subItems) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    for (const m of matchesOf(regex, slice)) {
      const t = m.indices?.groups?.["title"];
      const label = m.groups?.["label"];
      if (t === undefined || label === undefined) continue;
      out.push({ start: body.start + m.index, title: { start: body.start + t[0], end: body.start + t[1] }, label: label.toLowerCase() });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The letters in order from "a" ("a", "b", "c"): a later "a." restarts a recapitulation list and is no item. */
function inOrder(hits: readonly Hit[]): Hit[] {
  const kept: Hit[] = [];
  for (const h of hits) {
    const expected = String.fromCharCode("a".charCodeAt(0) + kept.length);
    if (h.label === expected) kept.push(h);
  }
  return kept;
}

/**
 * The decided lettered items of an item's body, or [] when it is not cut: fewer than MIN_DECIDED_SUB_ITEMS
 * hold a decision (unless the letters follow the heading straight away, see MIN_LETTERS_UNDER_HEADING), or
 * the item's own text before its first letter decides already ("Après en avoir délibéré,
 * le Conseil : a) Approuve … b) Autorise …" is one decision in several points). Letters without a decision
 * (an information among questions diverses) give no record.
 */
export function subItemsOf(format: Format, text: string, body: Range): SubItem[] {
  const letters = inOrder(hitsIn(format, text, body));
  const first = letters[0];
  if (first === undefined || hasDecision(format, text, { start: body.start, end: first.start })) return [];
  const items = letters.map((h, i): SubItem => ({ range: { start: h.start, end: letters[i + 1]?.start ?? body.end }, title: h.title, label: h.label }));
  const decided = items.filter((s) => hasDecision(format, text, s.range));
  const headingEnd = text.indexOf("\n", body.start);
  const underHeading = headingEnd !== -1 && headingEnd < first.start && text.slice(headingEnd, first.start).trim() === "";
  const contained = underHeading && letters.length >= MIN_LETTERS_UNDER_HEADING && decided.length > 0;
  return decided.length >= MIN_DECIDED_SUB_ITEMS || contained ? decided : [];
}
