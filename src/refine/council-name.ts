import { matchesOf } from "../text/matches.js";
import type { DelibRecord } from "../model/record.js";
import type { TextView } from "../text/view.js";
import type { Trail } from "../record/provenance.js";

/** Words of a place name written in lower case inside it ("Saint-Martin-des-Champs", "Putanges-le-Lac"). */
const PARTICLES: ReadonlySet<string> = new Set(["de", "du", "des", "d", "la", "le", "les", "l", "sur", "sous", "en", "lès", "lez", "et", "aux", "au", "à"]);

/** A name printed in capitals, taken from a heading, is a little less sure once re-cased. */
const RECASED_CONFIDENCE_FACTOR = 0.9;

const hasLower = (s: string): boolean => /\p{Ll}/u.test(s);

/**
 * "VILLE DE PUTANGES LE LAC": a council named in capitals is written as the document itself writes it in
 * running text when it does ("Putanges-Le-Lac", the most frequent spelling, then the first), else in title
 * case with French particles in lower case ("COUTHENANS" → "Couthenans"). Analysts group by this name.
 */
export function recaseCouncilName(record: DelibRecord, view: TextView, trail: Trail): void {
  const printed = record.council.name;
  if (printed === null || hasLower(printed) || !/\p{Lu}{2}/u.test(printed)) return;
  const words = printed.split(/[\s'’-]+/u).filter((w) => w !== "");
  if (words.length === 0) return;
  const pattern = new RegExp(`(?<!\\p{L})${words.map(anyAccent).join("[\\s'’-]+")}(?!\\p{L})`, "giu");
  const seen = new Map<string, { count: number; start: number; end: number }>();
  for (const m of matchesOf(pattern, view.text)) {
    if (!hasLower(m[0]) || /\n/u.test(m[0])) continue;
    const s = seen.get(m[0]);
    if (s === undefined) seen.set(m[0], { count: 1, start: m.index, end: m.index + m[0].length });
    else s.count++;
  }
  let best: [string, { count: number; start: number; end: number }] | undefined;
  for (const entry of seen) if (best === undefined || entry[1].count > best[1].count) best = entry;
  if (best !== undefined) {
    record.council.name = best[0];
    trail.fromView("council.name", { start: best[1].start, end: best[1].end }, (trail.confidence["council.name"] ?? 1) * RECASED_CONFIDENCE_FACTOR);
    return;
  }
  record.council.name = titleCase(printed);
  const confidence = trail.confidence["council.name"];
  if (confidence !== undefined) trail.confidence["council.name"] = confidence * RECASED_CONFIDENCE_FACTOR;
}

/** Letters a name printed in capitals may have dropped the accent of ("A VOCATION" for "à Vocation"). */
const ACCENTED: Readonly<Record<string, string>> = { A: "AÀÂÄ", E: "EÉÈÊË", I: "IÎÏ", O: "OÔÖ", U: "UÙÛÜ", C: "CÇ", Y: "YŸ" };

/** A word as a pattern matching it with or without accents, any case. */
function anyAccent(word: string): string {
  return [...word]
    .map((ch) => {
      const base = ch.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase();
      const set = ACCENTED[base];
      return set === undefined ? ch.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&") : `[${set}${set.toLowerCase()}]`;
    })
    .join("");
}

/** "SAINT MARTIN DES CHAMPS" → "Saint Martin des Champs"; "L'ISLE" → "L'Isle". */
export function titleCase(name: string): string {
  let first = true;
  return name.replace(/\p{L}+/gu, (w) => {
    const lower = w.toLocaleLowerCase("fr");
    const out = !first && PARTICLES.has(lower) ? lower : lower.charAt(0).toLocaleUpperCase("fr") + lower.slice(1);
    first = false;
    return out;
  });
}
