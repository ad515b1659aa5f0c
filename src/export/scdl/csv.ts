import { SCDL_COLUMNS, type ScdlRow } from "../../scdl/columns.js";

/** One CSV cell, RFC 4180: always quoted (as the SCDL template file is), inner quotes doubled. */
function cell(value: string): string {
  return `"${value.replace(/"/gu, '""')}"`;
}

/** One CSV line with its RFC 4180 line end (CRLF). */
function line(values: readonly string[]): string {
  return `${values.map(cell).join(",")}\r\n`;
}

/** The header line: the SCDL columns in the schema's order. Comma-separated, UTF-8 without byte-order mark. */
export function scdlHeader(): string {
  return line(SCDL_COLUMNS);
}

export function scdlLine(row: ScdlRow): string {
  return line(SCDL_COLUMNS.map((c) => row[c]));
}
