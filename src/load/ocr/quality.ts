/**
 * Is a page's text layer worth reading? A layer can be missing, hold a few stray words (a stamp on a
 * scan), or be garbage (a font without a usable ToUnicode map, a poor OCR layer): those pages are OCR'd.
 */
import { FRENCH_WORDS } from "./french-words.js";

/**
 * Fewer letters than this on a page: the layer is sparse, OCR may read more. In the corpora, the 17 such
 * pages hold only a running header ("Ville de Lannion Conseil Municipal du 5 juillet 2021 4"), laid over
 * a scanned annex.
 */
export const SPARSE_LETTERS = 40;
/** Fewer words (≥ 2 letters) than this cannot be judged by their vocabulary: too small a sample. */
export const MIN_WORDS_TO_JUDGE = 12;
/**
 * Below this share of common French words, the layer is garbage. Running French is ~40 % function words;
 * of the 1,676 text-layer pages of ../shared/corpus and corpus/ with ≥ 12 words, the poorest (member lists,
 * budget tables) still have 9.6 %, the next 10.7 %; mis-mapped fonts give 0–2 %.
 */
export const MIN_DICTIONARY_SHARE = 0.06;
/** Above this share of junk characters (private use, replacement, control, stray symbols), the layer is garbage. */
export const MAX_JUNK_SHARE = 0.2;

export interface LayerScore {
  /** Letters on the page. */
  letters: number;
  /** Words of two letters or more. */
  words: number;
  /** Share of those words found in the common French word list (0..1). */
  dictionaryShare: number;
  /** Share of non-space characters that no French text uses (0..1). */
  junkShare: number;
}

export type LayerVerdict = "good" | "none" | "sparse" | "garbage";

/** Characters French text uses besides letters, digits and spaces. */
const PUNCTUATION = /[.,;:!?'’‘"“”«»()[\]{}/\\\-–—‐‑%€$£&*+=<>°§_@#|…~^`²³·•]/u;

/** Letters without accents: folding them only lowercases. */
const PLAIN_LETTERS = /^[A-Za-z]*$/u;

/** Lower case, accents removed: "Délibération" → "deliberation". */
function fold(word: string): string {
  if (PLAIN_LETTERS.test(word)) return word.toLowerCase();
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** What one character counts as on a page. */
type CharKind = "space" | "letter" | "other" | "junk";

function kindOf(ch: string): CharKind {
  if (/\s/u.test(ch)) return "space";
  if (/\p{L}/u.test(ch)) return "letter";
  return /\p{N}/u.test(ch) || PUNCTUATION.test(ch) ? "other" : "junk";
}

/** Characters below this code are looked up in a table made with kindOf itself, instead of tested one by one. */
const TABLE_SIZE = 128;
const TABLED_KINDS: readonly CharKind[] = Array.from({ length: TABLE_SIZE }, (_, code) => kindOf(String.fromCharCode(code)));

/** Scores a page's text (its items joined by spaces). */
export function scoreTextLayer(text: string): LayerScore {
  let letters = 0;
  let junk = 0;
  let visible = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const kind = code < TABLE_SIZE ? (TABLED_KINDS[code] as CharKind) : kindOf(ch);
    if (kind === "space") continue;
    visible++;
    if (kind === "letter") letters++;
    else if (kind === "junk") junk++;
  }
  const words = [...text.matchAll(/\p{L}{2,}/gu)].map((m) => fold(m[0]));
  const known = words.filter((w) => FRENCH_WORDS.has(w)).length;
  return { letters, words: words.length, dictionaryShare: words.length === 0 ? 0 : known / words.length, junkShare: visible === 0 ? 0 : junk / visible };
}

/** What a page's text layer is worth. */
export function judgeTextLayer(score: LayerScore): LayerVerdict {
  if (score.junkShare > MAX_JUNK_SHARE) return "garbage";
  if (score.letters === 0) return "none";
  if (score.words >= MIN_WORDS_TO_JUDGE && score.dictionaryShare < MIN_DICTIONARY_SHARE) return "garbage";
  if (score.letters < SPARSE_LETTERS) return "sparse";
  return "good";
}
