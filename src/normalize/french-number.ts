/** French numbers written in words, as registers print dates, times and vote counts. */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, un: 1, une: 1, premier: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, septante: 70, huitante: 80, octante: 80, nonante: 90,
};
const MULTIPLIERS: Readonly<Record<string, number>> = { cent: 100, cents: 100, mille: 1000, mil: 1000, milles: 1000 };

function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * "vingt-cinq" → 25, "quatre-vingt-dix-sept" → 97, "deux mille vingt-deux" → 2022,
 * "mil neuf cent quatre-vingt-sept" → 1987, "dix neuf" → 19; null when a word is not a number word.
 */
export function frenchNumber(raw: string): number | null {
  const words = fold(raw)
    .replace(/[-‐‑–]/gu, " ")
    .split(/\s+/u)
    .filter((w) => w !== "" && w !== "et");
  if (words.length === 0) return null;
  let total = 0;
  let group = 0;
  let previous = "";
  for (const w of words) {
    const unit = UNITS[w];
    const before = previous;
    previous = w;
    if (unit !== undefined) {
      // "quatre-vingt(s)" is 80: the "quatre" already added becomes part of it.
      if (w.startsWith("vingt") && before === "quatre") group += 80 - 4;
      else group += unit;
      continue;
    }
    const mult = MULTIPLIERS[w];
    if (mult === undefined) return null;
    if (mult === 100) group = (group === 0 ? 1 : group) * 100;
    else {
      total += (group === 0 ? 1 : group) * mult;
      group = 0;
    }
  }
  return total + group;
}

/** Number words a rule may match (for patterns: {{NUMBER_WORDS}}). */
export const NUMBER_WORD_LIST: readonly string[] = [...Object.keys(UNITS), ...Object.keys(MULTIPLIERS), "et"];
