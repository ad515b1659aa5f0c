/**
 * A regular expression's source read as alternatives of sequences of atoms: literal characters, groups and
 * the rest (classes, escapes, anchors). Only what the prefilter needs: a "u" pattern (strict escapes) that
 * compiles; anything unexpected throws.
 */

export interface CharAtom {
  kind: "char";
  /** Where the atom starts in the pattern's source. */
  at: number;
  char: string;
  /** How often it repeats, least: 0 for "?" and "*", 1 unquantified or "+". */
  min: number;
  quantified: boolean;
}
export interface GroupAtom {
  kind: "group";
  at: number;
  /** Lookarounds read text outside the match, or forbid it: they require nothing here. */
  assertion: boolean;
  alternatives: Atom[][];
  min: number;
}
export interface OtherAtom {
  kind: "other";
  at: number;
}
export type Atom = CharAtom | GroupAtom | OtherAtom;

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
    const at = this.at;
    const c = this.source[at] as string;
    if (c === "(") return this.group();
    if (c === "[") {
      this.skipClass();
      this.quantifier();
      return { kind: "other", at };
    }
    if (c === "\\") {
      const next = this.source[this.at + 1] ?? "";
      if (SYNTAX_CHARS.has(next)) {
        this.at += 2;
        return { kind: "char", at, char: next, ...this.quantifier() };
      }
      this.skipEscape();
      this.quantifier();
      return { kind: "other", at };
    }
    if (SPECIAL.has(c)) {
      // ".", "^", "$": no literal.
      this.at++;
      this.quantifier();
      return { kind: "other", at };
    }
    // A character beyond the BMP is one atom of two code units: a quantifier after it repeats both.
    const char = String.fromCodePoint(this.source.codePointAt(at) as number);
    this.at += char.length;
    return { kind: "char", at, char, ...this.quantifier() };
  }

  private group(): GroupAtom {
    const s = this.source;
    const at = this.at;
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
    return { kind: "group", at, assertion, alternatives, min: this.quantifier().min };
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


/** The pattern's top level: its alternatives, each a sequence of atoms. */
export function parsePattern(source: string): Atom[][] {
  return new Parser(source).pattern();
}
