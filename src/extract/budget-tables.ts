import type { CompiledBudgetTableRules } from "../rules/budget-tables.js";
import type { BudgetRowKind } from "../model/record.js";
import { amountValue } from "../normalize/amount.js";
import { readBudgetLine, type BudgetLine } from "./budget-lines.js";
import { sumMismatches } from "./budget-sums.js";
import type { Range } from "./candidate.js";

export interface FoundRow {
  label: Range;
  amount: Range;
  value: number;
  kind: BudgetRowKind;
  group: Range | null;
}

/** A label/amount table found in the text; ranges index the text read (the matching view). */
export interface FoundTable {
  title: Range | null;
  rows: FoundRow[];
}

/**
 * Blank lines a table may hold between two of its lines: the text files put one between the title and
 * the column headings ("Dépenses prévisionnelles (en € HT)", "", "Types de dépenses"); more is a gap
 * between two blocks of the page.
 */
const MAX_BLANK_LINES = 2;

/**
 * Lines (kind "line") a table needs besides its total: one line and a total restate one amount
 * ("Montant des travaux : 73 568 € HT" / "Total : 73 568 € HT"), which is no table to add up.
 */
const MIN_LINES = 2;

interface OpenTable {
  title: Range | null;
  rows: Array<Extract<BudgetLine, { kind: "row" }> & { group: Range | null }>;
  group: Range | null;
  blanks: number;
}

/** The lines of a range, each without its line break ("\n", or "\f" between pages). */
function linesOf(text: string, range: Range): Range[] {
  const out: Range[] = [];
  let start = range.start;
  for (let i = range.start; i <= range.end; i++) {
    if (i === range.end || text[i] === "\n" || text[i] === "\f") {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

/**
 * A table is reported when it ends with a total row and holds at least MIN_LINES lines: rows after its
 * last total are left out (no total closes them), an earlier total-like row is a subtotal ("Total
 * financement public 439 944" before "Financement privé (valorisation) 554 368" and "Total recettes").
 * Lines that are no row, no heading and no blank end the table: no table is better than a wrong one.
 * Rows under no title must add up to be a table: "1 DEVIS électrification cloche : 3400 €", "1 devis
 * réfection du befroi et abats-son: 12 924€", "Total : 65800€" are notes on a page, not a table.
 */
function closeTable(open: OpenTable): FoundTable | null {
  let last = open.rows.length - 1;
  while (last >= 0 && open.rows[last]?.total !== true) last--;
  if (last < 0) return null;
  const kept = open.rows.slice(0, last + 1);
  const rows: FoundRow[] = [];
  for (const [i, r] of kept.entries()) {
    const value = amountValue(r.digits, undefined);
    if (value === null) return null;
    const kind: BudgetRowKind = i === last ? "total" : r.total || r.subtotal ? "subtotal" : "line";
    rows.push({ label: r.label, amount: r.amount, value, kind, group: r.group });
  }
  if (rows.filter((r) => r.kind === "line").length < MIN_LINES) return null;
  if (open.title === null && sumMismatches(rows).length > 0) return null;
  return { title: open.title, rows };
}

/** The label/amount tables of some ranges of a text, in text order. */
export function findBudgetTables(rules: CompiledBudgetTableRules, text: string, ranges: readonly Range[]): FoundTable[] {
  const tables: FoundTable[] = [];
  for (const range of ranges) {
    // Set by the closures below: typed wide so that the checks in the loop are not narrowed away.
    let open = null as OpenTable | null;
    // The title line waiting for its table, and the blank lines read since.
    let title: Range | null = null;
    let titleBlanks = 0;
    const close = (): void => {
      if (open !== null) {
        const table = closeTable(open);
        if (table !== null) tables.push(table);
      }
      open = null;
    };
    // A row, a block heading or column headings open a table under the waiting title, if none is open.
    const extend = (): OpenTable => {
      open ??= { title, rows: [], group: null, blanks: 0 };
      open.blanks = 0;
      title = null;
      return open;
    };
    for (const lineRange of linesOf(text, range)) {
      const line = readBudgetLine(rules, text, lineRange);
      if (line.kind === "blank") {
        if (open !== null && ++open.blanks > MAX_BLANK_LINES) close();
        else if (open === null && ++titleBlanks > MAX_BLANK_LINES) title = null;
      } else if (line.kind === "title") {
        close();
        title = line.range;
        titleBlanks = 0;
      } else if (line.kind === "row") {
        const table = extend();
        table.rows.push({ ...line, group: table.group });
        // "Total financement public 439 944" closes the block of "Financeurs publics".
        if (line.total || line.subtotal) table.group = null;
      } else if (line.kind === "group") {
        extend().group = line.range;
      } else if (line.kind === "columns") {
        extend();
      } else {
        close();
        title = null;
      }
    }
    close();
  }
  return tables;
}
