import { parsePattern, type Atom } from "./pattern-parse.js";

/**
 * The literal words a regular expression cannot match without: "(?<names>{{ANY_NAME}}){{HS}}+(?:arrive|rejoint
 * …|entre …)" matches nowhere in a text holding none of "arrive", "rejoint", "entre". Read from the pattern's
 * source (a "u" pattern: every escape is strict), conservatively: what this cannot read requires nothing.
 */

/** One or more literals, at least one of which every match contains. */
export type LiteralSet = readonly string[];

/** The shortest literal of a set: how selective a test it is. */
function strength(set: LiteralSet): number {
  return Math.min(...set.map((l) => l.length));
}

function best(sets: LiteralSet[]): LiteralSet | undefined {
  let out: LiteralSet | undefined;
  for (const s of sets) if (out === undefined || strength(s) > strength(out) || (strength(s) === strength(out) && s.length < out.length)) out = s;
  return out;
}

/** Every literal set a sequence requires: its runs of literal characters and its required groups'. */
function sequenceSets(atoms: readonly Atom[]): LiteralSet[] {
  const sets: LiteralSet[] = [];
  let run = "";
  const flush = (): void => {
    if (run !== "") sets.push([run]);
    run = "";
  };
  for (const a of atoms) {
    if (a.kind === "char") {
      if (a.min === 0) {
        flush();
        continue;
      }
      run += a.char;
      // "ab+" or "ab{2}": "ab" is in the text, what follows the repeat is another run.
      if (a.quantified) flush();
      continue;
    }
    flush();
    if (a.kind === "group" && !a.assertion && a.min >= 1) {
      const one = alternationSet(a.alternatives);
      if (one !== undefined) sets.push(one);
    }
  }
  flush();
  return sets;
}

/** One set for an alternation: each alternative's best, together; none when one alternative requires nothing. */
function alternationSet(alternatives: readonly Atom[][]): LiteralSet | undefined {
  const out: string[] = [];
  for (const alt of alternatives) {
    const b = best(sequenceSets(alt));
    if (b === undefined) return undefined;
    out.push(...b);
  }
  return [...new Set(out)];
}

/**
 * The literal sets a pattern requires, each holding literals of at least `minLength` characters; empty when
 * the pattern is case-insensitive or written in a syntax this does not read.
 */
export function requiredLiterals(source: string, flags: string, minLength: number): LiteralSet[] {
  if (flags.includes("i") || !flags.includes("u")) return [];
  let alternatives: Atom[][];
  try {
    alternatives = parsePattern(source);
  } catch {
    return [];
  }
  const top = alternatives.length === 1 ? sequenceSets(alternatives[0] as Atom[]) : [alternationSet(alternatives)].filter((s) => s !== undefined);
  return top.filter((s) => strength(s) >= minLength);
}
