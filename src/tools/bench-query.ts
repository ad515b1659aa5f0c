#!/usr/bin/env node
/**
 * `npm run bench:query` — `delib query` over an archive-scale output folder: `--records N` (default
 * 100,000) generated records (src/tools/bench/query-corpus.ts, kept in the temp folder between runs).
 * Times, in one process: the views read straight from the JSONL (--no-cache), the cache being made,
 * the views over the cache and each query on it; then `delib query` as a new process (Node, DuckDB
 * and the cache opened) as an analyst runs it. Prints a Markdown report; `--write` also writes it to
 * bench/QUERY.md (its own file: bench-batch writes bench/RESULTS.md whole).
 */
import { execSync, spawnSync } from "node:child_process";
import { rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { packageRoot } from "../paths.js";
import { CACHE_FILE } from "../query/cache.js";
import { openSession, type QuerySession } from "../query/session.js";
import { queryCorpus } from "./bench/query-corpus.js";
import { plainToText } from "../query/values.js";
import { runMain } from "./run-main.js";

/** The target: a query over 100,000 records answers in under a second on the 2-core machine. */
const TARGET_MS = 1_000;
/** The size. */
const DEFAULT_RECORDS = 100_000;
/** Runs of each query on the warm cache: the first, then the best of the rest (the machine is shared). */
const WARM_RUNS = 3;

/** Representative questions: a count over the largest view, groupings, a sum of money, a map lookup, a join. */
export const BENCH_QUERIES: ReadonlyArray<{ name: string; sql: string }> = [
  { name: "count members", sql: "SELECT count(*) FROM members" },
  { name: "members by commune and status", sql: "SELECT commune, status, count(*) AS n FROM members GROUP BY commune, status ORDER BY n DESC, commune, status LIMIT 10" },
  { name: "amounts summed by currency", sql: "SELECT currency, sum(value) AS total, count(*) AS n FROM amounts GROUP BY currency ORDER BY currency" },
  { name: "proxy holders (README)", sql: "SELECT to_name AS holder, count(*) AS proxies_held, count(DISTINCT deliberation_id) AS deliberations FROM proxies GROUP BY to_name ORDER BY proxies_held DESC, holder LIMIT 10" },
  { name: "issues by rule (README)", sql: "SELECT rule_id, severity, count(*) AS issues, count(DISTINCT deliberation_id) AS records FROM issues WHERE deliberation_id IS NOT NULL GROUP BY rule_id, severity ORDER BY issues DESC, rule_id, severity" },
  { name: "low-confidence numbers (provenance map)", sql: "SELECT count(*) FROM deliberations WHERE confidence['number'] < 0.9" },
  { name: "not unanimous, joined to amounts", sql: "SELECT v.outcome, count(DISTINCT v.deliberation_id) AS n, sum(a.value) AS total FROM votes v JOIN amounts a USING (deliberation_id) WHERE v.unanimous IS NOT TRUE GROUP BY v.outcome ORDER BY v.outcome" },
];

const ms = (n: number): string => `${Math.round(n).toLocaleString("en-US")} ms`;
const verdict = (ok: boolean): string => (ok ? "yes" : "**no**");

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
}

async function timeQuery(session: QuerySession, sql: string): Promise<number> {
  return (await timed(() => session.run(sql))).ms;
}

