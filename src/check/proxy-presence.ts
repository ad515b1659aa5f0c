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
  meta: { id: "proxy.presence", description: "Proxies go from members not on site to members on site", severity: "error" },
  run(record, report) {
    const people = byName(record);
    record.attendance.proxies.forEach((p, i) => {
      const from = people.get(p.from);
      const to = people.get(p.to);
      if (from !== undefined && !from.asSubstitute && from.member.status === "present") {
        report(`Expected the giver of proxy "${p.text}" not to be on site, got ${p.from} listed present`, placeOf(record, `attendance.proxies.${i}.from`));
      }
      if (to !== undefined && to.member.status !== "present") {
        report(`Expected the holder of proxy "${p.text}" to be on site, got ${p.to} listed ${to.member.status}`, placeOf(record, `attendance.proxies.${i}.to`));
      }
    });
  },
};

/**
 * One holder holds at most the legal number of proxies: one (CGCT L2121-20), two during the
 * 2020–2022 health emergency (loi 2020-1379 and its extensions, until 31 July 2022).
 */
export const proxyHolderLimit: Check = {
  meta: { id: "proxy.holder-limit", description: "A holder holds no more proxies than the law allows", severity: "warning" },
  run(record, report) {
    const date = record.sitting.date;
    const limit = date !== null && date >= "2020-10-30" && date <= "2022-07-31" ? 2 : 1;
    const held = new Map<string, number[]>();
    record.attendance.proxies.forEach((p, i) => held.set(p.to, [...(held.get(p.to) ?? []), i]));
    for (const [holder, idx] of held) {
      if (idx.length > limit) report(`Expected at most ${limit} prox${limit > 1 ? "ies" : "y"} per holder, got ${idx.length} held by ${holder}`, placeOf(record, `attendance.proxies.${idx[limit] ?? 0}.to`));
    }
  },
};
