import { parsePattern, type Atom } from "./pattern-parse.js";

/**
 * The tail of a pattern from its first atom after the start that opens on a literal: "(?<names>{{ANY_NAME}})
 * {{HS}}+(?:arrive|rejoint …)(?!\p{L})" → "(?:arrive|rejoint …)(?!\p{L})". Wherever the pattern matches, its
 * tail matches too (in the same text, from where the head's match ended), so a text the tail finds nowhere
 * holds no match; and the tail, opening on a literal, is found by a quick scan where the head is tried at
 * every position. Undefined when the pattern has no such atom, is an alternation, refers back to a group
 * (the group may lie in the head), or is read with flags this does not expect.
 */
export function anchoredSuffix(source: string, flags: string): string | undefined {
  if (!flags.includes("u") || flags.includes("i")) return undefined;
  let top: Atom[][];
  try {
    top = parsePattern(source);
  } catch {
    return undefined;
  }
  const [sequence] = top;
  if (top.length !== 1 || sequence === undefined) return undefined;
  if (opensOnLiteral(sequence[0])) return undefined; // the engine scans for that literal itself
  const anchor = sequence.slice(1).find(opensOnLiteral);
  if (anchor === undefined) return undefined;
  const tail = source.slice(anchor.at);
  if (/\\k<|\\[1-9]/u.test(tail)) return undefined;
  return tail;
}

/** A required literal character, or a required group each alternative of which opens on one. */
function opensOnLiteral(atom: Atom | undefined): boolean {
  if (atom === undefined) return false;
  if (atom.kind === "char") return atom.min >= 1;
  if (atom.kind !== "group" || atom.assertion || atom.min < 1) return false;
  return atom.alternatives.every((alt) => opensOnLiteral(alt[0]));
}