export async function benchQuery(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { records: { type: "string" }, write: { type: "boolean" } } });
  const n = values.records === undefined ? DEFAULT_RECORDS : Number(values.records);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Expected --records to be a whole number ≥ 1 (src/tools/bench-query.ts), got "${values.records}"`);
  const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  const made = await timed(() => queryCorpus(n));
  const corpus = made.value;
  const jsonlMb = ["deliberations.jsonl", "documents.jsonl", "issues.jsonl"].reduce((s, f) => s + statSync(join(corpus.dir, f)).size, 0) / 1e6;
  process.stderr.write(`bench-query: ${corpus.records} records in ${corpus.dir} (${jsonlMb.toFixed(0)} MB)\n`);

  // 1. Straight from the JSONL, every query reading the files.
  const bare = await timed(() => openSession(corpus.dir, { cache: false }));
  const cold: number[] = [];
  for (const q of BENCH_QUERIES) cold.push(await timeQuery(bare.value, q.sql));
  bare.value.close();

  // 2. The cache made (first query on a folder), then reused by a new session.
  rmSync(join(corpus.dir, CACHE_FILE), { force: true });
  const building = await timed(() => openSession(corpus.dir, { cache: true }));
  const buildMs = building.value.cache.kind === "built" ? building.value.cache.ms : Number.NaN;
  building.value.close();
  const cacheMb = statSync(join(corpus.dir, CACHE_FILE)).size / 1e6;
  const warmOpen = await timed(() => openSession(corpus.dir, { cache: true }));
  const warm = warmOpen.value;
  if (warm.cache.kind !== "reused") throw new Error(`Expected the second session to reuse the cache (src/tools/bench-query.ts), got ${warm.cache.kind}`);
  const runs: number[][] = [];
  for (const q of BENCH_QUERIES) {
    const times: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) times.push(await timeQuery(warm, q.sql));
    runs.push(times);
  }
  const counted = (await warm.run("SELECT count(*) FROM members")).rows[0]?.[0];
  const members = counted === undefined || counted === null ? "?" : plainToText(counted);
  warm.close();

  // 3. `delib query` as a new process on the warm cache: what an analyst waits for.
  const bin = join(packageRoot, "bin", "delib.js");
  const first = BENCH_QUERIES[0] as { sql: string };
  const start = performance.now();
  const run = spawnSync(process.execPath, [bin, "query", first.sql, "--out", corpus.dir, "--csv"], { encoding: "utf8" });
  const processMs = performance.now() - start;
  if (run.status !== 0) throw new Error(`Expected delib query to exit 0 (src/tools/bench-query.ts), got ${run.status}: ${run.stderr}`);

  const worstWarm = Math.max(...runs.map((t) => t[0] ?? Number.POSITIVE_INFINITY));
  const commit = execSync("git rev-parse --short HEAD", { cwd: packageRoot, encoding: "utf8" }).trim();
  const lines = [
    "# Query benchmark (`npm run bench:query`)",
    "",
    `${new Date().toISOString().slice(0, 10)}, commit ${commit}, Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), load average before the run ${load}`,
    "",
    `${corpus.records.toLocaleString("en-US")} generated records (copies of the corpus's output, ids, numbers and amounts varied; ${Number(members).toLocaleString("en-US")} members): ${jsonlMb.toFixed(0)} MB of JSONL (made in ${ms(made.ms)}, or found in the temp folder). The cache \`${CACHE_FILE}\`: ${cacheMb.toFixed(0)} MB.`,
    "",
    "| step | time |",
    "|---|---|",
    `| views over the JSONL created (--no-cache) | ${ms(bare.ms)} |`,
    `| cache made (the first query on a folder: the three files read, every view stored as a table) | ${ms(buildMs)} |`,
    `| views over the cache opened (each later session) | ${ms(warmOpen.ms)} |`,
    `| \`delib query "${first.sql}" --out <dir>\` as a new process, on the cache (Node started, modules loaded) | ${ms(processMs)} |`,
    "",
    `| query | from the JSONL (--no-cache) | on the cache: first run | best of ${WARM_RUNS} |`,
    "|---|---|---|---|",
    ...BENCH_QUERIES.map((q, i) => `| ${q.name} | ${ms(cold[i] ?? Number.NaN)} | ${ms(runs[i]?.[0] ?? Number.NaN)} | ${ms(Math.min(...(runs[i] ?? [])))} |`),
    "",
    `- slowest query on the cache: **${ms(worstWarm)}** (target < ${ms(TARGET_MS)}: ${verdict(worstWarm < TARGET_MS)}); a new process: ${ms(processMs)} (${verdict(processMs < TARGET_MS)})`,
    `- slowest query from the JSONL: ${ms(Math.max(...cold))} (${verdict(Math.max(...cold) < TARGET_MS)})`,
    "",
  ];
  const markdown = lines.join("\n");
  process.stdout.write(markdown);
  if (values.write === true) writeFileSync(join(packageRoot, "bench", "QUERY.md"), markdown);
  return 0;
}

runMain(import.meta.url, "bench-query", benchQuery);
