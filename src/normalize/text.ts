import { boundedMemo } from "../memo/bounded.js";

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

/**
 * Distinct strings foldForMatch remembers: a document's list tokens and the vocabulary's words are a few
 * thousand; the cache is emptied past this, so a batch's memory stays flat.
 */
const FOLD_CACHE_LIMIT = 20_000;
/**
 * Only strings this short are remembered (words, names, phrases: what is compared over and over); a whole
 * annex folded once (shingles.ts) is not kept, so the cache holds at most a few megabytes.
 */
const FOLD_CACHE_MAX_LENGTH = 80;

/** Diacritics, case, quotes, dashes and spacing folded: for comparing, never for output. */
export const foldForMatch: (raw: string) => string = boundedMemo(fold, FOLD_CACHE_LIMIT, FOLD_CACHE_MAX_LENGTH);

function fold(raw: string): string {
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
