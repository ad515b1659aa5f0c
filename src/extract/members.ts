import type { MemberStatus } from "../model/record.js";
import type { FullVocabulary } from "../rules/compile.js";
import { foldForMatch } from "../normalize/text.js";
import { isGivenName, isInitials, isSurnameWord, tokenize, type Token } from "../names/tokens.js";
import type { Range } from "./candidate.js";

/** A person as a list prints them: "Mme Françoise GALLIOU". Ranges index the matching view. */
export interface PrintedPerson {
  civility: string | null;
  civilityRange: Range | null;
  name: string;
  nameRange: Range;
}

export interface ListedMember extends PrintedPerson {
  status: MemberStatus;
  statusRange: Range;
  commune: string | null;
  communeRange: Range | null;
  substitute: PrintedPerson | null;
}

/** Reads "Civility Given SURNAME" at token i; null when no surname follows. */
export function readPerson(tokens: Token[], i: number, civilities: FullVocabulary["civilities"]): { person: PrintedPerson; next: number } | null {
  const first = tokens[i];
  if (first === undefined) return null;
  const civility = civilities[first.text] ?? null;
  let j = civility === null ? i : i + 1;
  const nameStart = j;
  let surnames = 0;
  for (; j < tokens.length; j++) {
    const w = (tokens[j] as Token).text;
    if (isSurnameWord(w)) surnames++;
    else if (surnames === 0 && (isGivenName(w) || isInitials(w))) continue;
    else break;
  }
  if (surnames === 0) return null;
  const from = tokens[nameStart] as Token;
  const to = tokens[j - 1] as Token;
  return {
    person: {
      civility,
      civilityRange: civility === null ? null : { start: first.start, end: first.end },
      name: tokens.slice(nameStart, j).map((t) => t.text).join(" "),
      nameRange: { start: from.start, end: to.end },
    },
    next: j,
  };
}

/** The marker at token i ("représenté par son suppléant"), as the number of tokens it spans, or 0. */
function markerLength(tokens: Token[], i: number, markers: readonly string[]): number {
  for (const marker of markers) {
    const words = marker.split(/\s+/u);
    const seen = tokens.slice(i, i + words.length).map((t) => foldForMatch(t.text));
    if (seen.length === words.length && words.every((w, k) => foldForMatch(w) === seen[k])) return words.length;
  }
  return 0;
}

/**
 * Reads a list of members as intercommunal minutes print it, communes run into names:
 * "Audeux : Mme Françoise GALLIOU Besançon : Mme Elise AEBISCHER, Mme Frédérique BAEHR, …"
 * "Roset-Fluans : M. Jacques ADRIANSEN représenté par son suppléant M. Dominique LHOMME Saint-Vit : …"
 */
export function readMemberList(text: string, body: Range, status: MemberStatus, statusRange: Range, vocabulary: FullVocabulary): { members: ListedMember[]; skipped: Token[] } {
  const tokens = tokenize(text.slice(body.start, body.end), body.start);
  const members: ListedMember[] = [];
  const skipped: Token[] = [];
  let commune: { name: string; range: Range } | null = null;
  let pending: Token[] = []; // words since the last item: a commune label if a colon follows
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i] as Token;
    if (tok.text === ":") {
      const first = pending[0];
      const last = pending.at(-1);
      if (first !== undefined && last !== undefined) commune = { name: text.slice(first.start, last.end).replace(/\s+/gu, " "), range: { start: first.start, end: last.end } };
      pending = [];
      i++;
      continue;
    }
    if (tok.text === "," || tok.text === ";") {
      skipped.push(...pending);
      pending = [];
      i++;
      continue;
    }
    const read = vocabulary.civilities[tok.text] !== undefined ? readPerson(tokens, i, vocabulary.civilities) : null;
    if (read === null) {
      pending.push(tok);
      i++;
      continue;
    }
    skipped.push(...pending);
    pending = [];
    const member: ListedMember = { ...read.person, status, statusRange, commune: commune?.name ?? null, communeRange: commune?.range ?? null, substitute: null };
    i = read.next;
    const marker = markerLength(tokens, i, vocabulary.substituteMarkers);
    if (marker > 0) {
      const sub = readPerson(tokens, i + marker, vocabulary.civilities);
      if (sub !== null) {
        member.substitute = sub.person;
        i = sub.next;
      }
    }
    members.push(member);
  }
  skipped.push(...pending);
  return { members, skipped };
}
