import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../src/cli.js";
import { packageRoot } from "../src/paths.js";
import { CACHE_FILE } from "../src/query/cache.js";
import { formatCsv, formatJson, formatTable } from "../src/query/format.js";
import { runPrompt } from "../src/query/prompt.js";
import { openSession, type QueryResult, type QuerySession } from "../src/query/session.js";
import { plainToText } from "../src/query/values.js";
import { QUERY_FILES, VIEW_NAMES } from "../src/query/views.js";

/** Extracting the whole bundled corpus (OCR included, cached on disk after the first run): as test/cli.test.ts allows. */
const WHOLE_CORPUS_MS = 600_000;

type Json = Record<string, unknown>;
interface Member { name: string; civility: string | null; commune: string | null; status: string; substitute?: { name: string; civility?: string | null }; proxyTo?: string }
interface Proxy { from: string; to: string; text: string }
interface Amount { value: number; currency: string; label: string | null; text: string }
interface Row { label: string; value: number; text: string; kind: string; group: string | null }
interface Issue { severity: string; ruleId: string }
interface Rec {
  id: string;
  number: string | null;
  title: string | null;
  sitting: { date: string | null };
  council: { name: string | null };
  amounts: Amount[];
  vote: { yes: number | null; no: number | null; abstain: number | null; unanimous: boolean | null; outcome: string | null };
  attendance: { members: Member[]; proxies: Proxy[] };
  budgetTables: Array<{ title: string | null; total: number | null; rows: Row[] }>;
  issues: Issue[];
}

const made: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "delib-query-"));
  made.push(dir);
  return dir;
}

function jsonl<T = Json>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as T);
}

/** How the views print a value: text as is, NULL as null, money with its two decimals. */
const text = (v: string | null | undefined): string | null => v ?? null;
const count = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : String(v));
const money = (v: number | null): string | null => (v === null ? null : v.toFixed(2));
const cells = (r: QueryResult): Array<Array<string | null>> => r.rows.map((row) => row.map((p) => (p === null ? null : plainToText(p))));

/** JavaScript's < on strings: code unit order, the same as DuckDB's byte order for the corpus's text (no characters past U+FFFF). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The README's example queries, by the name of the comment above each: the tests run the very SQL the README shows. */
function readmeExamples(): Map<string, string> {
  const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
  const found = [...readme.matchAll(/<!-- query-example: ([a-z-]+) -->\n[^\n]*\n\n```sql\n([\s\S]*?)```/gu)];
  return new Map(found.map((m) => [m[1] as string, m[2] as string]));
}

let out = "";
let records: Rec[] = [];
let issueLines: Json[] = [];
let documentLines: Json[] = [];
let session: QuerySession;

beforeAll(async () => {
  out = join(tmp(), "out");
  expect(await main(["extract", join(packageRoot, "corpus"), "--out", out, "--quiet"])).toBe(0);
  records = jsonl<Rec>(join(out, "deliberations.jsonl"));
  issueLines = jsonl(join(out, "issues.jsonl"));
  documentLines = jsonl(join(out, "documents.jsonl"));
  session = await openSession(out, { cache: true });
}, WHOLE_CORPUS_MS);

