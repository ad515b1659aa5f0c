/** A CSV cell: its value (quotes removed, doubled quotes undone) and where it stands in the text. */
export interface Cell {
  value: string;
  start: number;
  end: number;
}

/**
 * RFC 4180 CSV with offsets: quoted cells may hold separators, doubled quotes and line breaks (SCDL files
 * print "DELIB_OBJET" over several lines). `start`/`end` cover the cell's content inside its quotes, so
 * that a record's provenance quotes the file. The separator is given (SCDL exports use "," or ";").
 */
export function parseCsv(text: string, separator: string): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is no part of the first cell
  while (i <= text.length) {
    let value = "";
    let start = i;
    let end = i;
    if (text[i] === '"') {
      start = i + 1;
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          value += text.slice(j);
          end = text.length;
          i = text.length;
          break;
        }
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        end = q;
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      while (i < text.length && text[i] !== separator && text[i] !== "\n" && text[i] !== "\r") value += text[i++];
    } else {
      while (i < text.length && text[i] !== separator && text[i] !== "\n" && text[i] !== "\r") i++;
      value = text.slice(start, i);
      end = i;
    }
    row.push({ value, start, end });
    if (text[i] === separator) {
      i++;
      continue;
    }
    // End of a row: "\r\n", "\n" or the end of the text. A last empty line adds no row.
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    if (!(row.length === 1 && row[0]?.value === "")) rows.push(row);
    row = [];
    if (i >= text.length) break;
  }
  return rows;
}

/** A CSV file's header: its first line (all of it when it has one line only). */
export function headerLine(text: string): string {
  const nl = text.indexOf("\n");
  return nl === -1 ? text : text.slice(0, nl);
}

/** The separator of a CSV file: the one of "," and ";" its header line holds more of. */
export function csvSeparator(text: string): string {
  const header = headerLine(text);
  const count = (c: string): number => header.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}
