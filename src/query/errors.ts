/** An error of `delib query` told to the user in one line (no stack trace): a bad query, a missing folder. */
export class QueryError extends Error {
  /** `usage`: the command was called wrongly (exit 2); else the query itself failed (exit 1). */
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message);
    this.name = "QueryError";
  }
}

const PREFIX = /^Failed to extract statements: /u;
const LINE = /^LINE (\d+):/mu;

/**
 * DuckDB's error for a query as one line: its message ("Parser Error: syntax error at or near …",
 * with a "Did you mean …?" when it has one), and the line of the query it points at when it points at
 * one (DuckDB's drawing of that line with a caret is dropped).
 */
export function duckdbErrorLine(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(PREFIX, "");
  const message = (text.split(/\n\s*\n/u)[0] ?? text).split("\n").map((l) => l.trim()).filter((l) => l !== "" && !LINE.test(l)).join(" ");
  const line = LINE.exec(text)?.[1];
  return line === undefined ? message : `${message} (line ${line} of the query)`;
}

/** A query DuckDB refused, as the one-line message the user reads. */
export function badQuery(error: unknown): QueryError {
  return new QueryError(`Expected SQL that DuckDB can run over the views, got ${duckdbErrorLine(error)}`, false);
}
