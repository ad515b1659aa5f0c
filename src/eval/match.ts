/**
 * Pairs the records a document gave with the records expected of it, one to one, in four passes
 * (each pass only sees the records still unpaired; within a pass the best candidate pair is taken
 * first, ties broken by title similarity, then expected index, then predicted index — deterministic):
 *
 *   1. number        the same `number`, exactly;
 *   2. number-soft   the same number after folding (case, diacritics, a leading "n°", separators,
 *                    leading zeros: "2020/05" = "2020-5", "DEL 2025-02" = "del2025/2");
 *   3. title         title similarity ≥ TITLE_MATCH_THRESHOLD (Dice coefficient on the word bigrams
 *                    of the soft-folded titles; word unigrams when either title has one word);
 *   4. order         what is left, by document order (k-th unpaired expected with k-th unpaired predicted),
 *                    never pairing two records whose printed numbers differ.
 *
 * Expected records left unpaired are missed (scored against null); predicted ones left unpaired are
 * extra (false positives of the `records` field).
 */
import { foldText, multisetMatches } from "./fields.js";

/** Minimum title similarity (Dice on word bigrams, 0..1) for pass 3. */
export const TITLE_MATCH_THRESHOLD = 0.5;

export type MatchMethod = "number" | "number-soft" | "title" | "order";

export const MATCH_METHODS: readonly MatchMethod[] = ["number", "number-soft", "title", "order"];

export interface MatchPair {
  /** Index in the expected records. */
  expected: number;
  /** Index in the predicted records. */
  predicted: number;
  by: MatchMethod;
}

export interface Matching {
  /** Sorted by expected index. */
  pairs: MatchPair[];
  /** Expected indexes left unpaired, ascending. */
  missed: number[];
  /** Predicted indexes left unpaired, ascending. */
  extra: number[];
}

function field(record: unknown, key: string): unknown {
  return typeof record === "object" && record !== null && !Array.isArray(record)
    ? (record as Record<string, unknown>)[key]
    : undefined;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** A deliberation number folded for the soft pass (see the header). Null when there is none. */
export function softNumberKey(number: unknown): string | null {
  const n = text(number);
  if (n === null) return null;
  const tokens = foldText(n).match(/[a-z]+|\d+/g) ?? [];
  if (tokens.length > 1 && /^(n|no|num|numero)$/.test(tokens[0]!)) tokens.shift();
  const key = tokens.map((t) => (/^\d+$/.test(t) ? String(BigInt(t)) : t)).join("|");
  return key === "" ? null : key;
}

function words(title: unknown): string[] {
  const t = text(title);
  return t === null ? [] : foldText(t).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
}

function grams(ws: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= ws.length; i++) out.push(ws.slice(i, i + n).join(" "));
  return out;
}

/**
 * Similarity of two titles, 0..1: the Dice coefficient 2|A∩B|/(|A|+|B|) of the multisets of word
 * bigrams of the soft-folded titles (word unigrams when either title has fewer than two words).
 * 0 when either title is missing.
 */
export function titleSimilarity(a: unknown, b: unknown): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  const n = wa.length < 2 || wb.length < 2 ? 1 : 2;
  const ga = grams(wa, n);
  const gb = grams(wb, n);
  return (2 * multisetMatches(ga, gb)) / (ga.length + gb.length);
}

interface Candidate {
  e: number;
  p: number;
  sim: number;
}

/** Matches predicted records to expected ones (see the header). */
export function matchRecords(expected: readonly unknown[], predicted: readonly unknown[]): Matching {
  const usedE = new Set<number>();
  const usedP = new Set<number>();
  const pairs: MatchPair[] = [];
  const sims = expected.map((e) => predicted.map((p) => titleSimilarity(field(e, "title"), field(p, "title"))));
  const sim = (e: number, p: number): number => sims[e]?.[p] ?? 0;

  const greedy = (by: MatchMethod, accept: (e: number, p: number) => boolean): void => {
    const candidates: Candidate[] = [];
    for (let e = 0; e < expected.length; e++) {
      if (usedE.has(e)) continue;
      for (let p = 0; p < predicted.length; p++) {
        if (!usedP.has(p) && accept(e, p)) candidates.push({ e, p, sim: sim(e, p) });
      }
    }
    candidates.sort((a, b) => b.sim - a.sim || a.e - b.e || a.p - b.p);
    for (const c of candidates) {
      if (usedE.has(c.e) || usedP.has(c.p)) continue;
      usedE.add(c.e);
      usedP.add(c.p);
      pairs.push({ expected: c.e, predicted: c.p, by });
    }
  };

  const strictNumbers = (list: readonly unknown[]): (string | null)[] => list.map((r) => text(field(r, "number")));
  const eNum = strictNumbers(expected);
  const pNum = strictNumbers(predicted);
  greedy("number", (e, p) => eNum[e] != null && eNum[e] === pNum[p]);
  const eSoft = expected.map((r) => softNumberKey(field(r, "number")));
  const pSoft = predicted.map((r) => softNumberKey(field(r, "number")));
  greedy("number-soft", (e, p) => eSoft[e] != null && eSoft[e] === pSoft[p]);
  greedy("title", (e, p) => sim(e, p) >= TITLE_MATCH_THRESHOLD);

  // Order pairs the rest in document order, but never two records whose printed numbers differ.
  const conflict = (e: number, p: number): boolean => eSoft[e] != null && pSoft[p] != null && eSoft[e] !== pSoft[p];
  const restP = predicted.map((_, i) => i).filter((i) => !usedP.has(i));
  let next = 0;
  for (const e of expected.map((_, i) => i).filter((i) => !usedE.has(i))) {
    const p = restP[next];
    if (p === undefined || conflict(e, p)) continue;
    pairs.push({ expected: e, predicted: p, by: "order" });
    usedE.add(e);
    usedP.add(p);
    next++;
  }

  pairs.sort((a, b) => a.expected - b.expected);
  return {
    pairs,
    missed: expected.map((_, i) => i).filter((i) => !usedE.has(i)),
    extra: predicted.map((_, i) => i).filter((i) => !usedP.has(i)),
  };
}
