import { anchoredSuffix } from "./anchored-suffix.js";
import { requiredLiterals, type LiteralSet } from "./required-literals.js";
import { recentCache } from "../memo/recent.js";

/** One-letter literals ("à", "€") are in nearly every text: looking for them costs more than it saves. */
const MIN_LITERAL_LENGTH = 2;
/**
 * The most selective set decides; each further one costs a scan of the text for little: testing 3 sets
 * rather than 1 cost ~0.2-0.3 ms/doc more on the benchmark text set, the seed register the same either way.
 */
const MAX_SETS_TESTED = 1;

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

const remembered = recentCache<{ text: string; found: Map<string, boolean> }>(REMEMBERED_TEXTS);

/** What is known of `text`'s literals, remembered for the last few texts asked about. */
function foundIn(text: string): Map<string, boolean> {
  return remembered((e) => e.text === text, () => ({ text, found: new Map<string, boolean>() })).found;
}

/** Whether `text` holds one of `set`'s literals, each looked for once per remembered text. */
function holdsOne(text: string, found: Map<string, boolean>, set: LiteralSet): boolean {
  for (const literal of set) {
    let has = found.get(literal);
    if (has === undefined) {
      has = text.includes(literal);
      found.set(literal, has);
    }
    if (has) return true;
  }
  return false;
}

/**
 * False when `regex` cannot match anywhere in `text`: a literal it requires is missing ("arrive", "rejoint"
 * or "entre" for "M. Jean DUPONT arrive"), or its tail matches nowhere. True says nothing: the regex must
 * still run.
 */
export function mayMatch(regex: RegExp, text: string): boolean {
  const { sets, tail } = prefilterOf(regex);
  if (sets.length > 0) {
    const found = foundIn(text);
    for (const set of sets) if (!holdsOne(text, found, set)) return false;
  }
  return tail === undefined || tail.test(text);
}
