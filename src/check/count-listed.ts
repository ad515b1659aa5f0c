import type { DelibRecord, MemberStatus } from "../model/record.js";
import { placeOf, type Check } from "./check.js";

/**
 * A count the document prints: its provenance is the figure itself ("Présents : 65" → "65"). A count
 * worked out from the lists points at the list, and one changed by an arrival or a departure at that
 * sentence: neither is a printed figure to check the lists against.
 */
const PRINTED_FIGURE = /^\s*\d{1,4}\s*$/u;

function printed(record: DelibRecord, key: string): boolean {
  const p = record.provenance[`attendance.counts.${key}`];
  return p !== undefined && PRINTED_FIGURE.test(p.text);
}

const LISTS: ReadonlyArray<MemberStatus> = ["present", "remote", "absent"];

/**
 * A printed count ("Présents : 14", "Pouvoirs : 5") agrees with the names the lists give for it. A status
 * nobody is listed under has no list to count ("Absents : 2" with no names): not checked.
 */
export const countsMatchLists: Check = {
  meta: {
    id: "attendance.count-mismatch",
    description: "Printed attendance counts agree with the names listed",
    severity: "warning",
    messages: {
      members: "Expected the {{key}} list to hold the {{printed}} members printed, got {{listed}} names",
      inOffice: "Expected the lists to name the {{printed}} members in office printed, got {{listed}} names",
      proxies: "Expected the proxy list to hold the {{printed}} proxies printed, got {{listed}}",
    },
  },
  run(record, report) {
    const { counts, members, proxies } = record.attendance;
    for (const key of LISTS) {
      const value = counts[key];
      const listed = members.filter((m) => m.status === key).length;
      if (value === null || listed === 0 || !printed(record, key) || listed === value) continue;
      report({ messageId: "members", data: { key, printed: value, listed }, place: placeOf(record, `attendance.counts.${key}`) });
    }
    if (members.length === 0) return;
    // The lists name every member in office: "en exercice : 29" and 28 names is a name missed (or one too many).
    if (counts.inOffice !== null && printed(record, "inOffice") && members.length !== counts.inOffice) {
      report({ messageId: "inOffice", data: { printed: counts.inOffice, listed: members.length }, place: placeOf(record, "attendance.counts.inOffice") });
    }
    // Lists naming no proxy at all: nobody gave one ("Pouvoirs : 2" then says two were missed).
    if (counts.proxies !== null && printed(record, "proxies") && proxies.length !== counts.proxies) {
      report({ messageId: "proxies", data: { printed: counts.proxies, listed: proxies.length }, place: placeOf(record, "attendance.counts.proxies") });
    }
  },
};
