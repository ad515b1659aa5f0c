/** Word shapes used to read names as French minutes print them. */
import { foldForMatch } from "../normalize/text.js";
import { boundedMemo } from "../memo/bounded.js";
import { matchesOf } from "../text/matches.js";

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Initials glued to the surname that follows ("M." of "M.DENISE"): an initial, never a civility. */
  glued?: true;
}

/** A token: a line break, a cell, list punctuation, a dash or bullet standing alone, or a word. */
const TOKEN = /\n|\t|[,;:()]|(?<=^|\s)(?:[-−–—]+|•)(?=\s)|[^\s,;:()]+/gu;

/** Words, list punctuation (",", ";", ":", "(", ")"), bullets, table cells ("\t") and line breaks ("\n"), with view offsets. */
export function tokenize(text: string, offset: number): Token[] {
  const out: Token[] = [];
  // "P,SOLIER": OCR read the dot of a glued initial as a comma (same length: offsets kept).
  text = text
    .replace(/(?<![\p{L}\d])(\p{Lu}),(?=\p{Lu}{3})/gu, "$1.")
    // "|.MEJEAN": the capital I of a glued initial read as a bar.
    .replace(/(?<![\p{L}\d|])\|(?=\.\p{Lu}{3})/gu, "I")
    // "C.FOROT -T.BUSIN": a dash run into the next glued name still separates.
    .replace(/(?<=\s)[-—–](?=\p{Lu}\.\p{Lu}{3})/gu, " ");
  // exec on one regex (matchesOf), not matchAll, which copies the regex at every call.
  for (const m of matchesOf(TOKEN, text)) {
    const start = offset + m.index;
    const word = m[0];
    // "T.BUSIN — N.VERDON -— W.AUGUSTE": an em dash, or a dash doubled by OCR, separates like a dash.
    if (/^[-−–—]{2,}$|^—$/u.test(word)) {
      out.push({ text: "–", start, end: start + word.length });
      continue;
    }
    // "C.BUZOS": initials glued to the surname are two words (offsets kept).
    const glued = /^((?:\p{Lu}{1,2}\.|\p{Lu}\p{Ll}{1,2}\.)+)(\p{Lu}[\p{Lu}'’-]*\p{Lu})$/u.exec(word);
    if (glued?.[1] !== undefined && glued[2] !== undefined) {
      out.push({ text: glued[1], start, end: start + glued[1].length, glued: true }, { text: glued[2], start: start + glued[1].length, end: start + word.length });
      continue;
    }
    // "MACE." ends a sentence: the dot is punctuation. "JP.", "M.T." and "Ph." keep theirs: they are initials.
    if (word.length > 1 && word.endsWith(".") && !INITIALS.test(word)) {
      out.push({ text: word.slice(0, -1), start, end: start + word.length - 1 }, { text: ".", start: start + word.length - 1, end: start + word.length });
    } else out.push({ text: word, start, end: start + word.length });
  }
  return out;
}

/** "GALLIOU", "MAGNIN-FEYSOT", "D'ARTAGNAN": two or more capitals, no final dot. */
export function isSurnameWord(w: string): boolean {
  return /^\p{Lu}[\p{Lu}'’-]*\p{Lu}$/u.test(w);
}

/** "Françoise", "Jean-Emmanuel": a capitalised given name. */
export function isGivenName(w: string): boolean {
  return /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)*$/u.test(w);
}

/** "B.", "JP.", "M.T.", "J.-P.", "Ph.", "Ch." (a capital and one or two small letters, dotted). */
const INITIALS = /^(?:(?:\p{Lu}{1,2}|\p{Lu}\p{Ll}{1,2})\.-?)+$/u;

/** "B.", "JP.", "M.T.", "J.-P.", "Ph.", "M" (no dot): initials standing for given names. */
export function isInitials(w: string): boolean {
  return INITIALS.test(w) || /^\p{Lu}$/u.test(w);
}

/** The initials a given name or printed initials stand for: "Marie-Thérèse" → "MT", "M.T." → "MT", "JE." → "JE". */
export function initialsOf(given: string): string {
  if (isInitials(given) || /^\p{Lu}{1,3}$/u.test(given)) return given.replace(/[.\-\s]/gu, "");
  return given
    .split(/[\s-]+/u)
    .filter((p) => p !== "")
    .map((p) => p[0] ?? "")
    .join("")
    .toUpperCase();
}

/** Phrases the vocabulary holds are a few hundred: their folded words are remembered, the cache emptied past this. */
const PHRASE_CACHE_LIMIT = 5_000;

/** "donne pouvoir à" → ["donne", "pouvoir", "a"]: a phrase's words, folded for matching. */
const foldedWords = boundedMemo((phrase) => phrase.split(/\s+/u).map(foldForMatch), PHRASE_CACHE_LIMIT);

/** The phrase at token i ("représenté par son suppléant", "donne pouvoir à"), as the number of tokens it spans, or 0. */
export function phraseLength(tokens: Token[], i: number, phrases: readonly string[]): number {
  for (const phrase of phrases) {
    const words = foldedWords(phrase);
    if (i < 0 || i + words.length > tokens.length) continue;
    let k = 0;
    while (k < words.length && foldForMatch((tokens[i + k] as Token).text) === words[k]) k++;
    if (k === words.length) return words.length;
  }
  return 0;
}