afterAll(() => {
  session?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Runs `delib query` through main(), catching what it writes on stdout and stderr. */
async function query(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await main(["query", ...args]);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("delib query: the views against the JSONL", () => {
  it("counts every member of every deliberation (the acceptance query, as the installed binary runs it)", () => {
    const total = records.reduce((n, r) => n + r.attendance.members.length, 0);
    expect(total).toBeGreaterThan(0);
    const run = spawnSync(process.execPath, [join(packageRoot, "bin", "delib.js"), "query", "select count(*) from members", "--out", out], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`count_star()\n------------\n${String(total).padStart("count_star()".length)}\n(1 row)\n`);
  });

  it("deliberations: one row per record, in file order, nested fields as structs and maps", async () => {
    const r = await session.run("SELECT id, sitting.date, vote.yes, len(attendance.members), provenance['number'].page, confidence['number'] FROM deliberations");
    expect(cells(r)).toEqual(
      records.map((x) => {
        const rec = x as unknown as { provenance: Record<string, { page: number }>; confidence: Record<string, number> };
        return [x.id, text(x.sitting.date), count(x.vote.yes), String(x.attendance.members.length), count(rec.provenance["number"]?.page), count(rec.confidence["number"])];
      }),
    );
  });

  it("members: deliberation id, name, civility, commune, status, substitute, proxy_to", async () => {
    const r = await session.run("SELECT * FROM members ORDER BY deliberation_id, member_index");
    expect(r.columns).toEqual(["deliberation_id", "member_index", "name", "civility", "commune", "status", "substitute", "substitute_civility", "proxy_to"]);
    const expected = records
      .flatMap((x) =>
        x.attendance.members.map((m, i) => [
          x.id,
          String(i),
          m.name,
          text(m.civility),
          text(m.commune),
          m.status,
          text(m.substitute?.name),
          text(m.substitute?.civility),
          text(m.proxyTo ?? x.attendance.proxies.find((p) => p.from === m.name)?.to),
        ]),
      )
      .sort((a, b) => byText(a[0] as string, b[0] as string) || Number(a[1]) - Number(b[1]));
    expect(cells(r)).toEqual(expected);
    // The corpus has all three: substitutes, proxies given, and members who gave none.
    expect(expected.some((m) => m[6] !== null) && expected.some((m) => m[8] !== null) && expected.some((m) => m[8] === null)).toBe(true);
  });

  it("proxies, amounts, budget_lines: one row per element of their list, in the record's order", async () => {
    const proxies = await session.run("SELECT * FROM proxies");
    expect(proxies.columns).toEqual(["deliberation_id", "proxy_index", "from_name", "to_name", "text"]);
    expect(cells(proxies)).toEqual(records.flatMap((x) => x.attendance.proxies.map((p, i) => [x.id, String(i), p.from, p.to, p.text])));
    const amounts = await session.run("SELECT * FROM amounts");
    expect(amounts.columns).toEqual(["deliberation_id", "amount_index", "value", "currency", "label", "text"]);
    expect(cells(amounts)).toEqual(records.flatMap((x) => x.amounts.map((a, i) => [x.id, String(i), money(a.value), a.currency, text(a.label), a.text])));
    const lines = await session.run("SELECT * FROM budget_lines");
    expect(lines.columns).toEqual(["deliberation_id", "table_index", "table_title", "table_total", "row_index", "label", "value", "text", "kind", "group_name"]);
    expect(cells(lines)).toEqual(
      records.flatMap((x) => x.budgetTables.flatMap((t, ti) => t.rows.map((row, ri) => [x.id, String(ti), text(t.title), money(t.total), String(ri), row.label, money(row.value), row.text, row.kind, text(row.group)]))),
    );
    for (const r of [proxies, amounts, lines]) expect(r.rows.length).toBeGreaterThan(0);
  });

  it("votes: one row per deliberation", async () => {
    const r = await session.run("SELECT deliberation_id, council, sitting_date, number, yes, no, abstain, unanimous, outcome FROM votes");
    expect(cells(r)).toEqual(
      records.map((x) => [x.id, text(x.council.name), text(x.sitting.date), text(x.number), count(x.vote.yes), count(x.vote.no), count(x.vote.abstain), x.vote.unanimous === null ? null : String(x.vote.unanimous), text(x.vote.outcome)]),
    );
  });

  it("issues and documents: one row per line of their file", async () => {
    const issues = await session.run("SELECT path, deliberation_id, severity, rule_id, message, page FROM issues");
    expect(cells(issues)).toEqual(
      issueLines.map((i) => [i["path"], i["record"], i["severity"], i["ruleId"], i["message"], count((i["place"] as { page: number } | null)?.page)]),
    );
    const documents = await session.run("SELECT path, sha256, kind, pages, status, reason, format, records FROM documents");
    expect(cells(documents)).toEqual(documentLines.map((d) => [d["path"], d["sha256"], d["kind"], String(d["pages"]), d["status"], d["reason"], d["format"], String(d["records"])]));
  });

  it("downloads nothing: DuckDB does not install extensions a query names", async () => {
    expect(cells(await session.run("SELECT current_setting('autoinstall_known_extensions')"))).toEqual([["false"]]);
  });

  it("defines every view the issue names", async () => {
    const r = await session.run("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name");
    expect(cells(r).map((row) => row[0])).toEqual([...VIEW_NAMES].sort());
  });
});

describe("delib query: the README's five questions", () => {
  const examples = readmeExamples();
  const example = (name: string): string => {
    const sql = examples.get(name);
    if (sql === undefined) throw new Error(`Expected README.md to show the example query "${name}", got none`);
    return sql;
  };

  it("shows five examples", () => {
    expect([...examples.keys()]).toEqual(["absences-by-commune", "not-unanimous", "largest-amounts", "proxy-holders", "issues-by-rule"]);
  });

  it("absences by commune", async () => {
    const by = new Map<string, { absences: number; names: Set<string> }>();
    for (const m of records.flatMap((x) => x.attendance.members)) {
      if (m.status !== "absent" || m.commune === null) continue;
      const c = by.get(m.commune) ?? { absences: 0, names: new Set<string>() };
      c.absences++;
      c.names.add(m.name);
      by.set(m.commune, c);
    }
    const expected = [...by]
      .sort((a, b) => b[1].absences - a[1].absences || byText(a[0], b[0]))
      .slice(0, 10)
      .map(([commune, c]) => [commune, String(c.absences), String(c.names.size)]);
    expect(expected.length).toBeGreaterThan(0);
    expect(cells(await session.run(example("absences-by-commune")))).toEqual(expected);
  });

  it("deliberations not adopted unanimously", async () => {
    const expected = records
      .filter((x) => x.vote.outcome !== "adopted" || x.vote.unanimous !== true)
      .sort((a, b) => byText(a.sitting.date ?? "\uffff", b.sitting.date ?? "\uffff") || byText(a.number ?? "\uffff", b.number ?? "\uffff") || byText(a.id, b.id))
      .map((x) => [text(x.sitting.date), text(x.number), text(x.vote.outcome), count(x.vote.yes), count(x.vote.no), count(x.vote.abstain), x.id]);
    expect(expected.some((row) => row[2] === "rejected") && expected.some((row) => row[2] === "adopted")).toBe(true);
    expect(cells(await session.run(example("not-unanimous")))).toEqual(expected);
  });

  it("largest amounts", async () => {
    const titled = new Map(records.map((x) => [x.id, x]));
    const expected = records
      .flatMap((x) => x.amounts.map((a, i) => ({ id: x.id, i, a })))
      .filter((e) => e.a.currency === "EUR")
      .sort((p, q) => q.a.value - p.a.value || byText(p.id, q.id) || p.i - q.i)
      .slice(0, 10)
      .map((e) => [money(e.a.value), e.a.text, text(e.a.label), text(titled.get(e.id)?.number), text(titled.get(e.id)?.title)]);
    expect(cells(await session.run(example("largest-amounts")))).toEqual(expected);
  });

  it("members holding the most proxies", async () => {
    const by = new Map<string, { held: number; in: Set<string> }>();
    for (const x of records) {
      for (const p of x.attendance.proxies) {
        const h = by.get(p.to) ?? { held: 0, in: new Set<string>() };
        h.held++;
        h.in.add(x.id);
        by.set(p.to, h);
      }
    }
    const expected = [...by]
      .sort((a, b) => b[1].held - a[1].held || byText(a[0], b[0]))
      .slice(0, 10)
      .map(([holder, h]) => [holder, String(h.held), String(h.in.size)]);
    expect(cells(await session.run(example("proxy-holders")))).toEqual(expected);
  });

  it("issues by rule, counted from the records' own issues (not from issues.jsonl, which the view reads)", async () => {
    const by = new Map<string, { issues: number; records: Set<string> }>();
    for (const x of records) {
      for (const i of x.issues) {
        const key = `${i.ruleId}\u0000${i.severity}`;
        const c = by.get(key) ?? { issues: 0, records: new Set<string>() };
        c.issues++;
        c.records.add(x.id);
        by.set(key, c);
      }
    }
    const expected = [...by]
      .map(([key, c]) => [...key.split("\u0000"), String(c.issues), String(c.records.size)] as string[])
      .sort((a, b) => Number(b[2]) - Number(a[2]) || byText(a[0] as string, b[0] as string) || byText(a[1] as string, b[1] as string));
    expect(expected.some((row) => row[1] === "error")).toBe(true);
    expect(cells(await session.run(example("issues-by-rule")))).toEqual(expected);
  });
});

describe("delib query: output formats", () => {
  const sql = "SELECT 'a,b' AS s, 'say \"hi\"' AS q, '' AS empty, NULL AS nothing, 12.50::DECIMAL(18,2) AS money, 9007199254740993::BIGINT AS big, [1, 2] AS list, {'k': 'v'} AS st, 'two\nlines' AS nl";

  it("--csv: RFC 4180 with a header row and CRLF, NULL empty and empty string quoted", async () => {
    const r = await query([sql, "--out", out, "--csv"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('s,q,empty,nothing,money,big,list,st,nl\r\n"a,b","say ""hi""","",,12.50,9007199254740993,"[1,2]","{""k"":""v""}","two\nlines"\r\n');
  });

  it("--json: one object per line, exact numbers, nested values as JSON", async () => {
    const r = await query([sql, "--out", out, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('{"s":"a,b","q":"say \\"hi\\"","empty":"","nothing":null,"money":12.50,"big":9007199254740993,"list":[1,2],"st":{"k":"v"},"nl":"two\\nlines"}\n');
    const members = await query(["SELECT name, status FROM members LIMIT 3", "--out", out, "--json"]);
    expect(members.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as unknown)).toEqual(
      records.flatMap((x) => x.attendance.members).slice(0, 3).map((m) => ({ name: m.name, status: m.status })),
    );
  });

  it("table: aligned columns, numbers to the right, NULL shown, long cells cut", () => {
    const result: QueryResult = { columns: ["name", "n"], types: ["VARCHAR", "INTEGER"], rows: [] };
    const table = formatTable({ ...result, rows: [["x".repeat(100), null]] });
    expect(table).toBe(`name${" ".repeat(76)}  n\n${"-".repeat(80)}  ----\n${"x".repeat(79)}…  NULL\n(1 row)\n`);
    expect(formatCsv(result)).toBe("name,n\r\n");
    expect(formatJson(result)).toBe("");
  });

  it("the same answers without the cache", async () => {
    const bare = await openSession(out, { cache: false });
    try {
      for (const q of ["SELECT * FROM members", "SELECT * FROM issues", "SELECT * FROM documents", "SELECT id, provenance FROM deliberations"]) {
        expect(formatJson(await bare.run(q))).toBe(formatJson(await session.run(q)));
      }
    } finally {
      bare.close();
    }
  });
});

describe("delib query: errors and the cache", () => {
  it("answers bad SQL with one line naming the problem, exit 1", async () => {
    const r = await query(["selec count(*) from members", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('delib: Expected SQL that DuckDB can run over the views, got Parser Error: syntax error at or near "selec" (line 1 of the query)\n');
    const unknown = await query(["select * from membres", "--out", out]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^delib: Expected SQL that DuckDB can run over the views, got Catalog Error: Table with name membres does not exist! Did you mean "members"\?.*\n$/u);
  });

  it("names a missing folder, or the files a folder lacks, exit 2", async () => {
    const missing = join(tmp(), "no-such-folder");
    const r = await query(["select 1", "--out", missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`delib: Expected --out to name the folder delib extract wrote, got ${missing}, which does not exist\n`);
    const empty = tmp();
    const e = await query(["select 1", "--out", empty]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`delib: Expected ${empty} to hold deliberations.jsonl, documents.jsonl, issues.jsonl (written by delib extract --out ${empty}), got no deliberations.jsonl, documents.jsonl, issues.jsonl\n`);
    expect((await query(["select 1"])).code).toBe(2);
    expect((await query(["select 1", "--out", out, "--csv", "--json"])).code).toBe(2);
  });

  it("keeps every view typed over empty files (nothing extracted)", async () => {
    const dir = tmp();
    for (const f of QUERY_FILES) writeFileSync(join(dir, f), "");
    const s = await openSession(dir, { cache: true });
    try {
      for (const v of VIEW_NAMES) expect(cells(await s.run(`SELECT count(*) FROM ${v}`)), v).toEqual([["0"]]);
      expect((await s.run("SELECT vote.yes, sitting.membersInOffice, len(attendance.members) FROM deliberations")).types).toEqual(["INTEGER", "INTEGER", "BIGINT"]);
      expect((await s.run("SELECT * FROM amounts")).types).toEqual(["VARCHAR", "BIGINT", "DECIMAL(18,2)", "VARCHAR", "VARCHAR", "VARCHAR"]);
    } finally {
      s.close();
    }
  });

  it("derives proxy_to from attendance.proxies when the member has no proxyTo, and reads keys a line lacks as NULL", async () => {
    const dir = tmp();
    const record = {
      id: "0123456789abcdef#0",
      attendance: {
        members: [
          { name: "Anne A", civility: "Mme", commune: null, status: "absent" },
          { name: "Bruno B", civility: "M.", commune: null, status: "present", substitute: { name: "Claire C", civility: "Mme" } },
        ],
        proxies: [{ from: "Anne A", to: "Bruno B", text: "A. A à B. B" }],
      },
    };
    writeFileSync(join(dir, "deliberations.jsonl"), `${JSON.stringify(record)}\n`);
    for (const f of ["documents.jsonl", "issues.jsonl"]) writeFileSync(join(dir, f), "");
    const s = await openSession(dir, { cache: false });
    try {
      expect(cells(await s.run("SELECT name, substitute, proxy_to FROM members"))).toEqual([
        ["Anne A", null, "Bruno B"],
        ["Bruno B", "Claire C", null],
      ]);
      expect(cells(await s.run("SELECT number, vote.yes, len(amounts) FROM deliberations"))).toEqual([[null, null, null]]);
    } finally {
      s.close();
    }
  });

  it("makes the cache once, reuses it, and makes it again when a file changes", async () => {
    const dir = tmp();
    for (const f of QUERY_FILES) copyFileSync(join(out, f), join(dir, f));
    const first = await openSession(dir, { cache: true });
    expect(first.cache.kind).toBe("built");
    first.close();
    expect(existsSync(join(dir, CACHE_FILE))).toBe(true);
    const second = await openSession(dir, { cache: true });
    expect(second.cache.kind).toBe("reused");
    expect(cells(await second.run("SELECT count(*) FROM deliberations"))).toEqual([[String(records.length)]]);
    second.close();
    appendFileSync(join(dir, "deliberations.jsonl"), `${readFileSync(join(out, "deliberations.jsonl"), "utf8").split("\n")[0]}\n`);
    const third = await openSession(dir, { cache: true });
    try {
      expect(third.cache.kind).toBe("built");
      expect(cells(await third.run("SELECT count(*) FROM deliberations"))).toEqual([[String(records.length + 1)]]);
    } finally {
      third.close();
    }
  });

  // Root writes into a read-only folder all the same: the case cannot be made when the tests run as root.
  it.skipIf(process.getuid?.() === 0)("reads the JSONL when the folder cannot hold a cache", async () => {
    const dir = join(tmp(), "read-only");
    mkdirSync(dir);
    for (const f of QUERY_FILES) copyFileSync(join(out, f), join(dir, f));
    spawnSync("chmod", ["a-w", dir]);
    const s = await openSession(dir, { cache: true });
    try {
      expect(s.cache.kind).toBe("none");
      expect(cells(await s.run("SELECT count(*) FROM deliberations"))).toEqual([[String(records.length)]]);
    } finally {
      s.close();
      spawnSync("chmod", ["u+w", dir]);
    }
  });
});

describe("delib query: the prompt", () => {
  it("runs each statement, asks for more when one is unfinished, prints errors and goes on, stops at .quit", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const errors = new PassThrough();
    let shown = "";
    let said = "";
    output.on("data", (c: Buffer) => (shown += c.toString()));
    errors.on("data", (c: Buffer) => (said += c.toString()));
    input.end(["select 1 as one", "select (2", "  ) as two;", "selec 3;", "", "select count(*) as n from proxies", ".quit", "select 4 as four"].join("\n"));
    await runPrompt(session, "csv", { input, output, errors, terminal: false });
    const proxies = records.reduce((n, r) => n + r.attendance.proxies.length, 0);
    expect(shown).toBe(`one\r\n1\r\ntwo\r\n2\r\nn\r\n${proxies}\r\n`);
    expect(said).toBe('delib: Expected SQL that DuckDB can run over the views, got Parser Error: syntax error at or near "selec" (line 1 of the query)\n');
  });

  it("reads the SQL from standard input when there is no terminal", () => {
    const run = spawnSync(process.execPath, [join(packageRoot, "bin", "delib.js"), "query", "--out", out, "--csv"], { input: "select count(*) as n\nfrom deliberations;\n", encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`n\r\n${records.length}\r\n`);
  });
});
