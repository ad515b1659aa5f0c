import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { rulesDir } from "../paths.js";
import { compilePattern, EMPTY_VOCABULARY, mergeById, mergeVocabulary, type FullVocabulary } from "./compile.js";
import type { BoundaryRule, DetectRule, FieldRule, RuleFile, SectionRule } from "./types.js";
import { VIEW_PATTERN_FILES } from "../text/markup.js";
import { budgetTableRules, type CompiledBudgetTableRules } from "./budget-tables.js";

export interface Compiled<T> {
  rule: T;
  regex: RegExp;
}

/** A rule set ready to run: a format file with everything it extends merged in and compiled. */
export interface Format {
  id: string;
  version: number;
  /** "id@version", as written in record.format. */
  ref: string;
  /** This format and the rule files it extends, most specific first. */
  chain: string[];
  macros: Record<string, string>;
  vocabulary: FullVocabulary;
  detect: Compiled<DetectRule>[];
  fields: Compiled<FieldRule>[];
  sections: Compiled<SectionRule>[];
  deliberationStart: Compiled<BoundaryRule>[];
  attachmentStart: Compiled<BoundaryRule>[];
  signatureStart: Compiled<BoundaryRule>[];
  amount: Compiled<BoundaryRule>[];
  decision: Compiled<BoundaryRule>[];
  namedVotes: Compiled<BoundaryRule>[];
  movements: Compiled<BoundaryRule>[];
  presidency: Compiled<BoundaryRule>[];
  subDecisions: Compiled<BoundaryRule>[];
  citedActs: Compiled<BoundaryRule>[];
  pageMarks: Compiled<BoundaryRule>[];
  subItems: Compiled<BoundaryRule>[];
  stamps: Compiled<FieldRule>[];
  budgetTables: CompiledBudgetTableRules;
}

/** The rule set used when no format's detection matches. */
export const FALLBACK_FORMAT_ID = "common/fr";

/** Folders of rules/ holding data of other commands (rules/scdl/: delib export), not extraction rule files. */
const NOT_RULE_FILE_DIRS = new Set(["scdl"]);

function readRuleFiles(dir: string): Map<string, RuleFile> {
  const files = new Map<string, RuleFile>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!(d === dir && NOT_RULE_FILE_DIRS.has(entry.name))) walk(full);
      }
      else if (entry.name.endsWith(".json") && !VIEW_PATTERN_FILES.has(entry.name)) {
        const file = JSON.parse(readFileSync(full, "utf8")) as RuleFile;
        if (typeof file.id !== "string") throw new Error(`${relative(dir, full)}: expected an "id", got none`);
        if (files.has(file.id)) throw new Error(`${relative(dir, full)}: rule file id ${file.id} is used twice`);
        files.set(file.id, file);
      }
    }
  };
  walk(dir);
  return files;
}

function resolveChain(files: Map<string, RuleFile>, id: string): RuleFile[] {
  const chain: RuleFile[] = [];
  let next: string | undefined = id;
  while (next !== undefined) {
    const file = files.get(next);
    if (file === undefined) throw new Error(`rule file ${chain.at(-1)?.id ?? id} extends ${next}, which does not exist`);
    if (chain.includes(file)) throw new Error(`rule file ${id}: "extends" loops through ${next}`);
    chain.push(file);
    next = file.extends;
  }
  return chain;
}

function compileAll<T extends { id: string; pattern: string; flags?: string }>(rules: T[], macros: Record<string, string>): Compiled<T>[] {
  return rules.map((rule) => ({ rule, regex: compilePattern(rule.pattern, rule.flags, macros, rule.id) }));
}

function buildFormat(chainFiles: RuleFile[]): Format {
  const ordered = [...chainFiles].reverse(); // most general first, so that children override
  let macros: Record<string, string> = {};
  let vocabulary = EMPTY_VOCABULARY;
  let detect: DetectRule[] = [];
  let fields: FieldRule[] = [];
  let sections: SectionRule[] = [];
  let deliberationStart: BoundaryRule[] = [];
  let attachmentStart: BoundaryRule[] = [];
  let signatureStart: BoundaryRule[] = [];
  let amount: BoundaryRule[] = [];
  let decision: BoundaryRule[] = [];
  let namedVotes: BoundaryRule[] = [];
  let movements: BoundaryRule[] = [];
  let presidency: BoundaryRule[] = [];
  let subDecisions: BoundaryRule[] = [];
  let citedActs: BoundaryRule[] = [];
  let pageMarks: BoundaryRule[] = [];
  let subItems: BoundaryRule[] = [];
  let stamps: FieldRule[] = [];
  for (const f of ordered) {
    macros = { ...macros, ...f.macros };
    vocabulary = mergeVocabulary(vocabulary, f.vocabulary);
    detect = mergeById(detect, f.detect);
    fields = mergeById(fields, f.fields);
    sections = mergeById(sections, f.sections);
    deliberationStart = mergeById(deliberationStart, f.deliberationStart);
    attachmentStart = mergeById(attachmentStart, f.attachmentStart);
    signatureStart = mergeById(signatureStart, f.signatureStart);
    amount = mergeById(amount, f.amount);
    decision = mergeById(decision, f.decision);
    namedVotes = mergeById(namedVotes, f.namedVotes);
    movements = mergeById(movements, f.movements);
    presidency = mergeById(presidency, f.presidency);
    subDecisions = mergeById(subDecisions, f.subDecisions);
    citedActs = mergeById(citedActs, f.citedActs);
    pageMarks = mergeById(pageMarks, f.pageMarks);
    subItems = mergeById(subItems, f.subItems);
    stamps = mergeById(stamps, f.stamps);
  }
  const top = chainFiles[0];
  if (top === undefined) throw new Error("empty rule chain");
  return {
    id: top.id,
    version: top.version,
    ref: `${top.id}@${top.version}`,
    chain: chainFiles.map((f) => f.id),
    macros,
    vocabulary,
    detect: compileAll(top.detect ?? [], macros),
    fields: compileAll(fields, macros),
    sections: compileAll(sections, macros),
    deliberationStart: compileAll(deliberationStart, macros),
    attachmentStart: compileAll(attachmentStart, macros),
    signatureStart: compileAll(signatureStart, macros),
    amount: compileAll(amount, macros),
    decision: compileAll(decision, macros),
    namedVotes: compileAll(namedVotes, macros),
    movements: compileAll(movements, macros),
    presidency: compileAll(presidency, macros),
    subDecisions: compileAll(subDecisions, macros),
    citedActs: compileAll(citedActs, macros),
    pageMarks: compileAll(pageMarks, macros),
    subItems: compileAll(subItems, macros),
    stamps: compileAll(stamps, macros),
    budgetTables: budgetTableRules(ordered, macros),
  };
}

export interface RuleBook {
  /** Every format of rules/formats/, by id, and the fallback. */
  formats: Map<string, Format>;
  fallback: Format;
}

let cached: RuleBook | undefined;

/** Loads and compiles every rule file once per process. */
export function loadRuleBook(dir: string = rulesDir): RuleBook {
  if (dir === rulesDir && cached !== undefined) return cached;
  const files = readRuleFiles(dir);
  const formats = new Map<string, Format>();
  for (const file of files.values()) formats.set(file.id, buildFormat(resolveChain(files, file.id)));
  const fallback = formats.get(FALLBACK_FORMAT_ID);
  if (fallback === undefined) throw new Error(`rules: expected a fallback rule file "${FALLBACK_FORMAT_ID}", got none`);
  const book = { formats, fallback };
  if (dir === rulesDir) cached = book;
  return book;
}
