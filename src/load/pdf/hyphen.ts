/**
 * Words hyphenated across lines. "micro-" + "techniques" → "microtechniques"; but "re-" + "labellisation"
 * stays "re-labellisation" when the document writes it so elsewhere and never "relabellisation";
 * "MAGNIN-" + "FEYSOT" (uppercase continuation: a compound name) keeps its hyphen. Soft hyphens always go.
 */

export type HyphenJoin = "join" | "keep-hyphen";

const SOFT_HYPHEN = "\u00ad";

/** Lowercased word without the punctuation around it ("(re-labellisation)," → "re-labellisation"). */
export function vocabularyKey(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

/** The set of words of a document, as vocabulary keys. */
export function vocabularyOf(words: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const w of words) {
    const key = vocabularyKey(w);
    if (key !== "") set.add(key);
  }
  return set;
}

/**
 * How the last word of a line and the first word of the next one go together, when the first ends with a
 * hyphen after a letter: "join" drops the hyphen, "keep-hyphen" keeps it; both without a space.
 * undefined when the line does not end with a hyphenated word.
 */
export function hyphenJoin(lastWord: string, nextWord: string, vocabulary: ReadonlySet<string>): HyphenJoin | undefined {
  if (/\p{L}\u00ad$/u.test(lastWord) && /^\p{L}/u.test(nextWord)) return "join";
  if (!/\p{L}-$/u.test(lastWord)) return undefined;
  if (/^\p{Lu}/u.test(nextWord)) return "keep-hyphen";
  if (!/^\p{Ll}/u.test(nextWord)) return undefined;
  const head = vocabularyKey(lastWord.slice(0, -1));
  const tail = vocabularyKey(nextWord);
  const hyphenated = `${head}-${tail}`;
  const joined = `${head}${tail}`;
  return vocabulary.has(hyphenated) && !vocabulary.has(joined) ? "keep-hyphen" : "join";
}

export function endsWithSoftHyphen(word: string): boolean {
  return word.endsWith(SOFT_HYPHEN);
}
