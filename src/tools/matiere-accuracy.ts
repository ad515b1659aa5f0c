/**
 * `npm run matiere-accuracy [-- --folds K] [--file path]`: k-fold cross-validation of the matière classifier on the
 * hand-labelled titles (rules/scdl/matiere-labelled.tsv). Prints, as Markdown, the accuracy at level 2 (the SCDL code)
 * and level 1, and for a range of confidence thresholds the coverage (share of titles given a code) and the precision
 * (share of those codes that are right). Folds are fixed (title i goes to fold i mod K): the result is reproducible.
 */
import { parseArgs } from "node:util";
import { LABELLED_FILE, MatiereClassifier, MATIERE_MIN_CONFIDENCE, loadLabelledTitles, type LabelledTitle } from "../export/scdl/classifier.js";
import { runMain } from "./run-main.js";

/** Ten folds: each model learns from 90 % of the titles, the usual trade-off for a few hundred examples. */
export const DEFAULT_FOLDS = 10;

/** Thresholds reported in the coverage/precision table. */
const THRESHOLDS = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995];

export interface Prediction {
  truth: string;
  code: string | null;
  confidence: number;
}

export interface AccuracyReport {
  titles: number;
  folds: number;
  /** Share of titles whose best code is the labelled one. */
  accuracy: number;
  /** Same, comparing only the matière (the part before the dot). */
  accuracyLevel1: number;
  curve: Array<{ threshold: number; coverage: number; precision: number }>;
}

/** Predictions for every title by a model trained on the other folds. */
export function crossValidate(titles: readonly LabelledTitle[], folds: number): Prediction[] {
  const out: Prediction[] = [];
  for (let f = 0; f < folds; f++) {
    const model = new MatiereClassifier(titles.filter((_, i) => i % folds !== f));
    titles.forEach((t, i) => {
      if (i % folds !== f) return;
      const g = model.guess(t.title);
      out.push({ truth: t.code, code: g?.code ?? null, confidence: g?.confidence ?? 0 });
    });
  }
  return out;
}

export function accuracyReport(titles: readonly LabelledTitle[], folds: number): AccuracyReport {
  const preds = crossValidate(titles, folds);
  const share = (n: number, d: number): number => (d === 0 ? 0 : n / d);
  const top = (code: string | null): string | undefined => code?.split(".")[0];
  return {
    titles: preds.length,
    folds,
    accuracy: share(preds.filter((p) => p.code === p.truth).length, preds.length),
    accuracyLevel1: share(preds.filter((p) => top(p.code) === top(p.truth)).length, preds.length),
    curve: THRESHOLDS.map((threshold) => {
      const kept = preds.filter((p) => p.code !== null && p.confidence >= threshold);
      return { threshold, coverage: share(kept.length, preds.length), precision: share(kept.filter((p) => p.code === p.truth).length, kept.length) };
    }),
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

export function formatReport(r: AccuracyReport): string {
  const lines = [
    `${r.titles} labelled titles, ${r.folds}-fold cross-validation (title i in fold i mod ${r.folds}).`,
    "",
    `- accuracy, ACTES level 2 (DELIB_MATIERE_CODE): ${pct(r.accuracy)}`,
    `- accuracy, ACTES level 1 (the matière before the dot): ${pct(r.accuracyLevel1)}`,
    "",
    "| confidence ≥ | coverage | precision |",
    "| --- | --- | --- |",
    ...r.curve.map((c) => `| ${c.threshold}${c.threshold === MATIERE_MIN_CONFIDENCE ? " (MATIERE_MIN_CONFIDENCE)" : ""} | ${pct(c.coverage)} | ${pct(c.precision)} |`),
  ];
  return `${lines.join("\n")}\n`;
}

runMain(import.meta.url, "matiere-accuracy", (argv) => {
  const { values } = parseArgs({ args: argv, options: { folds: { type: "string" }, file: { type: "string" } } });
  const folds = values.folds === undefined ? DEFAULT_FOLDS : Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`Expected --folds to be a whole number ≥ 2, got "${values.folds}"`);
  process.stdout.write(formatReport(accuracyReport(loadLabelledTitles(values.file ?? LABELLED_FILE), folds)));
  return 0;
});
