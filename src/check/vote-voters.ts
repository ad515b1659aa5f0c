import { placeOf, type Check } from "./check.js";

/** yes + no + abstain + notVoting ≤ those who could vote, and never above the members in office. */
export const voteWithinVoters: Check = {
  meta: { id: "vote.exceeds-voters", description: "Votes cast fit the members who could vote", severity: "error" },
  run(record, report) {
    const { yes, no, abstain, notVoting } = record.vote;
    if (yes === null) return;
    const cast = yes + (no ?? 0) + (abstain ?? 0) + (notVoting ?? 0);
    const { members, proxies, counts } = record.attendance;
    const place = placeOf(record, "vote.yes");
    if (counts.inOffice !== null && cast > counts.inOffice) {
      report(`Expected at most ${counts.inOffice} votes (members in office), got ${cast}`, place);
      return;
    }
    if (members.length === 0) return;
    const onSite = members.filter((m) => m.status === "present").length;
    const remoteWithoutProxy = members.filter((m) => m.status === "remote" && m.proxyTo === undefined).length;
    const voters = onSite + remoteWithoutProxy + proxies.length;
    if (cast > voters) {
      report(`Expected at most ${voters} votes (${onSite} on site + ${remoteWithoutProxy} remote without proxy + ${proxies.length} proxies), got ${cast}`, place);
    }
  },
};
