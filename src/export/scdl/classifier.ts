import { readFileSync } from "node:fs";
import { join } from "node:path";
import PorterStemmerFr from "natural/lib/natural/stemmers/porter_stemmer_fr.js";
import { rulesDir } from "../../paths.js";
import { matieres } from "./nomenclature.js";

/** The hand-labelled titles the classifier learns from (title<TAB>code, "#" comments, a "title\tcode" header). */
export const LABELLED_FILE = join(rulesDir, "scdl", "matiere-labelled.tsv");

/**
 * The confidence (the best matière's posterior probability) below which DELIB_MATIERE_CODE/NOM stay empty: the lowest
 * threshold of the 10-fold cross-validation curve (rules/scdl/matiere-classifier.md, npm run matiere-accuracy) whose codes are
 * right at least 90 % of the time (90.4 %, for 45 % of the titles). Below it a code is wrong one time in five or more:
 * the schema's matière is a statement about the act, and a council config can give the exact one.
 */
export const MATIERE_MIN_CONFIDENCE = 0.97;

export interface LabelledTitle {
  title: string;
  code: string;
  /** Line in the labelled file, from 1. */
  line: number;
}

/** The labelled titles; a code the nomenclature lacks is an error naming the file and line. */
export function loadLabelledTitles(file: string = LABELLED_FILE): LabelledTitle[] {
  const known = matieres();
  const out: LabelledTitle[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const text = raw.replace(/\r$/u, "");
      if (text.trim() === "" || text.startsWith("#") || text === "title\tcode") return;
      const cells = text.split("\t");
      const [title, code] = cells;
      if (cells.length !== 2 || title === undefined || code === undefined || title.trim() === "") throw new Error(`${file}:${i + 1}: expected "title<TAB>code", got "${text}"`);
      if (!known.has(code)) throw new Error(`${file}:${i + 1}: expected an ACTES level-2 code of rules/scdl/actes-matieres.json, got "${code}"`);
      out.push({ title, code, line: i + 1 });
    });
  return out;
}

/**
 * What the classifier reads of a title: accents folded (titles are often printed in capitals without them), digits
 * dropped (years and numbers say nothing of the matière), then natural's French tokenizer, stop words and stemmer.
 */
export function titleText(title: string): string {
  return title
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\d+/gu, " ")
    .toLowerCase();
}

export interface MatiereGuess {
  code: string;
  /** The code's share of the posterior over all codes, 0..1. */
  confidence: number;
}

/**
 * Additive smoothing of the word counts: a word a matière never showed keeps a small chance there instead of ruling it
 * out. 0.2 of the values tried in cross-validation (1: 56 %, 0.5: 60 %, 0.2: 63 % level-2 accuracy); chosen on the
 * same folds it is measured on, so the figures are slightly optimistic.
 */
export const SMOOTHING = 0.2;

/**
 * A multinomial naive-Bayes matière classifier over titles, on the words natural's French tokenizer and stemmer
 * (PorterStemmerFr) make of them. natural's own BayesClassifier was measured first and left aside: it scores a class
 * by the words it has seen only, with each class's example count as denominator, so the rarest matières (one or two
 * titles) win nearly every title: 12 % accuracy in 10-fold cross-validation on the same titles (rules/scdl/matiere-classifier.md).
 * Deterministic: same titles in, same model; ties go to the smaller code.
 */
export class MatiereClassifier {
  private readonly classes: Array<{ code: string; docs: number; words: Map<string, number>; total: number }> = [];
  private readonly vocabulary = new Set<string>();
  private readonly docs: number;

  constructor(examples: readonly LabelledTitle[]) {
    const byCode = new Map<string, { code: string; docs: number; words: Map<string, number>; total: number }>();
    for (const e of examples) {
      let c = byCode.get(e.code);
      if (c === undefined) byCode.set(e.code, (c = { code: e.code, docs: 0, words: new Map(), total: 0 }));
      c.docs++;
      for (const w of words(e.title)) {
        c.words.set(w, (c.words.get(w) ?? 0) + 1);
        c.total++;
        this.vocabulary.add(w);
      }
    }
    this.classes = [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code));
    this.docs = examples.length;
  }

  /** The most likely matière and its posterior probability; null for an empty model or a title with no known word. */
  guess(title: string): MatiereGuess | null {
    const known = words(title).filter((w) => this.vocabulary.has(w));
    if (this.classes.length === 0 || known.length === 0) return null;
    const v = this.vocabulary.size;
    const logs = this.classes.map((c) => known.reduce((s, w) => s + Math.log(((c.words.get(w) ?? 0) + SMOOTHING) / (c.total + SMOOTHING * v)), Math.log(c.docs / this.docs)));
    const max = Math.max(...logs);
    const weights = logs.map((l) => Math.exp(l - max));
    const total = weights.reduce((s, w) => s + w, 0);
    let best = 0;
    weights.forEach((w, i) => {
      if (w > (weights[best] ?? 0)) best = i;
    });
    const code = this.classes[best]?.code;
    return code === undefined ? null : { code, confidence: (weights[best] ?? 0) / total };
  }
}

/** The stemmed words of a title, French stop words left out. */
export function words(title: string): string[] {
  return PorterStemmerFr.tokenizeAndStem(titleText(title));
}

/** "7.2" before "7.10": codes compare by matière, then sub-matière, as numbers. */
function compareCodes(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

let trained: MatiereClassifier | undefined;

/** The classifier trained on rules/scdl/matiere-labelled.tsv (once per process). */
export function matiereClassifier(): MatiereClassifier {
  trained ??= new MatiereClassifier(loadLabelledTitles());
  return trained;
}
