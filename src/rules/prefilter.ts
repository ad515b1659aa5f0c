import { requiredLiterals, type LiteralSet } from "./required-literals.js";

/** One-letter literals ("à", "€") are in nearly every text: looking for them costs more than it saves. */
const MIN_LITERAL_LENGTH = 2;
/** The most selective sets decide; each further one costs a scan of the text for little. */
const MAX_SETS_TESTED = 3;

/** A compiled rule's required literals, most selective first (rule regexes are compiled once per process). */
const required = new WeakMap<RegExp, readonly LiteralSet[]>();

function setsOf(regex: RegExp): readonly LiteralSet[] {
  let sets = required.get(regex);
  if (sets === undefined) {
    const shortest = (s: LiteralSet): number => Math.min(...s.map((l) => l.length));
    sets = requiredLiterals(regex.source, regex.flags, MIN_LITERAL_LENGTH)
      .sort((a, b) => shortest(b) - shortest(a) || a.length - b.length)
      .slice(0, MAX_SETS_TESTED);
    required.set(regex, sets);
  }
  return sets;
}

/**
 * False when `regex` cannot match anywhere in `text`: a literal it requires is missing ("arrive", "rejoint"
 * or "entre" for "M. Jean DUPONT arrive"). True says nothing: the regex must still run.
 */
export function mayMatch(regex: RegExp, text: string): boolean {
  return setsOf(regex).every((set) => set.some((literal) => text.includes(literal)));
}
