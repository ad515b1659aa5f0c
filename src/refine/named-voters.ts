import type { DelibRecord } from "../model/record.js";
import type { NamedVoters } from "../extract/named-votes.js";
import { resolveName, rosterEntry } from "../names/resolve.js";
import type { Trail } from "../record/provenance.js";

const NAMED_CONFIDENCE = 0.85;
const COUNT_KEY = { no: "no", abstain: "abstain", notVoting: "notVoting" } as const;

/**
 * Attaches the named voters to the record (resolved to member names when the attendance lists them),
 * fills a count the minutes give only as names, and warns when names and printed count disagree.
 */
export function addNamedVoters(record: DelibRecord, lists: NamedVoters[], trail: Trail): void {
  const roster = record.attendance.members.map((m) => rosterEntry(m.name));
  for (const list of lists) {
    const names = record.vote.named[list.kind];
    let added = 0;
    for (const person of list.people) {
      const entry = rosterEntry(person.name);
      const r = resolveName(entry.given === "" ? null : entry.given, entry.surname, roster);
      const name = r.kind === "resolved" ? r.entry.name : person.name;
      // "M. Paul BLANC, président du comité, ne prend pas part au vote : M. Paul BLANC": one voter named twice.
      if (names.includes(name)) continue;
      trail.fromView(`vote.named.${list.kind}.${names.length}`, person.nameRange, NAMED_CONFIDENCE);
      names.push(name);
      added++;
    }
    if (added === 0) continue;
    const key = COUNT_KEY[list.kind];
    const printed = record.vote[key];
    if (printed === null) {
      record.vote[key] = names.length;
      trail.fromView(`vote.${key}`, list.range, NAMED_CONFIDENCE);
    } else if (printed !== names.length) {
      trail.issue("warning", "vote.named-count-mismatch", `Expected ${printed} names for vote.${key} as printed, got ${names.length}: ${names.join(", ")}`, trail.place(list.range));
    }
  }
}
