/** Word shapes used to read names as French minutes print them. */

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Words and the punctuation that separates list items (",", ";", ":"), with view offsets. */
export function tokenize(text: string, offset: number): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[,;:]|[^\s,;:]+/gu)) out.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
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

/** "B.", "JP.", "M.T.", "J.-P.", "M" (no dot): initials standing for given names. */
export function isInitials(w: string): boolean {
  return /^(?:\p{Lu}{1,2}\.-?)+$/u.test(w) || /^\p{Lu}$/u.test(w);
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
