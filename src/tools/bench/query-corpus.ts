/**
 * A generated output folder for the query benchmark: `n` records made by copying the records that
 * `delib extract corpus` writes, each copy with its own id, source sha256, path and number, and its
 * amounts varied (so sums and groupings are not the corpus's repeated), with documents.jsonl and
 * issues.jsonl copied along. Kept in the temp folder between runs: the same `n` gives the same files.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli.js";
import { packageRoot } from "../../paths.js";
import { mulberry32 } from "../random.js";

/** Bumped when what is generated changes, so an old cached folder is not reused. */
const GENERATOR_VERSION = 1;
/** Written last into a finished folder: a folder without it was interrupted and is made again. */
const COMPLETE = ".complete";
/** The seed of the amount variations: fixed, so every machine benchmarks the same files. */
const SEED = 20_261_129;
/** Lines gathered before one write: fewer system calls without holding the whole file in memory. */
const LINES_PER_WRITE = 500;
/** Amounts of a copy are the original's times a factor in [1 - AMOUNT_SPREAD, 1 + AMOUNT_SPREAD]. */
const AMOUNT_SPREAD = 0.5;

type Json = Record<string, unknown>;

export interface QueryCorpus {
  dir: string;
  records: number;
  members: number;
}

function lines(file: string): string[] {
  return readFileSync(file, "utf8").split("\n").filter((l) => l !== "");
}

/** Appends lines to a file in batches. */
class LineWriter {
  private readonly fd: number;
  private batch: string[] = [];
  constructor(file: string) {
    this.fd = openSync(file, "w");
  }
  line(json: unknown): void {
    this.batch.push(JSON.stringify(json));
    if (this.batch.length >= LINES_PER_WRITE) this.flush();
  }
  flush(): void {
    if (this.batch.length > 0) writeSync(this.fd, `${this.batch.join("\n")}\n`);
    this.batch = [];
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The 16-hex prefix of a copy's ids and the copy's sha256: unique per (copy, document). */
function copySha(copy: number, sha: string): string {
  return createHash("sha256").update(`${copy} ${sha}`).digest("hex");
}

const cents = (value: number): number => Math.round(value * 100) / 100;

/** `n` records (and their documents and issues) in a folder laid out as `delib extract --out` lays it. */
export async function queryCorpus(n: number): Promise<QueryCorpus> {
  const dir = join(tmpdir(), `delib-bench-query-${n}-v${GENERATOR_VERSION}`);
  const complete = join(dir, COMPLETE);
  if (existsSync(complete)) return JSON.parse(readFileSync(complete, "utf8")) as QueryCorpus;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const source = mkdtempSync(join(tmpdir(), "delib-bench-query-source-"));
  try {
    const code = await main(["extract", join(packageRoot, "corpus"), "--out", source, "--quiet"]);
    if (code !== 0) throw new Error(`Expected delib extract corpus to exit 0 (src/tools/bench/query-corpus.ts), got ${code}`);
    const records = lines(join(source, "deliberations.jsonl")).map((l) => JSON.parse(l) as Json);
    const documents = lines(join(source, "documents.jsonl")).map((l) => JSON.parse(l) as Json);
    const issues = lines(join(source, "issues.jsonl")).map((l) => JSON.parse(l) as Json);
    const out = { records: new LineWriter(join(dir, "deliberations.jsonl")), documents: new LineWriter(join(dir, "documents.jsonl")), issues: new LineWriter(join(dir, "issues.jsonl")) };
    const fullSha = new Map(records.map((r) => String((r["source"] as Json)["sha256"])).map((s) => [s.slice(0, 16), s]));
    const rnd = mulberry32(SEED);
    let written = 0;
    let members = 0;
    for (let copy = 0; written < n; copy++) {
      const shaOf = new Map<string, string>();
      const sha = (s: string): string => shaOf.get(s) ?? (shaOf.set(s, copySha(copy, s)), shaOf.get(s) as string);
      const path = (p: string): string => `copy-${String(copy).padStart(5, "0")}/${p}`;
      const idOf = (id: string): string => {
        const [prefix = "", index = ""] = id.split("#");
        return `${sha(fullSha.get(prefix) ?? prefix).slice(0, 16)}#${index}`;
      };
      let copied = 0;
      for (const r of records) {
        if (written >= n) break;
        const src = r["source"] as Json;
        const factor = 1 - AMOUNT_SPREAD + 2 * AMOUNT_SPREAD * rnd();
        const amounts = (r["amounts"] as Json[]).map((a) => ({ ...a, value: cents(Number(a["value"]) * factor) }));
        const number = r["number"] === null ? null : `${String(r["number"])}-${copy}`;
        out.records.line({ ...r, id: idOf(String(r["id"])), source: { ...src, path: path(String(src["path"])), sha256: sha(String(src["sha256"])) }, number, amounts });
        members += ((r["attendance"] as Json)["members"] as unknown[]).length;
        written++;
        copied++;
      }
      // A partial last copy keeps its documents and issues whole: only the record count is exact.
      for (const d of documents) out.documents.line({ ...d, path: path(String(d["path"])), sha256: d["sha256"] === "" ? "" : sha(String(d["sha256"])) });
      for (const i of issues) out.issues.line({ ...i, path: path(String(i["path"])), record: i["record"] === null ? null : idOf(String(i["record"])) });
      if (copied === 0) break;
    }
    out.records.close();
    out.documents.close();
    out.issues.close();
    const corpus: QueryCorpus = { dir, records: written, members };
    writeFileSync(complete, JSON.stringify(corpus));
    return corpus;
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
}
