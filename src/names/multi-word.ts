/**
 * Phrases of a vocabulary list that hold more than one word ("donne pouvoir à", not "à"), picked once per list:
 * the member readers asked for them at every member. Keyed by the list (vocabularies live as long as the
 * process), so nothing is kept for lists no longer used.
 */
const picked = new WeakMap<readonly string[], readonly string[]>();

/** `phrases.filter((p) => p.includes(" "))`, the same array for the same list. */
export function multiWord(phrases: readonly string[]): readonly string[] {
  let out = picked.get(phrases);
  if (out === undefined) {
    out = phrases.filter((p) => p.includes(" "));
    picked.set(phrases, out);
  }
  return out;
}
