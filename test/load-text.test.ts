import { describe, expect, it } from "vitest";
import { loadText } from "../src/load/text.js";
import { LoadError } from "../src/load/load-error.js";

describe("text loader", () => {
  it("reads UTF-8 with pages split at form feeds and words as spans", () => {
    const { model, issues } = loadText(new TextEncoder().encode("Séance du 9 novembre\fPage deux"), "a.txt");
    expect(model.pages.map((p) => model.text.slice(p.start, p.end))).toEqual(["Séance du 9 novembre", "Page deux"]);
    expect(model.pages[1]?.lines[0]?.spans.map((s) => model.text.slice(s.start, s.end))).toEqual(["Page", "deux"]);
    expect(issues).toEqual([]);
  });
  it("reads Windows-1252 text with a warning", () => {
    const { model, issues } = loadText(Uint8Array.from([0x53, 0xe9, 0x61, 0x6e, 0x63, 0x65, 0x20, 0x80]), "b.md");
    expect(model.text).toBe("Séance €");
    expect(issues.map((i) => i.ruleId)).toEqual(["text.encoding-fallback"]);
  });
  it("refuses binary data and empty files with a reason", () => {
    for (const bytes of [Uint8Array.from([0xff, 0x00, 0x81, 0x9d]), new Uint8Array(0), new TextEncoder().encode("  \n ")]) {
      expect(() => loadText(bytes, "c.txt")).toThrow(LoadError);
    }
  });
});
