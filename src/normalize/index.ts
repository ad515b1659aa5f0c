import { actesDepartment, actesId, compactDate, ocrDigits } from "./actes.js";
import { amountValue } from "./amount.js";
import { frenchDate, frenchDateDayMonthYear, frenchDateInWords } from "./date.js";
import { integer, ocrInteger } from "./integer.js";
import { frenchNumber } from "./french-number.js";
import { foldText } from "./text.js";
import { clockTime } from "./time.js";
import { headingTitle } from "./title.js";

export type Normalized = string | number | boolean | null;

/** The normalisers a rule may name in its captures ("normalize": "date"). */
export const NORMALIZERS: Readonly<Record<string, (raw: string) => Normalized>> = {
  text: foldText,
  /** "en séance publique, salle du conseil, après convocation du 3 mars" → "salle du conseil". */
  place: (raw) =>
    foldText(
      raw
        // "… à Chaumont. La séance est ouverte à 9 h 35": the place ends with its sentence.
        .replace(/\.\s+\p{Lu}[\s\S]*$/u, "")
        // "le lundi 16 mai 2022 à 14 h 30, à l'Hôtel du Département": the date and time come first.
        .replace(/^(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?\d{1,2}(?:er)?\s+\p{L}+\s+\d{4}(?:\s+à\s+\d{1,2}\s*(?:heures?|h)(?:\s*\d{2})?)?\s*,?\s*/iu, "")
        // "salle des fêtes, en raison des mesures sanitaires en vigueur", "salle Jean Féron, en l’absence de
        // Monsieur le Maire": why there, or who was not, is no part of where.
        .replace(/,\s*en\s+(?:raison|l['’]absence)\s+[\s\S]*$/iu, "")
        // "le conseil municipal de LANNION, en séance ouverte au public dans la salle des Ursulines".
        .replace(/^[^,]*,\s*en\s+séance\s[^,]*?\s(?=(?:dans|à)\s)/iu, "")
        // "à l'Hôtel du Département", "à la Mairie": the place without its preposition and article.
        .replace(/^(?:à|dans|au|en)\s+(?:la\s+|le\s+|les\s+|l['’])?(?=\p{L})/iu, "")
        .replace(/^(?:en\s+)?(?:séance|session)\s+(?:publique|ordinaire|extraordinaire)\s*,?\s*(?:(?:à|dans|en)\s+(?:la\s+|le\s+|les\s+|l['’])?)?/iu, "")
        .replace(/,\s*(?:après|sur|suite\s+à)\s+(?:une\s+)?convocation.*$/isu, ""),
    ),
  /** "communautaires" (as in "les conseillers communautaires") → "Conseil communautaire". */
  bodyOfMembers: (raw) => {
    const adjective = raw.toLocaleLowerCase("fr").replace(/aux$/u, "al").replace(/s$/u, "");
    return `Conseil ${adjective}`;
  },
  /** "ORY Martine" → "Martine ORY" (records write given names first); "Martine ORY" is kept. */
  givenFirst: (raw) => {
    const words = foldText(raw).split(" ");
    let k = 0;
    while (k < words.length && /^\p{Lu}[\p{Lu}'’-]*\p{Lu}$/u.test(words[k] ?? "")) k++;
    return k === 0 || k === words.length ? words.join(" ") : [...words.slice(k), ...words.slice(0, k)].join(" ");
  },
  /** "2015.11.23 – 2A" → "2015.11.23-2A": spaces around the dash of a dated number are layout, not number. */
  // "2026 _003": spaces around an underscore are OCR's, the printed number has none.
  deliberationNumber: (raw) => foldText(raw).replace(/\s*[-–−]\s*/gu, "-").replace(/\s*_\s*/gu, "_"),
  title: headingTitle,
  date: frenchDate,
  /** A prefecture stamp's ACTES identifier and its parts (src/normalize/actes.ts): OCR look-alikes of digits repaired. */
  actesId,
  actesDepartment,
  ocrDigits,
  compactDate,
  dateWords: frenchDateInWords,
  dateDMY: frenchDateDayMonthYear,
  time: clockTime,
  integer,
  ocrInteger,
  /** "11" or "vingt-cinq": a count in digits or words. */
  count: (raw) => integer(raw) ?? frenchNumber(raw),
  amount: (raw) => {
    const m = /^(?<digits>[\d \u00a0\u202f.,]+?)\s*(?<scale>milliards?|millions?|milliers?|mds?|M|k)?\s*(?:€|euros?|EUR|d['’]\s*euros)?(?:\s*(?:HT|TTC))?$/u.exec(raw.trim());
    return m?.groups ? amountValue(m.groups["digits"] ?? "", m.groups["scale"]) : null;
  },
};

export function normalize(name: string | undefined, raw: string): Normalized {
  const fn = NORMALIZERS[name ?? "text"];
  if (fn === undefined) throw new Error(`expected a normaliser among ${Object.keys(NORMALIZERS).join(", ")}, got "${name}"`);
  return fn(raw);
}
