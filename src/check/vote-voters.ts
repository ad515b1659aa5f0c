import { placeOf, type Check } from "./check.js";

/** yes + no + abstain + notVoting ≤ those who could vote, and never above the members in office. */
export const voteWithinVoters: Check = {
  meta: {
    id: "vote.exceeds-voters",
    description: "Votes cast fit the members who could vote",
    severity: "error",
    messages: {
      inOffice: "Expected at most {{inOffice}} votes (members in office), got {{cast}}",
      voters: "Expected at most {{voters}} votes ({{onSite}} on site + {{remote}} remote without proxy + {{proxies}} proxies), got {{cast}}",
    },
  },
  run(record, report) {
    const { yes, no, abstain, notVoting } = record.vote;
    if (yes === null) return;
    const cast = yes + (no ?? 0) + (abstain ?? 0) + (notVoting ?? 0);
    const { members, proxies, counts } = record.attendance;
    const place = placeOf(record, "vote.yes");
    if (counts.inOffice !== null && cast > counts.inOffice) {
      report({ messageId: "inOffice", data: { inOffice: counts.inOffice, cast }, place });
      return;
    }
    if (members.length === 0) return;
    const onSite = members.filter((m) => m.status === "present").length;
    const remote = members.filter((m) => m.status === "remote" && m.proxyTo === undefined).length;
    const voters = onSite + remote + proxies.length;
    if (cast > voters) report({ messageId: "voters", data: { voters, onSite, remote, proxies: proxies.length, cast }, place });
  },
};
