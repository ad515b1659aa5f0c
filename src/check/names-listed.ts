import { resolveName, rosterEntry, rosterOf } from "../names/resolve.js";
import { placeOf, type Check } from "./check.js";

/**
 * The people a record names outside its attendance lists resolve to someone listed: both ends of every proxy,
 * each member's `proxyTo`, and the rapporteur. A record that lists nobody is not checked (there is nothing to
 * resolve against). Proxy ends are written with the listed name when resolved, so any other form is one that
 * matched nobody ("J. FALIVEL" for FAUVEL); the rapporteur keeps the form the text gives ("M. BODIN"), so it
 * is resolved the way proxy ends are, by surname and initials.
 */
export const namesListed: Check = {
  meta: {
    id: "name.unresolved",
    description: "Proxy ends, proxy holders and the rapporteur are listed members or substitutes",
    severity: "warning",
    messages: {
      proxyEnd: 'Expected "{{name}}" ({{path}}) among the listed members and substitutes, got no match; kept as printed',
      rapporteur: 'Expected the rapporteur "{{name}}" among the listed members and substitutes, got no match',
    },
  },
  run(record, report) {
    if (record.attendance.members.length === 0) return;
    const entries = rosterOf(record.attendance.members);
    const exact = new Set(entries.map((e) => e.name));
    record.attendance.proxies.forEach((p, i) => {
      for (const end of ["from", "to"] as const) {
        const path = `attendance.proxies.${i}.${end}`;
        if (!exact.has(p[end])) report({ messageId: "proxyEnd", data: { name: p[end], path }, place: placeOf(record, path) });
      }
    });
    record.attendance.members.forEach((m, i) => {
      const path = `attendance.members.${i}.proxyTo`;
      if (m.proxyTo !== undefined && !exact.has(m.proxyTo) && !record.attendance.proxies.some((p) => p.to === m.proxyTo)) {
        report({ messageId: "proxyEnd", data: { name: m.proxyTo, path }, place: placeOf(record, path) });
      }
    });
    const rapporteur = record.rapporteur?.name;
    if (rapporteur !== undefined && !exact.has(rapporteur)) {
      const { given, surname } = rosterEntry(rapporteur);
      if (resolveName(given === "" ? null : given, surname, entries).kind !== "resolved") {
        report({ messageId: "rapporteur", data: { name: rapporteur }, place: placeOf(record, "rapporteur.name") });
      }
    }
  },
};
