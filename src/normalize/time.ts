import { frenchNumber } from "./french-number.js";

/** "18h10", "18 h 10", "18h", "18:10" → "18:10". */
const DIGITS = /^(\d{1,2})\s*(?:heures?(?!\p{L})|h|H|:)\s*(\d{2})?$/u;
/** "vingt heures trente", "dix-huit heures" → "20:30", "18:00". */
const WORDS = /^([\p{L}\s-]+?)\s+heures?(?:\s+([\p{L}\s-]+))?$/iu;

/** A time of day as printed, in digits or words, as "HH:MM"; null when it is no time of day. */
export function clockTime(raw: string): string | null {
  const text = raw.trim();
  const d = DIGITS.exec(text);
  const w = d === null ? WORDS.exec(text) : null;
  const hours = d !== null ? Number(d[1]) : w !== null ? frenchNumber(w[1] ?? "") : null;
  const minutesText = d !== null ? d[2] : w?.[2];
  const minutes = minutesText === undefined ? 0 : /^\d+$/u.test(minutesText) ? Number(minutesText) : frenchNumber(minutesText);
  if (hours === null || minutes === null || hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
