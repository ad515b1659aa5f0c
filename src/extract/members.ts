import type { MemberStatus } from "../model/record.js";
import { multiWord } from "../names/multi-word.js";
import type { FullVocabulary } from "../rules/compile.js";
import { foldForMatch } from "../normalize/text.js";
import { isGivenName, isInitials, isSurnameWord, phraseLength, tokenize, type Token } from "../names/tokens.js";
import type { Range } from "./candidate.js";
import { pairMarkAt, type PairMark } from "./proxy-pairs.js";

/** A person as a list prints them: "Mme Françoise GALLIOU". Ranges index the matching view. */
export interface PrintedPerson {
  civility: string | null;
  civilityRange: Range | null;
  /** "Firstname SURNAME", whatever order the list prints. */
  name: string;
  nameRange: Range;
}

export interface ListedMember extends PrintedPerson {
  status: MemberStatus;
  statusRange: Range;
  commune: string | null;
  communeRange: Range | null;
  substitute: PrintedPerson | null;
  /** "M. X (pouvoir à Mme Y)", "X donne pouvoir à Y": the holder as printed, and the whole phrase. */
  proxy: { to: PrintedPerson; range: Range } | null;
  /** "Agnès (Pr**)": the mark pairing a proxy's giver with its holder (src/extract/proxy-pairs.ts). */
  pairMark?: PairMark;
}

/** "..........": the dots a typist put between a label and its names. */
const DOT_LEADER = /^\.{3,}$/u;

/** "NOZEROY ........... MM. CART-LAMY", "SAINT-OURS : M. X": the words before a colon or a dot leader are a label. */
function labelAhead(tokens: Token[], i: number, vocabulary: FullVocabulary): boolean {
  for (let j = i; j < tokens.length; j++) {
    const t = (tokens[j] as Token).text;
    // "W.AUGUSTE : adjoints", "C.FOROT : procuration à W.AUGUSTE": what follows the colon says what the
    // person is or did; the words before it are a person, not a commune.
    if (t === ":" && (isRole(tokens[j + 1]?.text ?? "", vocabulary) || phraseLength(tokens, j + 1, multiWord(vocabulary.proxyMarkers)) > 0)) return false;
    if (t === ":" || DOT_LEADER.test(t)) return true;
    if (SEPARATORS.has(t) || t === "(" || t === ")") return false;
  }
  return false;
}

/** "Commune de Recey-sur-Ource :" → "Recey-sur-Ource": the label names the commune. */
function communeLabel(text: string, first: Token, last: Token): { name: string; range: Range } {
  const raw = text.slice(first.start, last.end);
  const prefix = /^(?:Commune|COMMUNE|Ville|VILLE)\s+(?:de|d['’]|du|des|DE|D['’]|DU|DES)\s*/u.exec(raw);
  const start = first.start + (prefix?.[0].length ?? 0);
  return { name: text.slice(start, last.end).replace(/\s+/gu, " "), range: { start, end: last.end } };
}

/** What ends a list item. */
const SEPARATORS: ReadonlySet<string> = new Set([",", ";", "\n", "\t", "-", "−", "–", "•", ".", "/"]);

/**
 * Civilities that stand for a group ("MM. DURAND, LEFEVRE", "MMES DOUBLET, GILBERT"), by the civility
 * each person of a surname-only list gets; a list of full names under "MM." is often mixed: null.
 */
const GROUP_CIVILITIES: ReadonlyMap<string, string> = new Map([
  ["MM.", "M."],
  ["Mmes", "Mme"],
]);

/** Four capitalised words alone in an item are two "Given Surname" names a lost separator ran together. */
const RUN_TOGETHER_WORDS = 4;

const isName = (w: string): boolean => isSurnameWord(w) || isGivenName(w) || isInitials(w);

/**
 * Reads a person at token i: "[Civility] Given SURNAME", "[Civility] SURNAME Given", "SURNAME" alone, and,
 * when `alone` (the item holds nothing else), a given name alone ("Marc"). Null when no name is there.
 */
