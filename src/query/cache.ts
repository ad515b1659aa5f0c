/**
 * The query cache: every view of views.sql computed once into a table of a DuckDB database file
 * beside the output files (CACHE_FILE), which the views then read instead of the JSONL: at 100,000
 * records (2.3 GB of JSONL) a query reading the JSONL takes seconds, one on the cache milliseconds
 * (bench/QUERY.md). The derived views (members: 2.6 million rows there) are stored unnested too, so
 * that a count or a grouping does not unnest the records' lists again on every query.
 * The cache is made again when a file's size or modification time, views.sql, the cache layout or
 * DuckDB's version changed; it is built under a temporary name and renamed, so a query never sees a
 * half-made cache and two queries at once each see a whole one.
 */
import { accessSync, constants, existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { BASE_VIEWS, QUERY_FILES, sqlString, VIEW_NAMES, viewsFingerprint } from "./views.js";

/** The cache's name in the output folder (extract --out checks only its own files, so it does not get in the way). */
export const CACHE_FILE = ".delib-query-cache.duckdb";
/** Bumped when what the cache holds changes, so an older cache is made again. */
const CACHE_LAYOUT = 2;
/** The catalog names the cache is attached under. */
const CACHE_DB = "delib_cache";
const BUILD_DB = "delib_cache_build";
/** The table inside the cache holding the key it was made under. */
const KEY_TABLE = "cache_key";

export type CacheUse =
  | { kind: "reused"; file: string }
  | { kind: "built"; file: string; ms: number }
  /** The folder cannot be written: the views read the JSONL files. */
  | { kind: "none"; reason: string };

/** What the cache must have been made from: the files' sizes and times, the views, the layout, DuckDB's version. */
async function cacheKey(connection: DuckDBConnection, dir: string): Promise<string> {
  const version = (await connection.runAndReadAll("SELECT version()")).getRows()[0]?.[0];
  const files = QUERY_FILES.map((f) => {
    const s = statSync(join(dir, f));
    return [f, s.size, s.mtimeMs];
  });
  return JSON.stringify({ layout: CACHE_LAYOUT, duckdb: String(version), views: viewsFingerprint(), files });
}

async function storedKey(connection: DuckDBConnection): Promise<string | undefined> {
  try {
    const rows = (await connection.runAndReadAll(`SELECT key FROM ${CACHE_DB}.${KEY_TABLE}`)).getRows();
    const key = rows[0]?.[0];
    return typeof key === "string" ? key : undefined;
  } catch {
    return undefined; // not a cache of ours, or an older layout: made again
  }
}

/** Temporary files of builds whose process is gone (killed mid-build). */
function removeStaleBuilds(dir: string): void {
  const build = new RegExp(`^${CACHE_FILE.replaceAll(".", "\\.")}\\.(\\d+)\\.tmp`, "u");
  for (const name of readdirSync(dir)) {
    const pid = Number(build.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(dir, name), { force: true });
  }
}

async function build(connection: DuckDBConnection, dir: string, file: string, key: string): Promise<void> {
  removeStaleBuilds(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  try {
    await connection.run(`ATTACH ${sqlString(tmp)} AS ${BUILD_DB}`);
    // The files are read once, into the base tables; the derived views are then computed from those.
    for (const view of BASE_VIEWS) {
      await connection.run(`CREATE TABLE ${BUILD_DB}.${view} AS SELECT * FROM ${view}`);
      await connection.run(`CREATE OR REPLACE VIEW ${view} AS SELECT * FROM ${BUILD_DB}.${view}`);
    }
    const base: readonly string[] = BASE_VIEWS;
    for (const view of VIEW_NAMES.filter((v) => !base.includes(v))) await connection.run(`CREATE TABLE ${BUILD_DB}.${view} AS SELECT * FROM ${view}`);
    await connection.run(`CREATE TABLE ${BUILD_DB}.${KEY_TABLE} AS SELECT ${sqlString(key)} AS key`);
    await connection.run(`CHECKPOINT ${BUILD_DB}`);
    await connection.run(`DETACH ${BUILD_DB}`);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
  }
}

/**
 * Points every view at its table in the folder's cache, made first when missing or stale. Call
 * after views.sql's views were created over the JSONL files.
 */
export async function useCache(connection: DuckDBConnection, dir: string, onBuild?: () => void): Promise<CacheUse> {
  const file = join(dir, CACHE_FILE);
  const key = await cacheKey(connection, dir);
  let built: number | undefined;
  if (existsSync(file)) {
    await connection.run(`ATTACH ${sqlString(file)} AS ${CACHE_DB} (READ_ONLY)`);
    if ((await storedKey(connection)) !== key) await connection.run(`DETACH ${CACHE_DB}`);
    else built = -1;
  }
  if (built === undefined) {
    try {
      accessSync(dir, constants.W_OK);
    } catch (e) {
      return { kind: "none", reason: `Expected to write the query cache ${file}, got ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
    }
    onBuild?.();
    const start = performance.now();
    await build(connection, dir, file, key);
    built = performance.now() - start;
    await connection.run(`ATTACH ${sqlString(file)} AS ${CACHE_DB} (READ_ONLY)`);
  }
  for (const view of VIEW_NAMES) await connection.run(`CREATE OR REPLACE VIEW ${view} AS SELECT * FROM ${CACHE_DB}.${view}`);
  return built < 0 ? { kind: "reused", file } : { kind: "built", file, ms: built };
}
