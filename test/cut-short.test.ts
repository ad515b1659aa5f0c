import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";

const dir = mkdtempSync(join(tmpdir(), "delib-cut-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(name: string, text: string): ReturnType<typeof processDocument> {
  const file = join(dir, name);
  writeFileSync(file, text);
  return processDocument(file);
}

// Reduced from example_markdown.md: a conversion of a 49-page PDF that stops on page 18, inside item 5.
const minutes = (lastMark: string): string => `Séance du 28 octobre 2021
Les conseillers communautaires se sont réunis à l’Espace Chorum.
Etaient présents : Yves Nicolin - Jacques Troncy - Denis Vanhecke

3. Constitution et reprise de provisions
Jacques Troncy présente la constitution de provisions.
Le Conseil communautaire, après en avoir délibéré à l’unanimité, approuve.

4. Création d’une autorisation de programme
Le Conseil communautaire, après en avoir délibéré, avec 3 voix pour, approuve.

5. Décision modificative - Exercice 2021 – Budget général – DM2
Jacques Troncy présente la décision modificative n° 2.
${lastMark}
Charges exceptionnelles : 54 139 €
`;

describe("a text cut short of its last page", () => {
  it("keeps its last item, whose decision was cut off, and says the text stops early", async () => {
    const result = await run("cut.md", minutes("Page 18 sur 49"));
    expect(result.records.map((r) => r.report)).toEqual(["3", "4", "5"]);
    expect(result.records[2]?.vote).toMatchObject({ unanimous: null, outcome: null, yes: null });
    expect(result.issues.find((i) => i.ruleId === "segment.cut-short")?.message).toContain("page 18");
  });

  it("gives no record to a last item without a decision when the text reaches its last page", async () => {
    const result = await run("whole.md", minutes("Page 49 sur 49"));
    expect(result.records.map((r) => r.report)).toEqual(["3", "4"]);
    expect(result.issues.some((i) => i.ruleId === "segment.cut-short")).toBe(false);
  });
});