export function readPerson(tokens: Token[], i: number, civilities: FullVocabulary["civilities"], alone = false): { person: PrintedPerson; next: number; runTogether?: true } | null {
  const first = tokens[i];
  if (first === undefined) return null;
  // "M.DENISE" in "C.FOROT — M.DENISE — N.GALIANA": an initial glued to its surname, not "Monsieur".
  const civility = first.glued === true ? null : (civilities[first.text] ?? null);
  const text = (k: number): string => tokens[k]?.text ?? "";
  let nameStart = civility === null ? i : i + 1;
  // "MME\nRESTOUX": a civility ending one line, the name starting the next.
  if (civility !== null) while (text(nameStart) === "\n") nameStart++;
  let j = nameStart;
  let given: Token[] = [];
  let surname: Token[] = [];
  let runTogether = false;
  if (isSurnameWord(text(j)) && !isInitials(text(j))) {
    // "DRUGEON Serge": surname first, then given names.
    while (isSurnameWord(text(j))) surname.push(tokens[j++] as Token);
    while (isGivenName(text(j))) given.push(tokens[j++] as Token);
  } else {
    while (isGivenName(text(j)) || isInitials(text(j))) given.push(tokens[j++] as Token);
    // "S.\nVALLOIR": an initial ending one line, the surname starting the next.
    if (text(j) === "\n" && isInitials(given.at(-1)?.text ?? "") && isSurnameWord(text(j + 1))) j++;
    while (isSurnameWord(text(j))) surname.push(tokens[j++] as Token);
    if (surname.length === 0) {
      // "Yves Nicolin Mahdi Nouibat": two mixed-case names run together without their separator.
      if (alone && given.length === RUN_TOGETHER_WORDS) {
        given = given.slice(0, RUN_TOGETHER_WORDS / 2);
        j = nameStart + given.length;
        runTogether = true;
      } else if (!alone || given.length === 0 || given.length > 3) return null;
      surname = [];
    }
  }
  if (given.length === 0 && surname.length === 0) return null;
  const all = [...given, ...surname];
  const from = Math.min(...all.map((t) => t.start));
  const to = Math.max(...all.map((t) => t.end));
  return {
    person: {
      civility,
      civilityRange: civility === null ? null : { start: first.start, end: first.end },
      name: all.map((t) => t.text).join(" "),
      nameRange: { start: from, end: to },
    },
    next: j,
    ...(runTogether ? { runTogether: true as const } : {}),
  };
}

/** True when the tokens from i to the next separator are all name words (the item is a lone name). */
function loneItem(tokens: Token[], i: number, civilities: FullVocabulary["civilities"]): boolean {
  let j = i;
  if (civilities[tokens[j]?.text ?? ""] !== undefined) j++;
  let n = 0;
  for (; j < tokens.length; j++, n++) {
    const t = (tokens[j] as Token).text;
    if (t === ":" || t === "\t") return false; // "Audeux :", "Saint-Ours\t…": a label, not a lone name
    if (SEPARATORS.has(t) || t === ")" || t === "(" || foldForMatch(t) === "et") break;
    if (!isName(t)) return false;
  }
  return n > 0;
}

/** A vocabulary's role words, folded, once per list (vocabularies live as long as the process). */
const foldedRoleSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function foldedRoles(roleWords: readonly string[]): ReadonlySet<string> {
  let set = foldedRoleSets.get(roleWords);
  if (set === undefined) {
    set = new Set(roleWords.map(foldForMatch));
    foldedRoleSets.set(roleWords, set);
  }
  return set;
}

/** "Député-Maire", "adjoints": a role, not a first name. */
function isRole(word: string, vocabulary: FullVocabulary): boolean {
  const roles = foldedRoles(vocabulary.roleWords);
  return foldForMatch(word).split("-").some((part) => roles.has(part));
}


/**
 * Where the words after a phrase at token i start, or 0: "représenté par son suppléant M. X" at i, or after
 * a comma (", qui a donné pouvoir à M. Y") when the phrase is more than one word (a bare "à" after a comma
 * starts a remark, not a proxy).
 */
function phraseAfter(tokens: Token[], i: number, phrases: readonly string[]): number {
  const n = phraseLength(tokens, i, phrases);
  if (n > 0) return i + n;
  // "M. X, donne pouvoir à", "C.FOROT : procuration à W.AUGUSTE".
  if (tokens[i]?.text !== "," && tokens[i]?.text !== ":") return 0;
  const m = phraseLength(tokens, i + 1, multiWord(phrases));
  return m > 0 ? i + 1 + m : 0;
}

