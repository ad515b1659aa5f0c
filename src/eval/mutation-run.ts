/**
 * The mutation test: for every corpus case, inject each kind of inconsistency (src/eval/mutations/) into
 * the case's text and run the pipeline on it; a mutant is caught when a check meant for it raises more
 * issues than on the unmutated text. Texts are run as .txt files (a PDF's or a scan's assembled text, its
 * pages kept by form feeds), so that one text and its mutants are read the same way.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PQueue from "p-queue";
import type { DocumentResult } from "../model/result.js";
import { processDocument } from "../pipeline.js";
import { packageRoot } from "../paths.js";
import { MUTATIONS } from "./mutations/index.js";
import type { Mutation } from "./mutations/mutation.js";
import { discoverCorpus, type CaseSource } from "./score.js";

export interface MutantResult {
  caseId: string;
  source: string;
  kind: string;
  change: string;
  caught: boolean;
  /** The ruleIds raised more often than on the unmutated text. */
  raised: string[];
}

export interface KindTally {
  kind: string;
  caughtBy: readonly string[];
  mutants: number;
  caught: number;
}

export interface MutationReport {
  cases: number;
  results: MutantResult[];
  kinds: KindTally[];
  /** Caught / mutants over every kind; null without a mutant. */
  rate: number | null;
}

/**
 * Issues by ruleId of the mutated record (by its index), with the document's own; of the whole document
 * when the mutant changed how many records there are (a record's index then names another deliberation).
 */
function issueCounts(r: DocumentResult, record: number, records: number): Map<string, number> {
  const counts = new Map<string, number>();
  const own = r.records.length === records ? (r.records[record]?.issues ?? []) : r.records.flatMap((x) => x.issues);
  for (const i of [...r.issues, ...own]) counts.set(i.ruleId, (counts.get(i.ruleId) ?? 0) + 1);
  return counts;
}

/** One source per case: its own text when it has one (`source.txt`), else its first source. */
function oneSourcePerCase(sources: readonly CaseSource[]): CaseSource[] {
  const byCase = new Map<string, CaseSource>();
  for (const s of sources) {
    const kept = byCase.get(s.caseId);
    if (kept === undefined || (s.source === "source.txt" && kept.source !== "source.txt")) byCase.set(s.caseId, s);
  }
  return [...byCase.values()];
}

async function mutateCase(src: CaseSource, dir: string, mutations: readonly Mutation[]): Promise<MutantResult[]> {
  const original = await processDocument(src.path);
  if (original.records.length === 0) return [];
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text, "utf8");
    return path;
  };
  const base = await processDocument(write("base.txt", original.text));
  const out: MutantResult[] = [];
  let n = 0;
  for (const m of mutations) {
    for (const mutant of m.make(base.text, base.records)) {
      const before = issueCounts(base, mutant.record, base.records.length);
      const after = issueCounts(await processDocument(write(`mutant-${n++}.txt`, mutant.text)), mutant.record, base.records.length);
      const raised = [...after].filter(([id, c]) => c > (before.get(id) ?? 0)).map(([id]) => id).sort();
      out.push({ caseId: src.caseId, source: src.source, kind: m.kind, change: mutant.change, caught: m.caughtBy.some((id) => raised.includes(id)), raised });
    }
  }
  return out;
}

export interface MutationOptions {
  root?: string;
  concurrency?: number;
  mutations?: readonly Mutation[];
  /** Only the cases whose id this accepts (all by default). */
  only?: (caseId: string) => boolean;
}

export async function runMutations(options: MutationOptions = {}): Promise<MutationReport> {
  const root = options.root ?? packageRoot;
  const mutations = options.mutations ?? MUTATIONS;
  const only = options.only ?? (() => true);
  const cases = oneSourcePerCase(discoverCorpus(join(root, "corpus"), root).sources).filter((c) => only(c.caseId));
  const work = mkdtempSync(join(tmpdir(), "delib-mutants-"));
  const perCase: MutantResult[][] = cases.map(() => []);
  try {
    const queue = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 2) });
    cases.forEach((src, i) => {
      void queue.add(async () => {
        const dir = mkdtempSync(join(work, "case-"));
        perCase[i] = await mutateCase(src, dir, mutations);
      });
    });
    await queue.onIdle();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const results = perCase.flat();
  const kinds = mutations.map((m) => {
    const mine = results.filter((r) => r.kind === m.kind);
    return { kind: m.kind, caughtBy: m.caughtBy, mutants: mine.length, caught: mine.filter((r) => r.caught).length };
  });
  const caught = results.filter((r) => r.caught).length;
  return { cases: cases.length, results, kinds, rate: results.length === 0 ? null : caught / results.length };
}

/** The report as a Markdown table, then the mutants that escaped. */
export function renderMutationReport(report: MutationReport): string {
  const pct = (a: number, b: number): string => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)} %`);
  const total = report.results.length;
  const caught = report.results.filter((r) => r.caught).length;
  const lines = [
    `Mutation test over ${report.cases} corpus cases: ${caught} of ${total} mutants caught (${pct(caught, total)}).`,
    "",
    "| inconsistency injected | caught by | mutants | caught | rate |",
    "|---|---|---:|---:|---:|",
    ...report.kinds.map((k) => `| ${k.kind} | ${k.caughtBy.map((id) => `\`${id}\``).join(", ")} | ${k.mutants} | ${k.caught} | ${pct(k.caught, k.mutants)} |`),
  ];
  const escaped = report.results.filter((r) => !r.caught);
  if (escaped.length > 0) lines.push("", "Escaped:", ...escaped.map((r) => `- ${r.caseId} (${r.source}), ${r.kind}: ${r.change}; raised ${r.raised.length === 0 ? "nothing new" : r.raised.join(", ")}`));
  return `${lines.join("\n")}\n`;
}
