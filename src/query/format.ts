/**
 * A query's result as text: an aligned table (the default), CSV (RFC 4180) or JSON Lines. Every
 * format writes the same values the same way on every run (src/query/values.ts).
 */
import type { QueryResult } from "./session.js";
import { NumberText, plainToJson, plainToText, type Plain } from "./values.js";

export type OutputFormat = "table" | "csv" | "json";

/**
 * Characters shown of one table cell: a record's provenance alone runs to tens of thousands, which
 * would make every line of the table wrap. Longer cells end with "…"; --csv and --json keep them whole.
 */
export const TABLE_CELL_MAX = 80;
/** What the table shows for SQL NULL (CSV writes nothing, JSON null). */
const TABLE_NULL = "NULL";
/** Between two table columns. */
const GAP = "  ";

/** Control characters would break a table's lines: shown escaped, as JSON writes them. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/gu, (c) => JSON.stringify(c).slice(1, -1));
}

function width(text: string): number {
  return [...text].length;
}

function cut(text: string): string {
  const chars = [...text];
  return chars.length <= TABLE_CELL_MAX ? text : `${chars.slice(0, TABLE_CELL_MAX - 1).join("")}…`;
}

function tableCell(p: Plain): string {
  return p === null ? TABLE_NULL : cut(oneLine(plainToText(p)));
}

/** Header, a rule, the rows (numbers to the right), and the row count. */
export function formatTable(result: QueryResult): string {
  const header = result.columns.map((c) => cut(oneLine(c)));
  const cells = result.rows.map((row) => row.map(tableCell));
  const numeric = result.columns.map((_, c) => result.rows.some((row) => row[c] instanceof NumberText) && result.rows.every((row) => row[c] === null || row[c] instanceof NumberText));
  const widths = header.map((h, c) => Math.max(width(h), ...cells.map((row) => width(row[c] ?? ""))));
  const pad = (text: string, c: number): string => {
    const fill = " ".repeat((widths[c] ?? 0) - width(text));
    return numeric[c] === true ? fill + text : text + fill;
  };
  const line = (row: string[]): string => row.map(pad).join(GAP).trimEnd();
  const rows = result.rows.length;
  return [line(header), widths.map((w) => "-".repeat(w)).join(GAP), ...cells.map(line), `(${rows} ${rows === 1 ? "row" : "rows"})`, ""].join("\n");
}

/** RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, its quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV as RFC 4180 writes it: a header row, CRLF after every row. NULL is an empty field and an empty
 * string a quoted empty field (""), so the two stay apart; nested values are compact JSON.
 */
export function formatCsv(result: QueryResult): string {
  const cell = (p: Plain): string => (p === null ? "" : p === "" ? '""' : csvField(plainToText(p)));
  return [result.columns.map(csvField), ...result.rows.map((row) => row.map(cell))].map((r) => `${r.join(",")}\r\n`).join("");
}

/** Column names made unique for JSON keys: a name seen before gets _1, _2, … (as DuckDB names duplicates). */
function uniqueNames(columns: readonly string[]): string[] {
  const seen = new Set<string>();
  return columns.map((c) => {
    let name = c;
    for (let i = 1; seen.has(name); i++) name = `${c}_${i}`;
    seen.add(name);
    return name;
  });
}

/** JSON Lines: one object per row, keyed by column name; numbers keep DuckDB's exact digits. */
export function formatJson(result: QueryResult): string {
  const names = uniqueNames(result.columns);
  return result.rows.map((row) => `{${row.map((p, c) => `${JSON.stringify(names[c])}:${plainToJson(p)}`).join(",")}}\n`).join("");
}

export function formatResult(result: QueryResult, format: OutputFormat): string {
  if (format === "csv") return formatCsv(result);
  if (format === "json") return formatJson(result);
  return formatTable(result);
}
