import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wholeLines } from "../src/batch/whole-lines.js";

const dir = mkdtempSync(join(tmpdir(), "delib-whole-lines-"));
let n = 0;
function file(text: string): string {
  const path = join(dir, `f${n++}.jsonl`);
  writeFileSync(path, text, "utf8");
  return path;
}
function lines(path: string, chunk?: number): string[] {
  return [...wholeLines(path, chunk)];
}

describe("wholeLines", () => {
  const text = '{"a":"Délibération n° 1"}\n{"b":"€ 12 500 – séance"}\n\n{"c":"' + "é".repeat(50) + '"}\n';
  const expected = text.split("\n").slice(0, -1);

  // Chunks of 1 to 9 bytes cut lines, and the two-byte "é" and three-byte "€" and "–", at every place.
  for (const chunk of [1, 2, 3, 5, 7, 9, 64, 1 << 20]) {
    it(`gives every whole line, whatever the chunk (${chunk} bytes)`, () => {
      expect(lines(file(text), chunk)).toEqual(expected);
    });
  }

  it("drops a last line without its newline (cut by a kill)", () => {
    expect(lines(file('{"a":1}\n{"b":2}\n{"c":'), 4)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("gives nothing for an empty or a missing file", () => {
    expect(lines(file(""))).toEqual([]);
    expect(lines(join(dir, "none.jsonl"))).toEqual([]);
  });

  it("gives a line many chunks long whole", () => {
    const long = "x".repeat(10_000);
    expect(lines(file(`${long}\nfin\n`), 100)).toEqual([long, "fin"]);
  });
});

describe("wholeLines' cut line", () => {
  it("is told to onCut, not given", () => {
    const cut: string[] = [];
    const got = [...wholeLines(file('{"a":1}\n{"b":'), 3, (t) => cut.push(t))];
    expect(got).toEqual(['{"a":1}']);
    expect(cut).toEqual(['{"b":']);
  });
});
