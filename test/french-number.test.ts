import { describe, expect, it } from "vitest";
import { frenchNumber } from "../src/normalize/french-number.js";

describe("French numbers in words", () => {
  it.each([
    ["vingt-cinq", 25], ["vingt et un", 21], ["quatre-vingt-dix-sept", 97], ["soixante-dix", 70], ["quatre-vingts", 80],
    ["deux mille vingt-deux", 2022], ["deux mil dix neuf", 2019], ["mil neuf cent quatre-vingt-sept", 1987],
    ["deux mille", 2000], ["cent", 100], ["trois cents", 300], ["quinze", 15], ["trente", 30], ["premier", 1],
  ])("%s = %i", (text, value) => {
    expect(frenchNumber(text)).toBe(value);
  });
  it("refuses other words", () => {
    expect(frenchNumber("vingt heures")).toBeNull();
    expect(frenchNumber("")).toBeNull();
  });
});
