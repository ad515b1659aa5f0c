/**
 * A query session over one output folder: an in-memory DuckDB with views.sql's views (read from the
 * folder's query cache unless told not to), running SQL and giving its result as plain data.
 */
import { existsSync, statSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { join } from "node:path";
import { useCache, type CacheUse } from "./cache.js";
import { badQuery, duckdbErrorLine, QueryError } from "./errors.js";
import { cellToPlain, type Plain } from "./values.js";
import { QUERY_FILES, viewsSql } from "./views.js";

export interface QueryResult {
  columns: string[];
  /** DuckDB's type of each column, as DuckDB writes it (e.g. BIGINT, DECIMAL(38,2), VARCHAR[]). */
  types: string[];
  rows: Plain[][];
}

export interface SessionOptions {
  /** false: the views read the JSONL files on every query, no cache is read or written. */
  cache: boolean;
  /** Called before the cache is made (it takes a while on a large folder). */
  onCacheBuild?: () => void;
}

export interface QuerySession {
  readonly cache: CacheUse;
  /** Runs every statement of `sql`; returns the last one's result. Throws QueryError for a bad query. */
  run(sql: string): Promise<QueryResult>;
  /** Whether `sql` is only the start of a statement (it ends inside a string or a clause): the prompt asks for more. */
  incomplete(sql: string): Promise<boolean>;
  close(): void;
}

/**
 * Nothing is downloaded at run time (test/offline.test.ts): DuckDB would otherwise fetch an extension
 * a query names (JSON and Parquet, all the views need, are built in). An analyst may still INSTALL one.
 */
const INSTANCE_OPTIONS = { autoinstall_known_extensions: "false" };

/** Parser errors that mean "the statement goes on" rather than "the statement is wrong". */
const UNFINISHED = /at end of input|unterminated quoted (string|identifier)/u;
/** SQL made only of blanks and comments: DuckDB's statement splitter fails on it with no message. */
const NOTHING = /^(\s|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*$/u;

/** The folder must exist and hold the files the views read; each failure names the folder or the file. */
export function checkOutFolder(dir: string): void {
  if (!existsSync(dir)) throw new QueryError(`Expected --out to name the folder delib extract wrote, got ${dir}, which does not exist`, true);
  if (!statSync(dir).isDirectory()) throw new QueryError(`Expected --out to name the folder delib extract wrote, got ${dir}, which is not a folder`, true);
  const missing = QUERY_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) throw new QueryError(`Expected ${dir} to hold ${QUERY_FILES.join(", ")} (written by delib extract --out ${dir}), got no ${missing.join(", ")}`, true);
}

async function runAll(connection: DuckDBConnection, sql: string): Promise<QueryResult> {
  if (NOTHING.test(sql)) throw new QueryError("Expected a SQL statement, got none", false);
  try {
    const statements = await connection.extractStatements(sql);
    let last;
    for (let i = 0; i < statements.count; i++) last = await (await statements.prepare(i)).runAndReadAll();
    if (last === undefined) throw new QueryError("Expected a SQL statement, got none", false);
    const types = last.columnTypes();
    return {
      columns: last.columnNames(),
      types: types.map(String),
      rows: last.getRows().map((row) => row.map((v, c) => cellToPlain(v, types[c] as (typeof types)[number]))),
    };
  } catch (e) {
    if (e instanceof QueryError) throw e;
    throw badQuery(e);
  }
}

/** Opens a session over `dir` (a folder `delib extract --out` wrote). */
export async function openSession(dir: string, options: SessionOptions): Promise<QuerySession> {
  checkOutFolder(dir);
  const instance = await DuckDBInstance.create(":memory:", INSTANCE_OPTIONS);
  const connection = await instance.connect();
  try {
    await connection.run(viewsSql(dir));
    const cache = options.cache ? await useCache(connection, dir, options.onCacheBuild) : ({ kind: "none", reason: "--no-cache" } as const);
    return {
      cache,
      run: (sql) => runAll(connection, sql),
      async incomplete(sql) {
        if (NOTHING.test(sql)) return false;
        try {
          await connection.extractStatements(sql);
          return false;
        } catch (e) {
          return UNFINISHED.test(duckdbErrorLine(e));
        }
      },
      close() {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch (e) {
    connection.closeSync();
    instance.closeSync();
    throw e instanceof QueryError ? e : new QueryError(`Expected the files of ${dir} to load into the query views, got ${duckdbErrorLine(e)}`, false);
  }
}
