/** Whitespace folded to single spaces, trimmed, trailing separators dropped: "Vice-Président ," → "Vice-Président". */
export function foldText(raw: string): string {
  return raw
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/[\s,;:]+$/u, "");
}

/** Diacritics, case, quotes, dashes and spacing folded: for comparing, never for output. */
export function foldForMatch(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[’‘`´]/gu, "'")
    .replace(/[‐‑‒–—−]/gu, "-")
    .replace(/[«»“”]/gu, '"')
    .replace(/\s+/gu, " ")
    .trim()
    .toLowerCase();
}
