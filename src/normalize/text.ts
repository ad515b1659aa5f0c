/**
 * Whitespace folded to single spaces, trimmed, trailing separators and rules dropped:
 * "Vice-Président ," → "Vice-Président", "PRIX DE L'EAU ---------" → "PRIX DE L'EAU".
 */
export function foldText(raw: string): string {
  return raw
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/(?:\s*[-=_–—]{3,})+$/u, "")
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
