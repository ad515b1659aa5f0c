/**
 * One stretch of a text, the same string object each time it is asked for again soon: the extractors of a
 * deliberation each slice its body, and the prefilter (rules/prefilter.ts) remembers what a text holds by
 * comparing strings, which is a pointer test for the same object but a character-by-character one for equal
 * copies.
 */
import { recentCache } from "../memo/recent.js";

/** A deliberation's extractors ask for its header, body and a few ranges in turn; older slices are forgotten, so memory stays flat. */
const KEPT_SLICES = 8;

const kept = recentCache<{ text: string; start: number; end: number; slice: string }>(KEPT_SLICES);

/** `text.slice(start, end)`, the same string as the last time these were asked for while it is remembered. */
export function sliceOf(text: string, start: number, end: number): string {
  if (start === 0 && end >= text.length) return text;
  return kept(
    (e) => e.start === start && e.end === end && e.text === text,
    () => ({ text, start, end, slice: text.slice(start, end) }),
  ).slice;
}
