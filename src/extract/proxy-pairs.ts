import type { FullVocabulary } from "../rules/compile.js";
import { foldForMatch } from "../normalize/text.js";
import type { Token } from "../names/tokens.js";
import type { Range } from "./candidate.js";
import type { ListedMember } from "./members.js";

/** A proxy mark after a member's name: "(Pr**)"; members carrying the same key are a proxy's two ends. */
export interface PairMark {
  key: string;
  /** From the member's name to the closing parenthesis: "Marielle (Pr**)", the proxy's printed text. */
  range: Range;
}

/** What closes a mark's opening word: stars ("Pr***") or a number ("P2"). */
const MARK_TAIL = /^(?:\*{1,6}|\d{1,2})$/u;

/**
 * The mark whose word is at token `i`, inside the parentheses opened before it: "Agnès (Pr**)" (Couthenans,
 * 29 January 2021). Null when the parentheses hold anything else ("(arrivé en cours de séance)").
 */
export function pairMarkAt(tokens: readonly Token[], i: number, nameStart: number, vocabulary: FullVocabulary): PairMark | null {
  const word = tokens[i];
  const close = tokens[i + 1];
  if (word === undefined || close?.text !== ")") return null;
  const folded = foldForMatch(word.text);
  const opener = vocabulary.proxyPairMarks.find((p) => folded.startsWith(foldForMatch(p)) && MARK_TAIL.test(word.text.slice(p.length)));
  if (opener === undefined) return null;
  return { key: folded, range: { start: nameStart, end: close.end } };
}

/**
 * Each absent member with a mark gave their proxy to the member present with the same mark ("Marielle
 * (Pr**)" among the excused, "Agnès (Pr**)" among the present). A mark that no present member, or more
 * than one, carries pairs nobody.
 */
export function pairByMarks(listed: readonly ListedMember[]): void {
  for (const giver of listed) {
    if (giver.status !== "absent" || giver.pairMark === undefined || giver.proxy !== null) continue;
    const key = giver.pairMark.key;
    const holders = listed.filter((m) => m.status === "present" && m.pairMark?.key === key);
    const holder = holders[0];
    if (holder === undefined || holders.length > 1) continue;
    giver.proxy = { to: { civility: holder.civility, civilityRange: holder.civilityRange, name: holder.name, nameRange: holder.nameRange }, range: giver.pairMark.range };
  }
}
