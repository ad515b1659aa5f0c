import type { DelibRecord } from "../model/record.js";

/** A number OCR read with its separator lost ("2026 004" among "2026_003", "2026_008"): less sure of it. */
const HARMONISED_CONFIDENCE = 0.8;

/** "2026_004" → ["2026", "_", "004"]: digit groups and what separates them. */
function parts(n: string): { digits: string[]; separators: string[] } | null {
  const m = /^(\d+)(?:([ _./-])(\d+))+$/u.exec(n);
  if (m === null) return null;
  const digits = n.split(/[ _./-]/u);
  const separators = [...n.matchAll(/[ _./-]/gu)].map((x) => x[0]);
  return { digits, separators };
}

/**
 * One council numbers one list's deliberations in one form. Where OCR lost the underscore or dot of some of
 * them ("2026 004", "2026 006" beside "2026_003", "2026_008": Pierrefonds list, 27 Jan. 2026), the spaced
 * ones take the one other form the document's numbers of the same shape (digit-group lengths) have. Only a
 * space is replaced; two other forms in one list leave every number as read.
 */
export function harmoniseNumberForms(records: DelibRecord[]): void {
  const shapes = new Map<string, Map<string, number>>(); // digit-group lengths → separator → count
  for (const r of records) {
    const p = r.number === null ? null : parts(r.number);
    if (p === null || p.separators.length !== 1) continue;
    const key = p.digits.map((d) => d.length).join(",");
    const counts = shapes.get(key) ?? new Map<string, number>();
    const sep = p.separators[0] as string;
    counts.set(sep, (counts.get(sep) ?? 0) + 1);
    shapes.set(key, counts);
  }
  for (const r of records) {
    const p = r.number === null ? null : parts(r.number);
    if (p === null || p.separators.length !== 1 || p.separators[0] !== " ") continue;
    const counts = shapes.get(p.digits.map((d) => d.length).join(","));
    if (counts === undefined) continue;
    // OCR drops a faint underscore, it never prints one: one other separator in the list is the printed form.
    const others = [...counts.keys()].filter((s) => s !== " ");
    const best = others.length === 1 ? others[0] : undefined;
    if (best === undefined) continue;
    r.number = p.digits.join(best);
    const c = r.confidence["number"];
    if (c !== undefined) r.confidence["number"] = Math.min(c, HARMONISED_CONFIDENCE);
  }
}
