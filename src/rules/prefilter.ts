import { anchoredSuffix } from "./anchored-suffix.js";
import { requiredLiterals, type LiteralSet } from "./required-literals.js";

/** One-letter literals ("à", "€") are in nearly every text: looking for them costs more than it saves. */
const MIN_LITERAL_LENGTH = 2;
/** The most selective sets decide; each further one costs a scan of the text for little. */
const MAX_SETS_TESTED = 3;

/** What a text must hold for a rule's regex to match in it. */
interface Prefilter {
  /** Literals, most selective set first. */
  sets: readonly LiteralSet[];
  /** The regex's tail from its first literal on (anchored-suffix.ts), without "g", "d" or "y". */
  tail: RegExp | undefined;
}

/** Rule regexes are compiled once per process: their prefilters are read once. */
const prefilters = new WeakMap<RegExp, Prefilter>();

function prefilterOf(regex: RegExp): Prefilter {
  let p = prefilters.get(regex);
  if (p === undefined) {
    const shortest = (s: LiteralSet): number => Math.min(...s.map((l) => l.length));
    const sets = requiredLiterals(regex.source, regex.flags, MIN_LITERAL_LENGTH)
      .sort((a, b) => shortest(b) - shortest(a) || a.length - b.length)
      .slice(0, MAX_SETS_TESTED);
    const tail = anchoredSuffix(regex.source, regex.flags);
    p = { sets, tail: tail === undefined ? undefined : new RegExp(tail, regex.flags.replace(/[gdy]/gu, "")) };
    prefilters.set(regex, p);
  }
  return p;
}

/**
 * Texts whose literals found or missing are remembered: a document's header, its deliberation and its whole
 * text are each asked about by every rule, and many rules look for the same words (month names, civilities).
 * The oldest is forgotten past this, so memory stays flat.
 */
const REMEMBERED_TEXTS = 4;

const remembered: Array<{ text: string; found: Map<string, boolean> }> = [];

/** Whether `text` holds `literal`, remembered for the last few texts asked about. */
function holds(text: string, literal: string): boolean {
  let entry = remembered.find((e) => e.text === text);
  if (entry === undefined) {
    entry = { text, found: new Map() };
    remembered.unshift(entry);
    if (remembered.length > REMEMBERED_TEXTS) remembered.pop();
  }
  let found = entry.found.get(literal);
  if (found === undefined) {
    found = text.includes(literal);
    entry.found.set(literal, found);
  }
  return found;
}

/**
 * False when `regex` cannot match anywhere in `text`: a literal it requires is missing ("arrive", "rejoint"
 * or "entre" for "M. Jean DUPONT arrive"), or its tail matches nowhere. True says nothing: the regex must
 * still run.
 */
export function mayMatch(regex: RegExp, text: string): boolean {
  const { sets, tail } = prefilterOf(regex);
  return sets.every((set) => set.some((literal) => holds(text, literal))) && (tail === undefined || tail.test(text));
}
