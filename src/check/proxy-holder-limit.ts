import { placeOf, type Check } from "./check.js";

/**
 * Periods in which one member could hold two proxies instead of one (CGCT art. L2121-20, L5211-1):
 * - ordonnance n° 2020-391 du 1er avril 2020, art. 2, during the first state of health emergency
 *   (loi n° 2020-290 du 23 mars 2020, until 10 July 2020);
 * - loi n° 2020-1379 du 14 novembre 2020, art. 6, applied from the state of emergency declared again on
 *   17 October 2020 (councils read it from its first sittings of late October), extended by lois
 *   n° 2021-160 du 15 février 2021, n° 2021-689 du 31 mai 2021 and n° 2021-1465 du 10 novembre 2021 art. 10,
 *   until 31 July 2022.
 * Dates are sitting dates, inclusive, ISO strings (they compare as text).
 */
export const TWO_PROXY_PERIODS: ReadonlyArray<{ from: string; to: string; law: string }> = [
  { from: "2020-03-24", to: "2020-07-10", law: "ordonnance n° 2020-391 art. 2" },
  { from: "2020-10-30", to: "2022-07-31", law: "loi n° 2020-1379 art. 6 and its extensions" },
];

/** The number of proxies one member may hold at a sitting of this date (one when the date is unknown). */
export function proxiesPerHolder(date: string | null): number {
  if (date === null) return 1;
  return TWO_PROXY_PERIODS.some((p) => date >= p.from && date <= p.to) ? 2 : 1;
}

/** One holder holds at most the legal number of proxies: one, two during the 2020–2022 health emergency. */
export const proxyHolderLimit: Check = {
  meta: {
    id: "proxy.holder-limit",
    description: "A holder holds no more proxies than the law allows at the sitting's date",
    severity: "warning",
    messages: { tooMany: "Expected at most {{limit}} {{what}} per holder on {{date}}, got {{held}} held by {{holder}}" },
  },
  run(record, report) {
    const date = record.sitting.date;
    const limit = proxiesPerHolder(date);
    const held = new Map<string, number[]>();
    record.attendance.proxies.forEach((p, i) => held.set(p.to, [...(held.get(p.to) ?? []), i]));
    for (const [holder, idx] of held) {
      if (idx.length <= limit) continue;
      const data = { limit, what: limit > 1 ? "proxies" : "proxy", date: date ?? "an unknown date", held: idx.length, holder };
      report({ messageId: "tooMany", data, place: placeOf(record, `attendance.proxies.${idx[limit] ?? 0}.to`) });
    }
  },
};
