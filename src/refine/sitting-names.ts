import type { DelibRecord } from "../model/record.js";
import { nameKey, resolveName, rosterEntry } from "../names/resolve.js";
import type { Trail } from "../record/provenance.js";

/** A civility written before a name read by a rule that does not drop it ("Mme CHARVET"). */
const CIVILITY_PREFIX = /^(?:M\.|MM\.|Mme|Mmes|Mlle|Monsieur|Madame)\s+(?=\p{Lu})/u;

/** "S.MEARY", "JP.DURAND": initials glued to a surname in capitals. */
const GLUED_INITIAL = /^(\p{Lu}{1,2}\.)(?=\p{Lu}{2})/u;

/**
 * "Secrétaire : Monsieur LEBLANC", "Rapporteur Mme Macé": the secretary, president or rapporteur printed by
 * surname (or initials) is written with the name the attendance lists give ("Michel LEBLANC", "Annick
 * MACE") when exactly one member fits; a full name, when one member's listed spelling differs from it
 * only by accents, case or hyphens.
 */
export function resolveSittingNames(record: DelibRecord, trail: Trail): void {
  const roster = record.attendance.members.map((m) => rosterEntry(m.name));
  const officers: Array<{ path: string; get: () => string | null; set: (name: string) => void }> = [
    { path: "sitting.secretary", get: () => record.sitting.secretary, set: (n) => (record.sitting.secretary = n) },
    { path: "sitting.president", get: () => record.sitting.president, set: (n) => (record.sitting.president = n) },
    { path: "rapporteur.name", get: () => record.rapporteur?.name ?? null, set: (n) => record.rapporteur !== null && (record.rapporteur.name = n) },
  ];
  for (const { path, get, set } of officers) {
    const printed = get();
    if (printed === null) continue;
    // "Mme CHARVET": the civility is no part of the name (records keep it apart).
    // "S.MEARY": an initial glued to the surname is written "S. MEARY" (corpus convention).
    const bareName = printed.replace(CIVILITY_PREFIX, "").replace(GLUED_INITIAL, "$1 ");
    const entry = rosterEntry(bareName);
    // "Macé" alone, "E. DORRIERE": a surname, perhaps with an initial.
    const bare = entry.surname === "" ? { given: "", surname: entry.given } : entry;
    const full = bare.given !== "" && !/^\p{Lu}{1,2}\.$/u.test(bare.given);
    const r = full ? null : resolveName(bare.given === "" ? null : bare.given, bare.surname, roster);
    // A list printing surnames only ("DORRIERE") knows less than "E. DORRIERE": keep the printed name.
    // A full name differing from one listed member's only by accents, case or hyphens ("Eric Peyron" for
    // "Éric Peyron", "Antoine Vermorel Marques" for "Antoine Vermorel-Marques", Roannais) is that member.
    const same = full ? roster.filter((e) => nameKey(e.name) === nameKey(bareName)) : [];
    const spelled = same.length === 1 ? same[0]?.name : undefined;
    const resolved = spelled ?? (r?.kind === "resolved" && r.note === null && r.entry.given !== "" ? r.entry.name : bareName);
    if (resolved !== printed) {
      set(resolved);
      const confidence = trail.confidence[path];
      if (confidence !== undefined) trail.confidence[path] = Math.min(confidence, 0.85);
    }
  }
}
