/**
 * The texts benchmark documents are made from: every text source of the corpus's deliberation cases
 * (not the negative corpus), and how one is varied so that no two generated documents are the same file.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { packageRoot } from "../../paths.js";

export interface BenchCase {
  /** Relative to the package root. */
  path: string;
  text: string;
}

/** Corpus folders holding no deliberation to read: benchmarks measure documents that give records. */
const NOT_DELIBERATIONS = "negative";

function textSources(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== NOT_DELIBERATIONS) textSources(path, out);
    } else if (/^source.*\.txt$/u.test(name)) out.push(path);
  }
}

/** The corpus's text cases, sorted by path. */
export function benchCases(): BenchCase[] {
  const paths: string[] = [];
  textSources(join(packageRoot, "corpus"), paths);
  return paths.map((p) => ({ path: relative(packageRoot, p), text: readFileSync(p, "utf8") }));
}

/** Share of digit runs (3 digits or more, not a year: amounts, report numbers) given other digits. */
const RENUMBERED_SHARE = 0.5;

/**
 * A variation of `text`: half its long digit runs get other digits of the same length (amounts and numbers
 * change, dates do not) and a last line names the copy. Deterministic in `rnd`.
 */
export function varied(text: string, rnd: () => number, copy: number): string {
  // "9 novembre 2020" keeps its year: only the amounts and numbers change.
  const renumbered = text.replace(/(?<!\d)(?!(?:19|20)\d\d(?!\d))\d{3,}/gu, (run) => (rnd() < RENUMBERED_SHARE ? run.replace(/\d/gu, () => String(Math.floor(rnd() * 10))) : run));
  return `${renumbered}\nCopie de banc d'essai n° ${copy}\n`;
}
