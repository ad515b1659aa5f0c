import type { ActNature } from "../model/record.js";
import { isoDate } from "./date.js";

/**
 * The identifier the legality-control exchange (ACTES) gives an act, as stamps print it:
 * "025-242500049-20201109-2020_005418-DE" — the prefecture's department (3 characters), the sender's SIREN
 * (9 digits), the act's date (YYYYMMDD), the act's number as the collectivity filed it, and its nature.
 */

/**
 * Letters OCR reads for digits in a slot that holds only digits: "O25-2425OOO49" (the stamp's small type
 * read as capital O), "2O2O11O9", "l" or "I" for 1. Only these: others are no digit in disguise.
 */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { O: "0", o: "0", I: "1", l: "1" };

/** "2425OOO49" → "242500049"; null when a character is neither a digit nor a look-alike. */
export function ocrDigits(raw: string): string | null {
  const out = raw.replace(/\s+/gu, "").replace(/[OoIl]/gu, (c) => DIGIT_LOOKALIKES[c] ?? c);
  return /^\d+$/u.test(out) ? out : null;
}

/** A department's 3 characters: "025", "O25" read by OCR, "02A" and "02B" for Corsica. */
export function actesDepartment(raw: string): string | null {
  const compact = raw.replace(/\s+/gu, "");
  const m = /^([0-9OoIl]{2})([0-9OoIl]|[AB])$/u.exec(compact);
  if (m === null) return null;
  const head = ocrDigits(m[1] ?? "");
  const last = /[AB]/u.test(m[2] ?? "") ? (m[2] ?? "") : ocrDigits(m[2] ?? "");
  return head === null || last === null ? null : `${head}${last}`;
}

/** "20201109" (or "2O2O11O9") → "2020-11-09"; null when it names no day of the calendar. */
export function compactDate(raw: string): string | null {
  const digits = ocrDigits(raw);
  if (digits === null || digits.length !== 8) return null;
  return isoDate(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
}

/** The five parts of an identifier, dashes and the spaces OCR puts around them aside. */
const ID_PARTS = /^(?<department>\S{3})\s*[-–]\s*(?<siren>[\dOoIl]{9})\s*[-–]\s*(?<date>[\dOoIl]{8})\s*[-–]\s*(?<number>[A-Za-z0-9_]+)\s*[-–]\s*(?<nature>[A-Z]{2})$/u;

/** The natures an identifier may end with: délibération, arrêtés réglementaire and individuel, contrat, budget, autre. */
export const ACT_NATURES: readonly ActNature[] = ["DE", "AR", "AI", "CC", "BF", "AU"];

/**
 * "O25 - 242500049-20201109-2020_005418 -DE" → "025-242500049-20201109-2020_005418-DE": OCR look-alikes
 * repaired in the digit slots only (an act number may hold an O: "RA21_O3" stays), spaces dropped.
 */
export function actesId(raw: string): string | null {
  const m = ID_PARTS.exec(raw.replace(/\s+/gu, " ").trim());
  const g = m?.groups;
  if (g === undefined) return null;
  const department = actesDepartment(g["department"] ?? "");
  const siren = ocrDigits(g["siren"] ?? "");
  const date = compactDate(g["date"] ?? "");
  const nature = g["nature"] ?? "";
  if (department === null || siren === null || date === null || !isActNature(nature)) return null;
  return `${department}-${siren}-${date.replace(/-/gu, "")}-${g["number"] ?? ""}-${nature}`;
}

export function isActNature(value: string | null): value is ActNature {
  return value !== null && (ACT_NATURES as readonly string[]).includes(value);
}

/** "2020_005418" → ["2020", "5418"]; "DEL2021-014" → ["del", "2021", "14"]: runs of letters or digits, zeros leading a number dropped. */
function numberTokens(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+|\d+/gu) ?? []).map((t) => (/^\d+$/u.test(t) ? t.replace(/^0+(?=\d)/u, "") : t));
}

/** Tokens after the letters a platform or a register puts before the number ("DE_", "DEL", "D "). */
function withoutLetterPrefix(tokens: string[]): string[] {
  let k = 0;
  while (k < tokens.length - 1 && !/^\d/u.test(tokens[k] ?? "")) k++;
  return tokens.slice(k);
}

/**
 * Whether an act number as filed ("2020_005418": the platforms allow A–Z, 0–9 and "_") and a number as printed
 * ("2020/005418", "2021-014" filed "2021_014", "DEL2023-12" filed "DEL_2023_12" or "2023_12") are one number:
 * separators, case, zeros leading a number and a leading letter prefix do not count. With `within`, the
 * filed number may stand anywhere in the printed text (a heading line "Délibération n° 2020/005418 – Objet").
 */
export function sameActNumber(filed: string, printed: string, options: { within?: boolean } = {}): boolean {
  const a = withoutLetterPrefix(numberTokens(filed));
  if (!a.some((t) => /^\d/u.test(t))) return false;
  if (options.within !== true) {
    const b = withoutLetterPrefix(numberTokens(printed));
    return a.length === b.length && a.every((t, i) => t === b[i]);
  }
  const b = numberTokens(printed);
  for (let i = 0; i + a.length <= b.length; i++) if (a.every((t, k) => t === b[i + k])) return true;
  return false;
}
