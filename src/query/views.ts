/**
 * The views of `delib query` (src/query/views.sql) made ready to run over one output folder: each
 * `{{file}}` placeholder becomes that file's path as a quoted SQL string.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../paths.js";

/** The files of `delib extract --out` that the views read (summary.json is not: it is derived from them). */
export const QUERY_FILES = ["deliberations.jsonl", "documents.jsonl", "issues.jsonl"] as const;

/** The views reading one file each, named as the file without .jsonl; the other views are derived from them. */
export const BASE_VIEWS = ["deliberations", "documents", "issues"] as const;

/** Every view views.sql defines, in the order it defines them. */
export const VIEW_NAMES = ["deliberations", "documents", "issues", "members", "proxies", "amounts", "votes", "budget_lines"] as const;

/** The SQL file, read from the package (src/ is shipped: tsc does not copy .sql files into dist/). */
export const VIEWS_SQL_FILE = join(packageRoot, "src", "query", "views.sql");

let text: string | undefined;
/** views.sql as written. */
export function viewsSqlText(): string {
  text ??= readFileSync(VIEWS_SQL_FILE, "utf8");
  return text;
}

/** A string as a SQL string literal: single quotes doubled, nothing else needs escaping in DuckDB. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

const PLACEHOLDER = /\{\{([^}]*)\}\}/gu;

/** views.sql with each placeholder replaced by the path of that file in `dir`. */
export function viewsSql(dir: string): string {
  const known: readonly string[] = QUERY_FILES;
  return viewsSqlText().replace(PLACEHOLDER, (_, name: string) => {
    if (!known.includes(name)) throw new Error(`Expected a placeholder naming one of ${QUERY_FILES.join(", ")} in ${VIEWS_SQL_FILE}, got {{${name}}}`);
    return sqlString(join(dir, name));
  });
}

/** A fingerprint of views.sql: a cache made under other views is not reused. */
export function viewsFingerprint(): string {
  return createHash("sha256").update(viewsSqlText()).digest("hex").slice(0, 16);
}
