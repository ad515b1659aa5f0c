import type { BudgetRowKind } from "../model/record.js";

/** What summing needs of a row; `group` is compared by identity (a record's heading text, or a found heading's range). */
export interface SummedRow<G> {
  value: number;
  kind: BudgetRowKind;
  group: G | null;
}

/** Amounts are printed to the cent: two sums closer than half a cent are equal (floating-point dust aside). */
const CENT_TOLERANCE = 0.005;

/** A subtotal or total row that its lines do not add up to: the row's index, and what they add up to. */
export interface SumMismatch {
  row: number;
  kind: "subtotal" | "total";
  /** The lines' sum, to the cent. */
  sum: number;
}

const cents = (value: number): number => Math.round(value * 100) / 100;

/**
 * Where a table's lines do not add up. A subtotal covers the lines right above it that sit in its block,
 * back to the previous subtotal (all of them when none is in its block): "Etat … PETR Morteau" under
 * "Financeurs publics" make "Total financement public 439 944". The total is the subtotals plus the lines
 * no subtotal covers: 439 944 + "Financement privé (valorisation) 554 368" = "Total recettes 994 312".
 */
export function sumMismatches<G>(rows: ReadonlyArray<SummedRow<G>>): SumMismatch[] {
  const out: SumMismatch[] = [];
  let outside = 0; // lines and subtotals that no subtotal covers
  let block: Array<SummedRow<G>> = []; // lines since the previous subtotal
  rows.forEach((row, i) => {
    if (row.kind === "line") {
      block.push(row);
      outside += row.value;
    } else if (row.kind === "subtotal") {
      const inBlock = block.filter((r) => r.group === row.group);
      const covered = inBlock.length > 0 ? inBlock : block;
      const sum = covered.reduce((s, r) => s + r.value, 0);
      if (covered.length > 0 && Math.abs(sum - row.value) >= CENT_TOLERANCE) out.push({ row: i, kind: "subtotal", sum: cents(sum) });
      outside += row.value - sum;
      block = [];
    } else if (Math.abs(outside - row.value) >= CENT_TOLERANCE) {
      out.push({ row: i, kind: "total", sum: cents(outside) });
    }
  });
  return out;
}