/** Words a commune's name may hold in lower case ("Saint-Martin-sur-Ouche" is one token; "Vaux et Chantegrue" is not). */
const COMMUNE_PARTICLES: ReadonlySet<string> = new Set(["de", "du", "des", "d'", "d’", "le", "la", "les", "l'", "l’", "sur", "sous", "en", "et", "lès", "lez"]);
/** A label's words name a place: each capitalised ("Roche-lez-Beaupré", "NOZEROY", "d'Ognon") or a particle. */
function namesAPlace(words: readonly Token[]): boolean {
  return words.every((w) => /^(?:[dl]['’])?\p{Lu}/u.test(w.text) || COMMUNE_PARTICLES.has(w.text) || !/\p{L}/u.test(w.text));
}

/** A commune in parentheses is short: "(Chêne-Bernard)", "(Saint Martin du Mont)". */
const MAX_COMMUNE_WORDS = 5;

/**
 * "(Chaumergy)" after a member: capitalised words (and particles), no digits, no role, no civility.
 * "(arrivé en cours de séance)", "(A PARTIR DE LA QUESTION N°6)", "(Maire)" are not communes.
 */
function communeInParentheses(tokens: Token[], at: number, vocabulary: FullVocabulary): { name: string; range: Range; next: number } | null {
  // "VUILLET\n(Charbonny)": the parenthesis may open the next line.
  let i = at;
  while (tokens[i]?.text === "\n") i++;
  if (tokens[i]?.text !== "(") return null;
  const words: Token[] = [];
  let j = i + 1;
  for (; j < tokens.length && (tokens[j] as Token).text !== ")"; j++) words.push(tokens[j] as Token);
  const first = words[0];
  const lastWord = words.at(-1);
  if (first === undefined || lastWord === undefined || j >= tokens.length || words.length > MAX_COMMUNE_WORDS) return null;
  const capitalised = (w: string): boolean => /^\p{Lu}[\p{Ll}'’]+(?:-\p{L}[\p{Ll}'’]*)*$/u.test(w);
  const ok = capitalised(first.text) && words.every((w) => capitalised(w.text) || COMMUNE_PARTICLES.has(w.text));
  if (!ok || isRole(first.text, vocabulary) || vocabulary.civilities[first.text] !== undefined) return null;
  if (phraseLength(tokens, i + 1, [...vocabulary.substituteOfMarkers, ...vocabulary.proxyMarkers]) > 0) return null;
  return { name: words.map((w) => w.text).join(" "), range: { start: first.start, end: lastWord.end }, next: j + 1 };
}

/**
 * Reads a list of members in the forms minutes print:
 * "Audeux : Mme Françoise GALLIOU Besançon : Mme Elise AEBISCHER, …" (communes run into names),
 * "MM. Serge DRUGEON, Roland LEFOYER" (grouped civility), "DURAND Pierre", "Marc, Julie et Paul",
 * "M. Jacques ADRIANSEN représenté par son suppléant M. Dominique LHOMME",
 * "M. Pierre DURAND (pouvoir à Mme Anne ROUX)", "Mme Laurence CHAUVIN à Mr Michel SOISNARD".
 */
export function readMemberList(text: string, body: Range, status: MemberStatus, statusRange: Range, vocabulary: FullVocabulary): { members: ListedMember[]; skipped: Token[] } {
  const tokens = tokenize(text.slice(body.start, body.end), body.start);
  const civilities = vocabulary.civilities;
  const members: ListedMember[] = [];
  const skipped: Token[] = [];
  let commune: { name: string; range: Range } | null = null;
  let pending: Token[] = []; // words since the last item: a commune label if a colon follows
  let itemStart = true; // after a separator a bare name may start a person
  let last: ListedMember | null = null;
  let depth = 0; // inside "( … )"
  let group: { civility: string | null; range: Range } | null = null; // "MM." before several persons
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i] as Token;
    if (tok.text === "(" || tok.text === ")") {
      depth += tok.text === "(" ? 1 : -1;
      if (depth < 0) depth = 0;
      i++;
      // "Yves Meunier (Suppléant Laurence Boyer)": the member is Laurence Boyer, sitting through Yves Meunier.
      const of = tok.text === "(" && last !== null ? phraseLength(tokens, i, vocabulary.substituteOfMarkers) : 0;
      const seated = of > 0 ? readPerson(tokens, i + of, civilities, true) : null;
      if (last !== null && seated !== null) {
        const sitter: PrintedPerson = { civility: last.civility, civilityRange: last.civilityRange, name: last.name, nameRange: last.nameRange };
        Object.assign(last, seated.person, { substitute: sitter });
        i = seated.next;
        continue;
      }
      if (tok.text === "(" && last !== null) {
        // "(pouvoir à Mme Y)": a proxy inside parentheses belongs to the member before it.
        // A bare "à" is too weak here: "(à partir de la question 5)" is no proxy.
        const p = phraseLength(tokens, i, multiWord(vocabulary.proxyMarkers));
        const holder = p > 0 ? readPerson(tokens, i + p, civilities, true) : null;
        if (holder !== null) {
          last.proxy = { to: holder.person, range: { start: last.nameRange.start, end: holder.person.nameRange.end } };
          i = holder.next;
        }
        const mark = holder === null ? pairMarkAt(tokens, i, last.nameRange.start, vocabulary) : null;
        if (mark !== null) last.pairMark = mark;
      }
      continue;
    }
    if (depth > 0) {
      i++; // "(arrivée à 19h07)": not a member
      continue;
    }
    // "Saint-Ours\tM. Jean DURAND": in a table flattened to lines, a first cell that is no person is the commune.
    // "NOZEROY ........... MM. CART-LAMY": a typed dot leader ends a label as a colon does.
    if (tok.text === ":" || DOT_LEADER.test(tok.text) || (tok.text === "\t" && pending.length > 0)) {
      const first = pending[0];
      const lastTok = pending.at(-1);
      // "Date de l'avis de convocation :" (a margin note run into the list, Avranches 2018) names no place.
      if (first !== undefined && lastTok !== undefined && namesAPlace(pending)) commune = communeLabel(text, first, lastTok);
      pending = [];
      itemStart = true;
      i++;
      continue;
    }
    // "et" separates two persons ("Julie et Paul"), not the words of a commune ("Chemaudin et Vaux :").
    if (SEPARATORS.has(tok.text) || (foldForMatch(tok.text) === "et" && pending.length === 0)) {
      skipped.push(...pending);
      pending = [];
      itemStart = true;
      i++;
      continue;
    }
    const civility = tok.glued === true ? undefined : civilities[tok.text];
    if (civility !== undefined && GROUP_CIVILITIES.has(civility)) {
      group = { civility: GROUP_CIVILITIES.get(civility) ?? null, range: { start: tok.start, end: tok.end } };
      i++;
      itemStart = true;
      continue;
    }
    if (civility !== undefined) group = null;
    // "C.FOROT N.VERDON": a glued initial starts the next person even without a separator.
    const canStart: boolean = civility !== undefined || (tok.glued === true && !itemStart && last !== null) || (itemStart && isName(tok.text) && !isRole(tok.text, vocabulary) && !labelAhead(tokens, i, vocabulary));
    const read: ReturnType<typeof readPerson> = canStart ? readPerson(tokens, i, civilities, loneItem(tokens, i, civilities)) : null;
    if (read === null) {
      pending.push(tok);
      itemStart = false;
      i++;
      continue;
    }
    skipped.push(...pending);
    pending = [];
    const { person } = read;
    // Written out, not `{ ...read.person, status, … }`: that spread was a fifth of this function's time.
    const member: ListedMember = {
      civility: person.civility,
      civilityRange: person.civilityRange,
      name: person.name,
      nameRange: person.nameRange,
      status,
      statusRange,
      commune: commune?.name ?? null,
      communeRange: commune?.range ?? null,
      substitute: null,
      proxy: null,
    };
    if (member.civility === null && group !== null && member.name.split(" ").every(isSurnameWord)) {
      member.civility = group.civility;
      member.civilityRange = group.range;
    }
    i = read.next;
    // "Mme Sandrine BEAUD (Chaumergy)": the member's commune in parentheses.
    const place = communeInParentheses(tokens, i, vocabulary);
    if (place !== null) {
      member.commune = place.name;
      member.communeRange = place.range;
      i = place.next;
    }
    const sub = phraseAfter(tokens, i, vocabulary.substituteMarkers);
    const substitute = sub > 0 ? readPerson(tokens, sub, civilities, true) : null;
    if (substitute !== null) {
      member.substitute = substitute.person;
      i = substitute.next;
    }
    // "Mme Élodie MAITRE (Chêne-Bernard), en remplacement de M. Alain COMBE": COMBE sits through MAITRE.
    const of = phraseAfter(tokens, i, multiWord(vocabulary.substituteOfMarkers));
    const seated = of > 0 ? readPerson(tokens, of, civilities, true) : null;
    if (seated !== null) {
      const sitter: PrintedPerson = { civility: member.civility, civilityRange: member.civilityRange, name: member.name, nameRange: member.nameRange };
      Object.assign(member, seated.person, { substitute: sitter });
      i = seated.next;
    }
    const prox = phraseAfter(tokens, i, vocabulary.proxyMarkers);
    const holder = prox > 0 ? readPerson(tokens, prox, civilities, true) : null;
    if (holder !== null) {
      member.proxy = { to: holder.person, range: { start: member.nameRange.start, end: holder.person.nameRange.end } };
      i = holder.next;
    }
    members.push(member);
    last = member;
    itemStart = read.runTogether === true; // the second name of a run-together pair starts an item
  }
  skipped.push(...pending);
  return { members, skipped };
}
