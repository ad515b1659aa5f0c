import { frenchNumber } from "./french-number.js";

/** "18h10", "18 h 10", "18h", "18:10", "vingt heures trente" → "18:10"; null when it is no time of day. */
export function clockTime(raw: string): string | null {
  const m = /^(\d{1,2}|[\p{L}\s-]+?)\s*(?:heures?(?!\p{L})|h|:)\s*(\d{2}|[\p{L}\s-]+)?$/iu.exec(raw.trim());
  if (!m) return null;
  const read = (s: string | undefined): number | null => (s === undefined ? 0 : /^\d+$/u.test(s) ? Number(s) : frenchNumber(s));
  const hours = read(m[1]);
  const minutes = read(m[2]?.trim());
  if (hours === null || minutes === null) return null;
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
