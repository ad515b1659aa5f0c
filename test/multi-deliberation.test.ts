import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";

// One sitting, three deliberations: the header and attendance are shared, each record reads its own section.
const REGISTER = `Commune de Saint-Ours
Extrait du registre des délibérations du Conseil municipal
L'an deux mille vingt et un, le quinze mars à vingt heures trente, le Conseil municipal s'est réuni sous la présidence de M. Jean DURAND, Maire.
Présents : M. Jean DURAND, Mme Anne ROUX, M. Paul BLANC, Mme Claire NOIR
Absents : M. Luc VERT (pouvoir à M. Jean DURAND)
Secrétaire de séance : Mme Anne ROUX

Délibération n° 2021-014
Objet : Vente d'un terrain communal
Le Conseil municipal, après en avoir délibéré, à l'unanimité, décide de vendre la parcelle AB 12 pour 45 000 €.

Délibération n° 2021-015
Objet : Subvention au comité des fêtes
Le Conseil municipal, après en avoir délibéré, par 4 voix pour et 1 voix contre (Mme Claire NOIR), accorde une subvention de 1 500 €. M. Paul BLANC, président du comité, ne prend pas part au vote : M. Paul BLANC.

Délibération n° 2021-016
Objet : Tarifs de la cantine
Le Conseil municipal, après en avoir délibéré, par 2 voix pour et 3 voix contre, la délibération est rejetée.
`;

describe("a register holding three deliberations of one sitting", async () => {
  const dir = mkdtempSync(join(tmpdir(), "delib-multi-"));
  const file = join(dir, "registre.txt");
  writeFileSync(file, REGISTER);
  const result = await processDocument(file);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const starts = [...REGISTER.matchAll(/^Délibération n°/gmu)].map((m) => m.index);

  it("yields three records sharing one sitting", () => {
    expect(result.records.map((r) => r.number)).toEqual(["2021-014", "2021-015", "2021-016"]);
    expect(new Set(result.records.map((r) => JSON.stringify([r.sitting, r.attendance])))).toHaveProperty("size", 1);
    expect(result.records[0]?.sitting).toMatchObject({ date: "2021-03-15", openedAt: "20:30", president: "Jean DURAND", secretary: "Anne ROUX" });
    expect(result.records.map((r) => r.title)).toEqual(["Vente d'un terrain communal", "Subvention au comité des fêtes", "Tarifs de la cantine"]);
    expect(result.records.map((r) => [r.vote.yes, r.vote.no, r.vote.unanimous, r.vote.outcome])).toEqual([
      [null, null, true, "adopted"],
      [4, 1, false, "adopted"],
      [2, 3, false, "rejected"],
    ]);
    expect(result.records.map((r) => r.amounts.map((a) => a.value))).toEqual([[45000], [1500], []]);
    expect(result.records[1]?.vote.named).toEqual({ no: ["Claire NOIR"], abstain: [], notVoting: ["Paul BLANC"] });
    expect(result.records[1]?.vote.notVoting).toBe(1);
  });

  it("points every deliberation's own fields inside its own section", () => {
    result.records.forEach((r, i) => {
      const start = starts[i] ?? 0;
      const end = starts[i + 1] ?? REGISTER.length;
      for (const path of ["number", "title", "vote.outcome", ...r.amounts.map((_, k) => `amounts.${k}.value`)]) {
        const p = r.provenance[path];
        expect(p, `${r.number} ${path}`).toBeDefined();
        expect(p!.start, `${r.number} ${path}`).toBeGreaterThanOrEqual(start);
        expect(p!.end, `${r.number} ${path}`).toBeLessThanOrEqual(end);
      }
      expect(r.provenance["sitting.date"]!.end).toBeLessThanOrEqual(starts[0] ?? 0);
    });
  });
});
