import { frenchNumber } from "./french-number.js";

/** French month names (and abbreviations met in minutes) to month numbers. */
const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, janv: 1, fevrier: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6,
  juillet: 7, juil: 7, aout: 8, septembre: 9, sept: 9, octobre: 10, oct: 10, novembre: 11, nov: 11, decembre: 12, dec: 12,
};

function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\.$/u, "");
}

/** The ISO date of a calendar day ("2020-11-09"), or null when there is no such day (31 February). */
export function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "9 novembre 2020", "1er décembre 2020", "09/11/2020" → "2020-11-09"; null when it is no date. */
export function frenchDate(raw: string): string | null {
  const text = raw.replace(/\s+/gu, " ").trim();
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(text);
  if (numeric) return isoDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const words = /^(?:\p{L}+ )?(\d{1,2})(?:er|e)? (\p{L}+\.?) (\d{4})$/u.exec(text);
  if (!words) return null;
  const month = MONTHS[fold(words[2] ?? "")];
  if (month === undefined) return null;
  return isoDate(Number(words[3]), month, Number(words[1]));
}

/** "deux mille seize, le 10 mars" or "deux mil dix neuf, le huit avril" (after "L'an") → "2016-03-10". */
export function frenchDateInWords(raw: string): string | null {
  const m = /^(?<year>[\p{L}\s-]+?),?\s+le\s+(?<day>\d{1,2}(?:er)?|[\p{L}\s-]+?)\s+(?<month>\p{L}+)$/u.exec(raw.replace(/\s+/gu, " ").trim());
  if (!m?.groups) return null;
  const year = frenchNumber(m.groups["year"] ?? "");
  const dayText = (m.groups["day"] ?? "").replace(/^(\d+)er$/u, "$1");
  const day = /^\d+$/u.test(dayText) ? Number(dayText) : frenchNumber(dayText);
  const month = MONTHS[fold(m.groups["month"] ?? "")];
  if (year === null || day === null || month === undefined) return null;
  return isoDate(year, month, day);
}

/** "douze avril deux mille vingt-deux", "18 septembre 2023", "premier mai deux mille" → ISO. */
export function frenchDateDayMonthYear(raw: string): string | null {
  const words = raw.replace(/\s+/gu, " ").trim().split(" ");
  const at = words.findIndex((w) => MONTHS[fold(w)] !== undefined);
  if (at < 1) return null;
  const dayText = words.slice(0, at).join(" ").replace(/^(\d+)er$/u, "$1");
  const yearText = words.slice(at + 1).join(" ");
  const day = /^\d+$/u.test(dayText) ? Number(dayText) : frenchNumber(dayText);
  const year = /^\d{4}$/u.test(yearText) ? Number(yearText) : frenchNumber(yearText);
  const month = MONTHS[fold(words[at] ?? "")];
  if (day === null || year === null || month === undefined) return null;
  return isoDate(year, month, day);
}
