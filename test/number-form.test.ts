import { describe, expect, it } from "vitest";
import type { DelibRecord } from "../src/model/record.js";
import { harmoniseNumberForms } from "../src/refine/number-form.js";

const records = (numbers: Array<string | null>): DelibRecord[] => numbers.map((number) => ({ number, confidence: { number: 0.9 } }) as unknown as DelibRecord);

describe("one list, one form of number", () => {
  it("gives the spaced numbers OCR read the underscore the others print (Pierrefonds list, 2026)", () => {
    const rs = records(["2026_003", "2026 004", "2026_005", "2026 006", null, "2026-12"]);
    harmoniseNumberForms(rs);
    expect(rs.map((r) => r.number)).toEqual(["2026_003", "2026_004", "2026_005", "2026_006", null, "2026-12"]);
    expect(rs[1]?.confidence["number"]).toBe(0.8);
    expect(rs[0]?.confidence["number"]).toBe(0.9);
  });

  it("leaves every number as read when the list prints two other forms, or none", () => {
    const two = records(["2026_003", "2026.004", "2026 005"]);
    harmoniseNumberForms(two);
    expect(two.map((r) => r.number)).toEqual(["2026_003", "2026.004", "2026 005"]);
    const spaced = records(["D 2024 23", "2024 24"]);
    harmoniseNumberForms(spaced);
    expect(spaced.map((r) => r.number)).toEqual(["D 2024 23", "2024 24"]);
  });
});
