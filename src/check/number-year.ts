import { placeOf, type Check } from "./check.js";

/**
 * Years a deliberation numbered with its year may differ from its sitting's: none. "2022.00022" of a
 * sitting on 2022-01-20, "2019-04-01", "DEL2025-02", "D 2024-23". A number whose leading four digits
 * are no year between these bounds ("1234/5") is not dated and not checked.
 */
const FIRST_YEAR = 1950;
const LAST_YEAR = 2100;

/** The year a deliberation number opens with, if it opens with one. */
export function numberYear(number: string): number | null {
  const m = /^(?:N°\s*)?(?:DEL|D\s?)?(\d{4})(?=[-_./ ]\d)/iu.exec(number.trim());
  const year = m === null ? null : Number(m[1]);
  return year !== null && year >= FIRST_YEAR && year <= LAST_YEAR ? year : null;
}

/** A dated deliberation number names the sitting's year. */
export const numberYearMatchesSitting: Check = {
  meta: {
    id: "date.number-year-mismatch",
    description: "A deliberation number that opens with a year names the year of its sitting",
    severity: "warning",
    messages: { year: 'Expected deliberation number "{{number}}" to name the sitting\'s year {{sitting}}, got {{year}}' },
  },
  run(record, report) {
    const year = record.number === null ? null : numberYear(record.number);
    const date = record.sitting.date;
    if (year === null || date === null) return;
    const sitting = Number(date.slice(0, 4));
    if (year !== sitting) report({ messageId: "year", data: { number: record.number ?? "", sitting, year }, place: placeOf(record, "number") });
  },
};
