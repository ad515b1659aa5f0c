/**
 * The literal words a regular expression cannot match without: "(?<names>{{ANY_NAME}}){{HS}}+(?:arrive|rejoint
 * …|entre …)" matches nowhere in a text holding none of "arrive", "rejoint", "entre". Read from the pattern's
 * source (a "u" pattern: every escape is strict), conservatively: what this cannot read requires nothing.
 */

/** One or more literals, at least one of which every match contains. */
export type LiteralSet = readonly string[];

interface CharAtom {
  kind: "char";
  char: string;
  /** How often it repeats, least: 0 for "?" and "*", 1 unquantified or "+". */
  min: number;
  quantified: boolean;
}
interface GroupAtom {
  kind: "group";
  /** Lookarounds read text outside the match, or forbid it: they require nothing here. */
  assertion: boolean;
  alternatives: Atom[][];
  min: number;
}
interface OtherAtom {
  kind: "other";
}
type Atom = CharAtom | GroupAtom | OtherAtom;

/** Characters that stand for themselves after a backslash in a "u" pattern. */
const SYNTAX_CHARS = new Set([..."^$\\.*+?()[]{}|/"]);
/** Characters with a meaning of their own outside a class. */
const SPECIAL = new Set([..."^$\\.*+?()[]{}|"]);

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  /** The whole pattern, as alternatives of sequences. */
  pattern(): Atom[][] {
    const out = this.alternatives();
    if (this.at !== this.source.length) throw new Error(`unread ")" at ${this.at}`);
    return out;
  }

  private alternatives(): Atom[][] {
    const out: Atom[][] = [this.sequence()];
    while (this.source[this.at] === "|") {
      this.at++;
      out.push(this.sequence());
    }
    return out;
  }

  private sequence(): Atom[] {
    const atoms: Atom[] = [];
    for (let c = this.source[this.at]; c !== undefined && c !== "|" && c !== ")"; c = this.source[this.at]) atoms.push(this.atom());
    return atoms;
  }

  private atom(): Atom {
    const c = this.source[this.at] as string;
    if (c === "(") return this.group();
    if (c === "[") {
      this.skipClass();
      this.quantifier();
      return { kind: "other" };
    }
    if (c === "\\") {
      const next = this.source[this.at + 1] ?? "";
      if (SYNTAX_CHARS.has(next)) {
        this.at += 2;
        return { kind: "char", char: next, ...this.quantifier() };
      }
      this.skipEscape();
      this.quantifier();
      return { kind: "other" };
    }
    this.at++;
    if (SPECIAL.has(c)) {
      // ".", "^", "$": no literal.
      this.quantifier();
      return { kind: "other" };
    }
    return { kind: "char", char: c, ...this.quantifier() };
  }

  private group(): GroupAtom {
    const s = this.source;
    this.at++; // "("
    let assertion = false;
    if (s.startsWith("?:", this.at)) this.at += 2;
    else if (s.startsWith("?=", this.at) || s.startsWith("?!", this.at)) {
      this.at += 2;
      assertion = true;
    } else if (s.startsWith("?<=", this.at) || s.startsWith("?<!", this.at)) {
      this.at += 3;
      assertion = true;
    } else if (s.startsWith("?<", this.at)) this.at = s.indexOf(">", this.at) + 1;
    else if (s[this.at] === "?") throw new Error(`unread group syntax at ${this.at}`);
    const alternatives = this.alternatives();
    if (s[this.at] !== ")") throw new Error(`expected ")" at ${this.at}`);
    this.at++;
    return { kind: "group", assertion, alternatives, min: this.quantifier().min };
  }

  private skipClass(): void {
    this.at++; // "["
    while (this.at < this.source.length && this.source[this.at] !== "]") this.at += this.source[this.at] === "\\" ? 2 : 1;
    if (this.source[this.at] !== "]") throw new Error("unclosed class");
    this.at++;
  }

  private skipEscape(): void {
    const s = this.source;
    const kind = s[this.at + 1] ?? "";
    this.at += 2;
    if ((kind === "p" || kind === "P" || kind === "u" || kind === "x") && s[this.at] === "{") this.at = s.indexOf("}", this.at) + 1;
    else if (kind === "u") this.at += 4;
    else if (kind === "x") this.at += 2;
    else if (kind === "c") this.at += 1;
    else if (kind === "k") this.at = s.indexOf(">", this.at) + 1;
    else if (/\d/u.test(kind)) while (/\d/u.test(s[this.at] ?? "")) this.at++;
  }

  /** The quantifier after the atom just read: the least number of times it repeats (1 without one). */
  private quantifier(): { min: number; quantified: boolean } {
    const s = this.source;
    const c = s[this.at];
    let min = 1;
    if (c === "*" || c === "?") min = 0;
    else if (c === "{") {
      const end = s.indexOf("}", this.at);
      min = Number.parseInt(s.slice(this.at + 1, end), 10);
      if (Number.isNaN(min)) throw new Error(`unread quantifier at ${this.at}`);
      this.at = end;
    } else if (c !== "+") return { min: 1, quantified: false };
    this.at++;
    if (s[this.at] === "?") this.at++; // lazy
    return { min, quantified: true };
  }
}

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
    alternatives = new Parser(source).pattern();
  } catch {
    return [];
  }
  const top = alternatives.length === 1 ? sequenceSets(alternatives[0] as Atom[]) : [alternationSet(alternatives)].filter((s) => s !== undefined);
  return top.filter((s) => strength(s) >= minLength);
}
