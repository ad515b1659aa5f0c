import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";
import { csvSeparator, parseCsv } from "../src/scdl/csv.js";

describe("CSV with offsets", () => {
  it("reads quoted cells with separators, doubled quotes and line breaks, and points at each cell's content", () => {
    const text = '\ufeffA;B;C\r\n1;"x; ""y""\nz";\r\n;;\r\n';
    const rows = parseCsv(text, csvSeparator(text));
    expect(rows.map((r) => r.map((c) => c.value))).toEqual([["A", "B", "C"], ["1", 'x; "y"\nz', ""], ["", "", ""]]);
    const b = rows[1]?.[1];
    expect(b === undefined ? "" : text.slice(b.start, b.end)).toBe('x; ""y""\nz');
    expect(csvSeparator("A,B,C\n1,2,3")).toBe(",");
  });
});

describe("SCDL deliberations files", () => {
  const header = "COLL_NOM,DELIB_ID,DELIB_DATE,DELIB_OBJET,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION";
  it("give one record per data row, values from their columns with their cells as provenance; blank rows skipped, short rows warned", async () => {
    const dir = mkdtempSync(join(tmpdir(), "delib-scdl-"));
    try {
      const path = join(dir, "deliberations.csv");
      const text = `${header}\nSaint-etienne metropole (SEM),2022.00033,2022-03-24,"DELEGATION DE SERVICE PUBLIC\nCHOIX DU DELEGATAIRE",123,95,98,5,4\n,,,,,,,,\nSEM,2022.00034\n`;
      writeFileSync(path, text);
      const result = await processDocument(path);
      expect(result.format).toBe("scdl/deliberations@2.1");
      expect(result.records).toHaveLength(1);
      const r = result.records[0];
      expect(r?.number).toBe("2022.00033");
      expect(r?.title).toBe("DELEGATION DE SERVICE PUBLIC CHOIX DU DELEGATAIRE");
      expect(r?.sitting.date).toBe("2022-03-24");
      expect(r?.sitting.membersInOffice).toBe(123);
      expect(r?.attendance.counts).toMatchObject({ inOffice: 123, present: 95 });
      expect(r?.vote).toMatchObject({ yes: 98, no: 5, abstain: 4, unanimous: false, outcome: "adopted" });
      expect(r?.provenance["vote.no"]?.text).toBe("5");
      expect(r?.provenance["title"]?.text).toBe("DELEGATION DE SERVICE PUBLIC\nCHOIX DU DELEGATAIRE");
      expect(result.issues.map((i) => i.ruleId)).toEqual(["scdl.row-width"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a CSV without the SCDL columns gives no record and says why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "delib-scdl-"));
    try {
      const path = join(dir, "budget.csv");
      writeFileSync(path, "Chapitre;Montant\n011;45 000\n");
      const result = await processDocument(path);
      expect(result.records).toEqual([]);
      expect(result.issues.map((i) => i.ruleId)).toEqual(["scdl.not-deliberations"]);
      expect(result.issues[0]?.message).toContain('got "Chapitre;Montant"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
