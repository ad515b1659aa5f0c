import type { Attendance } from "../model/record.js";
import type { Movement } from "../extract/movements.js";
import type { LateArrival } from "../record/attendance.js";
import { samePerson } from "../names/resolve.js";
import type { Trail } from "../record/provenance.js";
import { applyMovements } from "./movements.js";

/**
 * A member the lists show arriving during the sitting ("Nabih Nejjar (arrivé en cours de séance)" among
 * the present and in the absentees' table) whose arrival the minutes never place (no "Arrivée de Nabih
 * Nejjar": example_markdown.md lost both of Roannais' arrival lines) is counted present in every
 * deliberation, as the present list has them: a late-comer misses the first items at most, and the counted
 * votes after agree ("76 voix pour, 0 contre et 2 abstentions" = 66 present + 12 proxies). Their proxy
 * lapses. An arrival printed anywhere among the deliberations is left to the movements, item by item.
 */
export function applyUnplacedArrivals(attendance: Attendance, late: readonly LateArrival[], printed: readonly Movement[], trail: Trail): void {
  for (const { listed } of late) {
    if (printed.some((m) => m.kind === "arrival" && m.people.some((p) => samePerson(p.name, listed.name)))) continue;
    const place = trail.place(listed.nameRange);
    trail.issue("info", "attendance.arrival-unplaced", `Expected a printed arrival for ${listed.name}, listed among the present and among the absent, got none: counted present in every deliberation`, place);
    applyMovements(attendance, [{ kind: "arrival", range: listed.nameRange, people: [listed] }], trail);
  }
}
