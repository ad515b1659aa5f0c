import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DelibRecord } from "../src/model/record.js";
import { voteEventFileName, type OcdVoteEvent } from "../src/export/ocd/vote-event.js";
import { delib, extractCorpus, tempDirs, WHOLE_CORPUS_MS } from "./export-helpers.js";

const KEYS = ["identifier", "motion_text", "motion_classification", "start_date", "result", "organization", "legislative_session", "counts", "votes", "sources", "extras"];
const OPTIONS = new Set(["yes", "no", "abstain", "not voting"]);

const dirs = tempDirs("delib-export-ocd-");
let out = "";
let records: DelibRecord[] = [];

beforeAll(() => {
  out = extractCorpus(dirs.make());
  records = readFileSync(join(out, "deliberations.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as DelibRecord);
}, WHOLE_CORPUS_MS);
afterAll(() => dirs.cleanup());

describe("delib export ocd on the bundled corpus", () => {
  it("writes one VoteEvent per deliberation whose counts and named voters are the record's", () => {
    const to = join(dirs.make(), "events");
    const run = delib("export", "ocd", "--out", out, "--to", to);
    const files = readdirSync(to).sort();
    let named = 0;
    for (const r of records) {
      const file = voteEventFileName(r.id);
      if (!files.includes(file)) {
        expect(run.stderr, r.id).toContain(`${r.id} (${r.source.path}): left out: `);
        continue;
      }
      const e = JSON.parse(readFileSync(join(to, file), "utf8")) as OcdVoteEvent;
      expect(Object.keys(e)).toEqual(KEYS);
      expect(e.identifier).toBe(r.number ?? r.id);
      expect(e.motion_text).toBe(r.title);
      expect(e.start_date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      expect(e.start_date).toBe(r.sitting.date);
      expect(e.result).toBe(r.vote.outcome === "adopted" ? "pass" : "fail");
      expect(e.organization).toBe(r.council.name);
      const counts = Object.fromEntries(e.counts.map((c) => [c.option, c.value]));
      expect(counts).toEqual(Object.fromEntries(([["yes", r.vote.yes], ["no", r.vote.no], ["abstain", r.vote.abstain], ["not voting", r.vote.notVoting]] as const).filter(([, v]) => v !== null)));
      for (const c of e.counts) expect(OPTIONS.has(c.option) && Number.isInteger(c.value) && c.value >= 0).toBe(true);
      for (const v of e.votes) expect(OPTIONS.has(v.option) && v.voter_name !== "").toBe(true);
      expect(e.votes.filter((v) => v.option === "no").map((v) => v.voter_name)).toEqual(r.vote.named.no);
      expect(e.votes.filter((v) => v.option === "abstain").map((v) => v.voter_name)).toEqual(r.vote.named.abstain);
      expect(e.votes.filter((v) => v.option === "not voting").map((v) => v.voter_name)).toEqual(r.vote.named.notVoting);
      named += e.votes.length;
      expect(e.sources).toEqual([{ url: r.source.path, note: `source document (path as read by delib), sha256 ${r.source.sha256}` }]);
      expect(e.extras.delib_id).toBe(r.id);
    }
    expect(named).toBeGreaterThan(0);
    expect(files.length).toBeGreaterThan(0);
    // JSON lines on stdout hold the same events, in record order, byte for byte run to run.
    const lines = delib("export", "ocd", "--out", out);
    expect(lines.stdout).toBe(delib("export", "ocd", "--out", out).stdout);
    const events = lines.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as OcdVoteEvent);
    expect(events.map((e) => voteEventFileName(e.extras.delib_id))).toEqual(records.map((r) => voteEventFileName(r.id)).filter((f) => files.includes(f)));
    expect(events.length).toBe(files.length);
  });

  it("leaves out a deliberation without an outcome, naming it; uses the council config's name and URL", () => {
    const [target] = records;
    expect(target).toBeDefined();
    if (target === undefined) return;
    const dir = dirs.make();
    const edited = records.map((r) => (r.id === target.id ? { ...r, vote: { ...r.vote, outcome: null } } : r));
    writeFileSync(join(dir, "deliberations.jsonl"), `${edited.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const config = join(dir, "c.json");
    writeFileSync(config, JSON.stringify({ councils: [{ match: { name: "Morteau" }, COLL_NOM: "Commune de Morteau", DELIB_URL: "https://example.org/d/{number}" }] }));
    const run = delib("export", "ocd", "--out", dir, "--council-config", config);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${target.id} (${target.source.path}): left out: result: expected the outcome (adopted or rejected), got none`);
    const events = run.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as OcdVoteEvent);
    expect(events.some((e) => e.extras.delib_id === target.id)).toBe(false);
    const morteau = events.filter((e) => e.organization === "Commune de Morteau");
    expect(morteau.length).toBeGreaterThan(0);
    for (const e of morteau) expect(e.sources).toEqual([{ url: `https://example.org/d/${e.identifier}`, note: "deliberation as published by the council" }]);
  });

  it("names a last line cut short (a run stopped while writing it) and exports the whole ones", () => {
    const dir = dirs.make();
    const whole = records.slice(0, 3).map((r) => `${JSON.stringify(r)}\n`).join("");
    const cut = JSON.stringify(records[3]).slice(0, 500);
    writeFileSync(join(dir, "deliberations.jsonl"), whole + cut);
    const run = delib("export", "ocd", "--out", dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`deliberations.jsonl:4: expected a whole line, got one cut short`);
    expect(run.stdout.split("\n").filter((l) => l !== "").length).toBe(3);
  });
});
