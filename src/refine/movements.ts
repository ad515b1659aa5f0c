import type { Attendance, AttendanceCounts, Member } from "../model/record.js";
import type { Movement } from "../extract/movements.js";
import { resolveName, rosterEntry } from "../names/resolve.js";
import type { Trail } from "../record/provenance.js";

/** A status or count changed by a printed arrival or departure: as sure as the statement's reading. */
const MOVEMENT_CONFIDENCE = 0.85;

/**
 * Attendance as it stood at this deliberation's vote: the sitting header's lists and counts, changed by every
 * arrival and departure printed before it ("Arrivée de Gilles Passot" after item 1: present from item 2 on).
 * An arriving absentee's proxy lapses. Counts move with the names; a name matching no listed member gets an
 * info issue and changes nothing.
 */
export function applyMovements(attendance: Attendance, movements: readonly Movement[], trail: Trail): void {
  for (const movement of movements) {
    for (const person of movement.people) {
      const roster = attendance.members.map((m) => rosterEntry(m.name));
      const entry = rosterEntry(person.name);
      const r = resolveName(entry.given === "" ? null : entry.given, entry.surname, roster);
      const place = trail.place(movement.range);
      if (r.kind !== "resolved") {
        trail.issue("info", "attendance.movement-unresolved", `Expected a listed member for "${person.name}" (${movement.kind} at ${trail.where(place)}), got ${r.kind === "ambiguous" ? "several" : "none"}: attendance unchanged`, place);
        continue;
      }
      const i = attendance.members.findIndex((m) => m.name === r.entry.name);
      const member = attendance.members[i];
      if (member === undefined) continue;
      if (movement.kind === "arrival") arrive(attendance, member, i, trail, movement);
      else depart(attendance, member, i, trail, movement);
    }
  }
}

function arrive(attendance: Attendance, member: Member, index: number, trail: Trail, movement: Movement): void {
  if (member.status !== "absent") return;
  member.status = "present";
  trail.fromView(`attendance.members.${index}.status`, movement.range, MOVEMENT_CONFIDENCE);
  const counts = attendance.counts;
  shift(counts, "present", 1, trail, movement);
  shift(counts, "absent", -1, trail, movement);
  if (member.proxyTo === undefined) {
    shift(counts, "voters", 1, trail, movement);
    return;
  }
  // Present in person, the member's proxy is no longer used: the voters stay as many.
  delete member.proxyTo;
  delete trail.provenance[`attendance.members.${index}.proxyTo`];
  delete trail.confidence[`attendance.members.${index}.proxyTo`];
  const p = attendance.proxies.findIndex((x) => x.from === member.name);
  if (p >= 0) removeProxy(attendance, p, trail);
  shift(counts, "proxies", -1, trail, movement);
}

function depart(attendance: Attendance, member: Member, index: number, trail: Trail, movement: Movement): void {
  if (member.status !== "present") return;
  member.status = "absent";
  trail.fromView(`attendance.members.${index}.status`, movement.range, MOVEMENT_CONFIDENCE);
  shift(attendance.counts, "present", -1, trail, movement);
  shift(attendance.counts, "absent", 1, trail, movement);
  shift(attendance.counts, "voters", -1, trail, movement);
}

/** Moves a known count by `delta`; an unknown count stays unknown. */
function shift(counts: AttendanceCounts, key: keyof AttendanceCounts, delta: number, trail: Trail, movement: Movement): void {
  const value = counts[key];
  if (value === null || value + delta < 0) return;
  counts[key] = value + delta;
  trail.fromView(`attendance.counts.${key}`, movement.range, MOVEMENT_CONFIDENCE);
}

/** Drops proxy p and renumbers the provenance of the proxies after it. */
function removeProxy(attendance: Attendance, p: number, trail: Trail): void {
  attendance.proxies.splice(p, 1);
  const fields = ["from", "to", "text"];
  for (let j = p; j <= attendance.proxies.length; j++) {
    for (const f of fields) {
      const next = `attendance.proxies.${j + 1}.${f}`;
      const here = `attendance.proxies.${j}.${f}`;
      const prov = trail.provenance[next];
      const conf = trail.confidence[next];
      if (prov === undefined || conf === undefined) {
        delete trail.provenance[here];
        delete trail.confidence[here];
      } else {
        trail.provenance[here] = prov;
        trail.confidence[here] = conf;
      }
    }
  }
}
