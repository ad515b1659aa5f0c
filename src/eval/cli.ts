#!/usr/bin/env node
/**
 * `npm run eval` — runs every corpus case (any folder under corpus/ holding an expected.json) through
 * the pipeline, two documents at a time, prints a summary on stderr and writes corpus/BASELINE.md.
 *
 *   (no flag)  compare with the committed BASELINE.md; write it when nothing regressed, exit 1 (and
 *              keep the old file) when some case scores lower. Not written either when some listed
 *              source was missing (the figures would be incomplete): use --write for that.
 *   --check    compare only, never write; exit 1 on a regression.
 *   --write    write even if lower (accepts a new baseline); exit 0.
 *   --corpus <dir>  another corpus folder (default: <package root>/corpus).
 *   --concurrency <n>  documents processed at once (default 2); the output does not depend on it.
 * Exit 2 on usage errors or when the pipeline cannot be loaded.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { prf, runEval, type EvalReport } from "./score.js";
import { packageRoot } from "../paths.js";
import {
  compareToBaseline,
  formatRecords,
  formatScore,
  missingFromRun,
  parseBaseline,
  renderBaseline,
  rowOf,
  weakFieldsLine,
} from "./baseline.js";

interface Args {
  mode: "default" | "check" | "write";
  corpus: string | null;
  concurrency: number;
}

function usage(message: string | null): never {
  const head = message === null ? "" : `delib eval: ${message}\n`;
  process.stderr.write(`${head}usage: node dist/eval/cli.js [--check | --write] [--corpus <dir>] [--concurrency <n>]\n`);
  process.exit(message === null ? 0 : 2);
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { mode: "default", corpus: null, concurrency: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--check" || a === "--write") {
      const mode = a === "--check" ? "check" : "write";
      if (args.mode !== "default" && args.mode !== mode) usage("--check and --write exclude each other");
      args.mode = mode;
    } else if (a === "--corpus") {
      const dir = argv[++i];
      if (dir === undefined) usage("--corpus needs a folder");
      args.corpus = dir;
    } else if (a === "--concurrency") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) usage("--concurrency needs a positive integer");
      args.concurrency = n;
    } else if (a === "-h" || a === "--help") {
      usage(null);
    } else {
      usage(`unknown argument ${JSON.stringify(a)}`);
    }
  }
  return args;
}

function summary(report: EvalReport): string {
  const lines: string[] = [];
  for (const r of report.results) {
    const row = rowOf(r);
    const m = row.members === null ? "" : ` members ${row.members.matched}/${row.members.expected}`;
    const p = row.proxies === null ? "" : ` proxies ${row.proxies.matched}/${row.proxies.expected}`;
    lines.push(
      `  ${r.caseId} ${r.source} [${r.status}] records ${formatRecords(row.records)} F1 strict ${formatScore(r.macroStrict)} soft ${formatScore(r.macroSoft)}${m}${p}`,
    );
  }
  for (const g of report.groups) {
    if (g.sources === 0) continue;
    lines.push(
      `  ${g.kind} ${g.name}: records ${formatRecords(g.records)} F1 strict ${formatScore(g.macroStrict)} soft ${formatScore(g.macroSoft)} (${g.sources} source(s))`,
    );
  }
  lines.push(`  ${weakFieldsLine(report)}`);
  const records = report.fields.find((f) => f.field === "records");
  if (records !== undefined) {
    const r = prf(records.strict);
    lines.push(`  records: P ${formatScore(r.p)} R ${formatScore(r.r)} F1 ${formatScore(r.f1)}`);
  }
  lines.push(
    `  overall macro F1: strict ${formatScore(report.macroStrict)}, soft ${formatScore(report.macroSoft)} over ${report.results.length} source(s)`,
  );
  return lines.join("\n");
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const root = packageRoot;
  const corpus = args.corpus === null ? join(root, "corpus") : resolve(args.corpus);
  const baselineFile = join(corpus, "BASELINE.md");
  const log = (line: string): void => void process.stderr.write(`delib eval: ${line}\n`);

  let report: EvalReport;
  try {
    report = await runEval({ root, corpus, log, concurrency: args.concurrency });
  } catch (error) {
    log((error as Error).message);
    return 2;
  }
  process.stderr.write(`delib eval: ${report.results.length} source(s) scored\n${summary(report)}\n`);
  if (report.results.length === 0) log(`no case found under ${corpus} (any folder holding an expected.json)`);

  const current = report.results.map(rowOf);
  const baseline = existsSync(baselineFile) ? parseBaseline(readFileSync(baselineFile, "utf8")) : [];
  const regressions = compareToBaseline(current, baseline);
  for (const m of missingFromRun(current, baseline)) {
    log(`warning: not run: ${m.caseId} ${m.source} (in BASELINE.md, not in this run)`);
  }
  for (const r of regressions) {
    log(`REGRESSION ${r.caseId} ${r.source}: ${r.figure} ${r.current} < baseline ${r.baseline}`);
  }

  const text = renderBaseline(report);
  const old = existsSync(baselineFile) ? readFileSync(baselineFile, "utf8") : null;
  const write = (): void => {
    if (old === text) {
      log(`${baselineFile} unchanged`);
    } else {
      writeFileSync(baselineFile, text);
      log(`wrote ${baselineFile}`);
    }
  };

  if (args.mode === "check") {
    if (regressions.length > 0) return 1;
    log("no regression against BASELINE.md");
    return 0;
  }
  if (args.mode === "write") {
    write();
    return 0;
  }
  if (regressions.length > 0) {
    log(`${regressions.length} regression(s): BASELINE.md kept (run with --write to accept the new figures)`);
    return 1;
  }
  if (report.skipped.length > 0) {
    log(
      `${report.skipped.length} source(s) or case(s) skipped: BASELINE.md not written (figures incomplete, rows would be dropped; --write forces it)`,
    );
    return 0;
  }
  write();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`delib eval: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
