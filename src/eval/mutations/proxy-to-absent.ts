import { passes, splice, type Mutation } from "./mutation.js";

/**
 * "T. JAVAUX à C. MAGNIN-FEYSOT" → "T. JAVAUX à <a member not on site>": `proxy.presence`. The proxies
 * belong to the sitting: one mutant per document, from the first record that names a holder.
 */
export const proxyToAbsent: Mutation = {
  kind: "proxy to a member not on site",
  caughtBy: ["proxy.presence"],
  make(text, records) {
    for (const [i, r] of records.entries()) {
      if (!passes(r, this.caughtBy)) continue;
      const { members, proxies } = r.attendance;
      const k = proxies.findIndex((_, j) => r.provenance[`attendance.proxies.${j}.to`] !== undefined);
      const holder = r.provenance[`attendance.proxies.${k}.to`];
      const proxy = proxies[k];
      // Someone absent (or by video) with no substitute sitting for them, other than the giver, printed by name.
      const j = members.findIndex((m, n) => m.status !== "present" && m.substitute === undefined && m.name !== proxy?.from && r.provenance[`attendance.members.${n}.name`] !== undefined);
      const away = r.provenance[`attendance.members.${j}.name`];
      if (holder === undefined || away === undefined || proxy === undefined) continue;
      return [{ kind: this.kind, record: i, change: `"${holder.text}" → "${away.text}" (${proxy.text})`, text: splice(text, holder.start, holder.end, away.text) }];
    }
    return [];
  },
};
