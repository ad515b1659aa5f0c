import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rulesDir } from "../../paths.js";

/** One level-2 matière of the ACTES classification: "7.5", under "Finances locales", named "Subventions". */
export interface Matiere {
  code: string;
  name: string;
  parent: { code: string; name: string };
}

interface NomenclatureFile {
  matieres: Array<{ code: string; name: string; sub: Array<{ code: string; name: string }> }>;
  examples: Array<{ code: string; scdlName: string }>;
}

/** Where the nomenclature lives (data, sourced in its $comment). */
export const NOMENCLATURE_FILE = join(rulesDir, "scdl", "actes-matieres.json");

let cached: ReadonlyMap<string, Matiere> | undefined;

/** The level-2 matières of rules/scdl/actes-matieres.json, by code. */
export function matieres(): ReadonlyMap<string, Matiere> {
  if (cached !== undefined) return cached;
  const file = JSON.parse(readFileSync(NOMENCLATURE_FILE, "utf8")) as NomenclatureFile;
  const byCode = new Map<string, Matiere>();
  for (const top of file.matieres) {
    for (const sub of top.sub) {
      if (!sub.code.startsWith(`${top.code}.`)) throw new Error(`${NOMENCLATURE_FILE}: expected sub-matière ${sub.code} to start with "${top.code}.", got "${sub.code}"`);
      byCode.set(sub.code, { code: sub.code, name: sub.name, parent: { code: top.code, name: top.name } });
    }
  }
  cached = byCode;
  return byCode;
}

/** The examples of the nomenclature file: a code and the DELIB_MATIERE_NOM it must give. */
export function nomenclatureExamples(): Array<{ code: string; scdlName: string }> {
  return (JSON.parse(readFileSync(NOMENCLATURE_FILE, "utf8")) as NomenclatureFile).examples;
}

/** A name as DELIB_MATIERE_NOM writes it: lower case (accents kept), no comma nor parenthesis nor slash, spaces folded. */
function scdlPart(name: string): string {
  return name
    .toLocaleLowerCase("fr")
    .replace(/[(),/]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

/** DELIB_MATIERE_NOM of a code: "finances locales/subventions" for "7.5"; undefined for a code the nomenclature lacks. */
export function scdlMatiereName(code: string): string | undefined {
  const m = matieres().get(code);
  return m === undefined ? undefined : `${scdlPart(m.parent.name)}/${scdlPart(m.name)}`;
}
