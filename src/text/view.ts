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

/** One change the matching view makes to the assembled text: [start, end) is read as `insert`. */
export interface ViewEdit {
  start: number;
  end: number;
  insert: string;
}

/**
 * A view with the given edits made (edits may be unsorted; one overlapping an earlier-starting edit is
 * skipped). An inserted character maps back to the first character of the range it replaces, or to
 * the character it stands before.
 */
export function viewEdited(text: string, edits: ReadonlyArray<ViewEdit>): TextView {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  // Unchanged stretches are copied as slices, offsets into a typed array sized for the longest view.
  const parts: string[] = [];
  const source = new Int32Array(text.length + 1 + sorted.reduce((n, e) => n + e.insert.length, 0));
  let n = 0;
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    parts.push(text.slice(at, e.start), e.insert);
    for (; at < e.start; at++) source[n++] = at;
    for (let i = 0; i < e.insert.length; i++) source[n++] = e.end > e.start ? Math.min(e.start + i, e.end - 1) : e.start;
    at = Math.max(at, e.end);
  }
  parts.push(text.slice(at));
  for (; at < text.length; at++) source[n++] = at;
  source[n++] = text.length;
  return { text: parts.join(""), source: source.slice(0, n) };
}

/** Maps a view range to the assembled-text range it covers (markup inside the range is included). */
export function toSource(view: TextView, start: number, end: number): { start: number; end: number } {
  const s = view.source[start] ?? 0;
  const lastChar = end > start ? view.source[end - 1] : undefined;
  return { start: s, end: lastChar === undefined ? s : lastChar + 1 };
}
