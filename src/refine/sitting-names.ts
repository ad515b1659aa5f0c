import type { DelibRecord } from "../model/record.js";
import { resolveName, rosterEntry } from "../names/resolve.js";
import type { Trail } from "../record/provenance.js";

/**
 * "Secrétaire : Monsieur LEBLANC": a sitting officer printed by surname (or initials) is written with
 * the name the attendance lists give ("Michel LEBLANC") when exactly one member fits.
 */
export function resolveSittingNames(record: DelibRecord, trail: Trail): void {
  const roster = record.attendance.members.map((m) => rosterEntry(m.name));
  for (const key of ["secretary", "president"] as const) {
    const printed = record.sitting[key];
    if (printed === null) continue;
    const entry = rosterEntry(printed);
    if (entry.given !== "" && !/^\p{Lu}{1,2}\.$/u.test(entry.given)) continue;
    const r = resolveName(entry.given === "" ? null : entry.given, entry.surname, roster);
    if (r.kind === "resolved" && r.note === null && r.entry.name !== printed) {
      record.sitting[key] = r.entry.name;
      const confidence = trail.confidence[`sitting.${key}`];
      if (confidence !== undefined) trail.confidence[`sitting.${key}`] = Math.min(confidence, 0.85);
    }
  }
}
