/**
 * One stretch of a text, the same string object each time it is asked for again soon: the extractors of a
 * deliberation each slice its body, and the prefilter (rules/prefilter.ts) remembers what a text holds by
 * comparing strings, which is a pointer test for the same object but a character-by-character one for equal
 * copies.
 */

/** A deliberation's extractors ask for its header, body and a few ranges in turn; older slices are forgotten, so memory stays flat. */
const KEPT_SLICES = 8;

const kept: Array<{ text: string; start: number; end: number; slice: string }> = [];

/** `text.slice(start, end)`, the same string as the last time these were asked for while it is remembered. */
export function sliceOf(text: string, start: number, end: number): string {
  if (start === 0 && end >= text.length) return text;
  for (const e of kept) if (e.start === start && e.end === end && e.text === text) return e.slice;
  const slice = text.slice(start, end);
  kept.unshift({ text, start, end, slice });
  if (kept.length > KEPT_SLICES) kept.pop();
  return slice;
}
