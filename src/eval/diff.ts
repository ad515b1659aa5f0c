/**
 * `npm run eval:diff -- <case-substring> [--strict]`: for each source of the matching corpus cases, the
 * fields where delib's records differ from the expected ones (soft comparison, or strict), pair by pair. A developer's
 * tool for reading eval failures; writes only to stdout.
 */
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import { processDocument } from "../pipeline.js";
import { arrayAt, lookup, memberKey, proxyKey, SCALAR_FIELDS, softEqual, strictEqual, valueAt, type Mode } from "./fields.js";
import { matchRecords } from "./match.js";
import { discoverCorpus } from "./score.js";

function show(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}

function setDiff(label: string, expected: string[], predicted: string[]): string[] {
  const p = new Set(predicted);
  const e = new Set(expected);
  const missing = expected.filter((x) => !p.has(x));
  const extra = predicted.filter((x) => !e.has(x));
  if (missing.length === 0 && extra.length === 0) return [];
  return [`    ${label}: ${expected.length - missing.length}/${expected.length} matched`, ...missing.slice(0, 8).map((x) => `      - ${x}`), ...extra.slice(0, 8).map((x) => `      + ${x}`)];
}

export async function diffCases(filter: string, mode: Mode = "soft"): Promise<string> {
  const equal = mode === "strict" ? strictEqual : softEqual;
  const { sources } = discoverCorpus(join(packageRoot, "corpus"), packageRoot);
  const out: string[] = [];
  for (const src of sources.filter((s) => s.caseId.includes(filter))) {
    const result = await processDocument(src.path);
    const predicted = result.records as unknown[];
    const { pairs, missed, extra } = matchRecords(src.expected, predicted);
    out.push(`${src.caseId} ${src.source}: ${result.status}, ${predicted.length} records for ${src.expected.length} expected`);
    for (const m of missed) out.push(`  missed expected #${m}: ${show(valueAt(src.expected[m], "title"))}`);
    for (const x of extra) out.push(`  extra predicted #${x}: ${show(valueAt(predicted[x], "title"))}`);
    for (const pair of pairs) {
      const e = src.expected[pair.expected];
      const p = predicted[pair.predicted];
      const lines: string[] = [];
      for (const field of SCALAR_FIELDS) {
        const exp = lookup(e, field);
        if (!exp.present) continue;
        const got = valueAt(p, field) ?? null;
        if (!equal(exp.value ?? null, got)) lines.push(`    ${field}: expected ${show(exp.value)}, got ${show(got)}`);
      }
      if (arrayAt(e, "attendance.members").length > 0) lines.push(...setDiff("members", arrayAt(e, "attendance.members").map((m) => memberKey(m, mode)), arrayAt(p, "attendance.members").map((m) => memberKey(m, mode))));
      if (lookup(e, "attendance.proxies").present) lines.push(...setDiff("proxies", arrayAt(e, "attendance.proxies").map((x) => proxyKey(x, mode)), arrayAt(p, "attendance.proxies").map((x) => proxyKey(x, mode))));
      if (lines.length > 0) out.push(`  #${pair.expected} ~ #${pair.predicted} (${pair.by}) ${show(valueAt(e, "title"))}`, ...lines);
    }
  }
  return `${out.join("\n")}\n`;
}

const args = process.argv.slice(2);
const filter = args.find((a) => !a.startsWith("--")) ?? "";
diffCases(filter, args.includes("--strict") ? "strict" : "soft").then(
  (text) => process.stdout.write(text),
  (e: unknown) => {
    process.stderr.write(`delib eval:diff: ${(e as Error).message}\n`);
    process.exitCode = 2;
  },
);
