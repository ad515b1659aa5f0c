import type { DelibRecord, Member } from "../model/record.js";
import { placeOf, type Check } from "./check.js";

function byName(record: DelibRecord): Map<string, { member: Member; asSubstitute: boolean }> {
  const map = new Map<string, { member: Member; asSubstitute: boolean }>();
  for (const m of record.attendance.members) {
    map.set(m.name, { member: m, asSubstitute: false });
    if (m.substitute !== undefined) map.set(m.substitute.name, { member: m, asSubstitute: true });
  }
  return map;
}

/** A proxy goes from someone not on site to someone on site (a substitute sits for a present member). */
export const proxyPresence: Check = {
  meta: {
    id: "proxy.presence",
    description: "Proxies go from members not on site to members on site",
    severity: "error",
    messages: {
      giverOnSite: 'Expected the giver of proxy "{{text}}" not to be on site, got {{name}} listed present',
      holderNotOnSite: 'Expected the holder of proxy "{{text}}" to be on site, got {{name}} listed {{status}}',
    },
  },
  run(record, report) {
    const people = byName(record);
    record.attendance.proxies.forEach((p, i) => {
      const from = people.get(p.from);
      const to = people.get(p.to);
      if (from !== undefined && !from.asSubstitute && from.member.status === "present") {
        report({ messageId: "giverOnSite", data: { text: p.text, name: p.from }, place: placeOf(record, `attendance.proxies.${i}.from`) });
      }
      if (to !== undefined && to.member.status !== "present") {
        report({ messageId: "holderNotOnSite", data: { text: p.text, name: p.to, status: to.member.status }, place: placeOf(record, `attendance.proxies.${i}.to`) });
      }
    });
  },
};
