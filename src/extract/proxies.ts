import type { FullVocabulary } from "../rules/compile.js";
import { foldForMatch } from "../normalize/text.js";
import { isGivenName, isInitials, isSurnameWord, phraseLength, tokenize, type Token } from "../names/tokens.js";
import type { Range } from "./candidate.js";

/** One end of a proxy as printed: "M.T. MICHEL" → given "M.T.", surname "MICHEL". */
export interface PrintedRef {
  /** "M." is read as an initial, so only other civilities land here ("Madame" → "Mme"). */
  civility: string | null;
  civilityRange: Range | null;
  given: string | null;
  surname: string;
  printed: string;
  range: Range;
}

export interface PrintedProxy {
  from: PrintedRef;
  to: PrintedRef;
  range: Range;
}

/**
 * Drops remarks in parentheses ("(à partir de la question 3)": their "à" would read as a proxy), but keeps
 * the inside of a parenthesis that states the proxy: "Yves NEDELLEC (procuration à Marie-Annick GUILLOU)".
 */
function withoutParentheses(tokens: Token[], joiners: readonly string[]): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let kept = false;
  tokens.forEach((t, i) => {
    if (t.text === "(") {
      if (depth === 0) kept = phraseLength(tokens, i + 1, joiners) > 0 && !startsWithBareJoiner(tokens, i + 1);
      depth++;
      return;
    }
    if (t.text === ")" && depth > 0) {
      depth--;
      return;
    }
    if (t.text === ")") return;
    if (depth === 0 || kept) out.push(t);
  });
  return out;
}

/** "(à partir de …)": a bare "à" opening a remark is no proxy statement. */
function startsWithBareJoiner(tokens: Token[], i: number): boolean {
  return foldForMatch(tokens[i]?.text ?? "") === "a";
}

/** "C.DEVESA" → "C." + "DEVESA": initials glued to the surname are split (offsets kept). */
function splitGlued(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const m = /^((?:\p{Lu}{1,2}\.)+)(\p{Lu}[\p{Lu}'’-]*\p{Lu})$/u.exec(t.text);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      out.push({ text: m[1], start: t.start, end: t.start + m[1].length }, { text: m[2], start: t.start + m[1].length, end: t.end });
    } else out.push(t);
  }
  return out;
}

/** Reads initials/given names then surname words; stops before the next person's initials. */
function readRef(tokens: Token[], i: number, civilities: FullVocabulary["civilities"]): { ref: PrintedRef; next: number } | null {
  let j = i;
  // "M." and "M" are read as initials (M.T. MICHEL, M. ZEHAF for Marie ZEHAF, M PIGNARD); name resolution decides. Other civilities are skipped.
  const civ = tokens[j];
  // …but "M. Philippe VILLARD": before a given name written out, "M." is the civility.
  const mister = (civ?.text === "M." || civ?.text === "M") && isGivenName(tokens[j + 1]?.text ?? "");
  const civility = civ !== undefined && ((civ.text !== "M." && civ.text !== "M") || mister) ? (civilities[civ.text] ?? null) : null;
  if (civility !== null) j++;
  const start = j;
  while (j < tokens.length && (isInitials((tokens[j] as Token).text) || isGivenName((tokens[j] as Token).text))) j++;
  const givenEnd = j;
  while (j < tokens.length && isSurnameWord((tokens[j] as Token).text)) j++;
  if (j === givenEnd) return null;
  const first = tokens[start] as Token;
  const last = tokens[j - 1] as Token;
  const given = givenEnd > start ? tokens.slice(start, givenEnd).map((t) => t.text).join(" ") : null;
  return {
    ref: {
      civility,
      civilityRange: civility === null || civ === undefined ? null : { start: civ.start, end: civ.end },
      given,
      surname: tokens.slice(givenEnd, j).map((t) => t.text).join(" "),
      printed: tokens.slice(start, j).map((t) => t.text).join(" "),
      range: { start: first.start, end: last.end },
    },
    next: j,
  };
}

/**
 * Reads a proxy list: "T. JAVAUX à C. MAGNIN-FEYSOT, M.J. BERNABEU à P. SIMONIN, … et D. LEGAIN à D. LHOMME".
 * A missing separator is tolerated: "L. BERNARD à JP. MICHAUD B. LOUIS à F. TAILLARD" gives two proxies.
 */
export function readProxyList(text: string, body: Range, vocabulary: FullVocabulary): { proxies: PrintedProxy[]; skipped: Token[] } {
  // "(à partir de la question 3)": remarks in parentheses hold no proxy; their "à" would read as one.
  const tokens = splitGlued(withoutParentheses(tokenize(text.slice(body.start, body.end), body.start), vocabulary.proxyJoiners));
  const separators = new Set(vocabulary.proxySeparators.map(foldForMatch));
  const proxies: PrintedProxy[] = [];
  const skipped: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    if (separators.has(foldForMatch((tokens[i] as Token).text))) {
      i++;
      continue;
    }
    const from = readRef(tokens, i, vocabulary.civilities);
    const joiner = from === null ? 0 : phraseLength(tokens, from.next, vocabulary.proxyJoiners);
    const to = from !== null && joiner > 0 ? readRef(tokens, from.next + joiner, vocabulary.civilities) : null;
    if (from === null || to === null) {
      skipped.push(tokens[i] as Token);
      i++;
      continue;
    }
    proxies.push({ from: from.ref, to: to.ref, range: { start: from.ref.range.start, end: to.ref.range.end } });
    i = to.next;
  }
  return { proxies, skipped };
}
