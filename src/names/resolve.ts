import JaroWinklerDistance from "natural/lib/natural/distance/jaro-winkler_distance.js";
import { foldForMatch } from "../normalize/text.js";
import { boundedMemo } from "../memo/bounded.js";
import { initialsOf, isSurnameWord } from "./tokens.js";

/**
 * Surnames at least this similar (Jaro-Winkler) are taken as the same person when no surname matches exactly:
 * OCR and typing slips change one or two letters of a 6–12-letter surname ("GAGLILOLO"/"GAGLIOLO" = 0.96).
 */
export const SURNAME_FUZZY_MIN = 0.92;

export interface RosterEntry {
  /** As the attendance list prints it: "Marie-Thérèse MICHEL". */
  name: string;
  given: string;
  surname: string;
}

export type Resolution =
  | { kind: "resolved"; entry: RosterEntry; note: null }
  | { kind: "resolved"; entry: RosterEntry; note: "initial-mismatch" | "fuzzy-surname" }
  | { kind: "ambiguous"; candidates: RosterEntry[] }
  | { kind: "unresolved" };

/** Names a batch splits are a few hundred per document (every record of a register splits the same): remembered, the cache emptied past this. */
const ROSTER_CACHE_LIMIT = 20_000;
/** Longer strings are no names: not remembered. */
const ROSTER_MAX_LENGTH = 80;

/**
 * Splits "Jean-Paul MICHAUD" into given "Jean-Paul" and surname "MICHAUD" (the trailing capitalised words).
 * One entry per name, shared by its callers: never change it.
 */
export const rosterEntry: (name: string) => Readonly<RosterEntry> = boundedMemo(
  (name) => {
    const words = name.split(/\s+/u);
    let k = words.length;
    while (k > 0 && isSurnameWord(words[k - 1] as string)) k--;
    if (k === words.length) k = Math.max(0, words.length - 1);
    return { name, given: words.slice(0, k).join(" "), surname: words.slice(k).join(" ") };
  },
  ROSTER_CACHE_LIMIT,
  ROSTER_MAX_LENGTH,
);

/** Everyone a record's attendance lists name, as roster entries: each member, then the substitute sitting for them. */
export function rosterOf(members: ReadonlyArray<{ name: string; substitute?: { name: string } | undefined }>): RosterEntry[] {
  return members.flatMap((m) => (m.substitute === undefined ? [rosterEntry(m.name)] : [rosterEntry(m.name), rosterEntry(m.substitute.name)]));
}

/** Names a batch compares are a few thousand per document: their keys are remembered, the cache emptied past this. */
const NAME_KEY_CACHE_LIMIT = 20_000;
/** Longer strings are no names: their key is not remembered (the cache stays a few megabytes). */
const NAME_KEY_MAX_LENGTH = 80;

/** A name folded for comparison, spaces, apostrophes and hyphens dropped: "Marie-Annick" = "Marie Annick". */
export const nameKey: (name: string) => string = boundedMemo((name) => foldForMatch(name).replace(/[\s'’-]/gu, ""), NAME_KEY_CACHE_LIMIT, NAME_KEY_MAX_LENGTH);

function sameSurname(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** A name's folded words, remembered as nameKey's are (shared arrays: never change one). */
const foldedWords: (name: string) => readonly string[] = boundedMemo((name) => foldForMatch(name).split(/\s+/u), NAME_KEY_CACHE_LIMIT, NAME_KEY_MAX_LENGTH);

/** "Gaudin" and "Sylvain GAUDIN", "Macé" and "Annick Macé": one person when the shorter name's words end the longer one's. */
export function samePerson(a: string, b: string): boolean {
  const x = foldedWords(a);
  const y = foldedWords(b);
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((w, k) => long[long.length - short.length + k] === w);
}

/** Initials without accents: "É." stands for Elodie as for Élodie, and OCR reads "A. BIHR" as "À. BIHR". */
function bareInitials(given: string): string {
  return initialsOf(given).normalize("NFD").replace(/\p{M}/gu, "");
}

function initialsFit(printed: string, entry: RosterEntry): boolean {
  const want = bareInitials(printed);
  const have = bareInitials(entry.given);
  return want !== "" && have.startsWith(want);
}

/** Among entries with one surname, those the printed initials fit. "M." may be a civility: it then fits anyone. */
function byInitials(given: string | null, entries: RosterEntry[]): { fitting: RosterEntry[]; mismatch: boolean } {
  if (given === null) return { fitting: entries, mismatch: false };
  // A list printing surnames only ("M. BAZIN") gives no initials to check against: any initial fits.
  const fitting = entries.filter((e) => e.given === "" || initialsFit(given, e));
  if (fitting.length > 0) return { fitting, mismatch: false };
  // "M. FELT" may mean Monsieur FELT: with no initial fitting, read "M." as a civility.
  if (given === "M." && entries.length === 1) return { fitting: entries, mismatch: false };
  return { fitting: entries, mismatch: true };
}

/** Resolves a printed reference ("F. BARBAROSSA", "JE. LAFARGE") against the people the document lists. */
export function resolveName(given: string | null, surname: string, roster: readonly RosterEntry[]): Resolution {
  let pool = roster.filter((e) => sameSurname(e.surname, surname));
  let fuzzy = false;
  if (pool.length === 0) {
    const scored = roster
      .map((e) => ({ e, s: JaroWinklerDistance(foldForMatch(e.surname), foldForMatch(surname), {}) }))
      .filter((x) => x.s >= SURNAME_FUZZY_MIN)
      .sort((a, b) => b.s - a.s);
    const best = scored[0];
    if (best === undefined) return { kind: "unresolved" };
    pool = scored.filter((x) => x.s === best.s).map((x) => x.e);
    fuzzy = true;
  }
  const { fitting, mismatch } = byInitials(given, pool);
  // "Sophie PICHONNIER" with Sophie and Sylvain PICHONNIER listed: the initial fits both, the given name one.
  const fullGiven = given === null ? [] : fitting.filter((e) => nameKey(e.given) === nameKey(given));
  if (fitting.length > 1 && fullGiven.length === 1 && !fuzzy) return { kind: "resolved", entry: fullGiven[0] as RosterEntry, note: null };
  if (fitting.length > 1) return { kind: "ambiguous", candidates: fitting };
  const entry = fitting[0];
  if (entry === undefined) return { kind: "unresolved" };
  // A surname one letter off and other initials: another person ("Yves NEDELLEC" is not "Marc NEDELEC").
  if (mismatch && fuzzy) return { kind: "unresolved" };
  if (mismatch) return { kind: "resolved", entry, note: "initial-mismatch" };
  return fuzzy ? { kind: "resolved", entry, note: "fuzzy-surname" } : { kind: "resolved", entry, note: null };
}
