/** The `annex.duplicate` issue: one per cluster, placed on the copy, pointing at the copy kept. */
import type { Issue, Place } from "../model/issue.js";
import type { Cluster } from "./clusters.js";

export const ANNEX_DUPLICATE = "annex.duplicate";

export interface AnnexSpan {
  title: string;
  /** Where the annex is printed, heading to end (assembled-text offsets; `page` is where it starts). */
  place: Place;
  /** The page its last character is on. */
  lastPage: number;
}

function spanOf(spans: readonly AnnexSpan[], which: readonly number[]): { place: Place; titles: string; pages: string } {
  const first = spans[which[0] as number] as AnnexSpan;
  const last = spans[which.at(-1) as number] as AnnexSpan;
  return {
    place: { page: first.place.page, start: first.place.start, end: last.place.end },
    titles: which.length === 1 ? `"${first.title}"` : `"${first.title}" to "${last.title}" (${which.length} annexes)`,
    pages: first.place.page === last.lastPage ? `page ${first.place.page}` : `pages ${first.place.page}–${last.lastPage}`,
  };
}

/**
 * "Expected each annex printed once, got "Convention" to "Annexe 3 : …" (4 annexes) printed again on pages 12–19
 * after pages 4–12 (98.9 % of words aligned at least): …".
 */
export function duplicateIssue(cluster: Cluster, spans: readonly AnnexSpan[]): Issue {
  const copy = spanOf(spans, cluster.copies);
  const kept = spanOf(spans, cluster.kept);
  const order = cluster.copies[0] !== undefined && cluster.kept[0] !== undefined && cluster.copies[0] < cluster.kept[0] ? "before" : "after";
  return {
    severity: "info",
    ruleId: ANNEX_DUPLICATE,
    message: `Expected each annex printed once, got ${copy.titles} printed again on ${copy.pages} ${order} ${kept.pages} (${(cluster.similarity * 100).toFixed(1)} % of words aligned at least): the copy is marked duplicateOf, its text kept`,
    place: copy.place,
    related: [kept.place],
  };
}
