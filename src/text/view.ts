/**
 * A matching view of the assembled text: the same text with some characters left out (OCR markup),
 * and a map from every view offset back to the assembled text, so that offsets found by matching
 * stay true to the document.
 */
export interface TextView {
  /** What rules match against. */
  readonly text: string;
  /** `source[i]` is the assembled-text offset of view character i; `source[text.length]` is the end. */
  readonly source: Int32Array;
}

/** The identity view: matching sees the assembled text itself. */
export function identityView(text: string): TextView {
  const source = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) source[i] = i;
  return { text, source };
}

/** A view that drops the given [start, end) ranges of the assembled text (ranges may be unsorted). */
export function viewWithout(text: string, dropped: ReadonlyArray<readonly [number, number]>): TextView {
  const drop = new Uint8Array(text.length);
  for (const [start, end] of dropped) drop.fill(1, start, end);
  const kept: string[] = [];
  const source: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (drop[i] === 1) continue;
    kept.push(text[i] as string);
    source.push(i);
  }
  source.push(text.length);
  return { text: kept.join(""), source: Int32Array.from(source) };
}

/** Maps a view range to the assembled-text range it covers (markup inside the range is included). */
export function toSource(view: TextView, start: number, end: number): { start: number; end: number } {
  const s = view.source[start] ?? 0;
  const lastChar = end > start ? view.source[end - 1] : undefined;
  return { start: s, end: lastChar === undefined ? s : lastChar + 1 };
}
