import { samePerson } from "../../names/resolve.js";
import { DIGITS, passes, splice, type Mutation } from "./mutation.js";

/**
 * What separates two names of a list, taken away with the dropped name: the one after it (", ", " – "), or
 * for the last name of a line the one before it. Line breaks stay: they end the list's paragraph.
 */
const SEPARATOR_AFTER = /^[ \t]*[,;–—-][ \t]*/u;
const SEPARATOR_BEFORE = /[ \t]*[,;–—-][ \t]*$/u;

/**
 * A present member dropped from the attendance list, when the document prints a count to hold it to
 * ("en exercice : 123", "Présents : 65"): `attendance.count-mismatch`, or the partition or the votes no
 * longer adding up. The lists belong to the sitting: one mutant per document.
 */
export const memberDropped: Mutation = {
  kind: "member dropped from a list",
  caughtBy: ["attendance.count-mismatch", "attendance.partition", "vote.exceeds-voters"],
  make(text, records) {
    const at = records.findIndex((x) => {
      const printed = ["inOffice", "present"].some((k) => DIGITS.test(x.provenance[`attendance.counts.${k}`]?.text ?? ""));
      return printed && x.attendance.members.length > 0 && passes(x, this.caughtBy);
    });
    const r = records[at];
    if (r === undefined) return [];
    // Not a proxy end, not someone the sitting names elsewhere: a president left out of the list is put back
    // on purpose ("sous la présidence de M. Laurent GIRARDOT", Saint-Restitut's convention).
    const ends = new Set(r.attendance.proxies.flatMap((p) => [p.from, p.to]));
    const named = [r.sitting.president, r.sitting.secretary, r.rapporteur?.name, r.signatory?.name].filter((n): n is string => typeof n === "string");
    const fits = r.attendance.members.map(
      (m, k) => m.status === "present" && !ends.has(m.name) && m.substitute === undefined && !named.some((n) => samePerson(n, m.name)) && r.provenance[`attendance.members.${k}.name`] !== undefined,
    );
    const i = fits.lastIndexOf(true);
    const name = r.provenance[`attendance.members.${i}.name`];
    if (name === undefined) return [];
    const civility = r.provenance[`attendance.members.${i}.civility`];
    let start = civility !== undefined && civility.end <= name.start && name.start - civility.end <= 2 ? civility.start : name.start;
    const after = SEPARATOR_AFTER.exec(text.slice(name.end))?.[0] ?? "";
    if (after === "") start -= SEPARATOR_BEFORE.exec(text.slice(0, start))?.[0].length ?? 0;
    const end = name.end + after.length;
    return [{ kind: this.kind, record: at, change: `"${text.slice(start, end)}" removed (attendance.members.${i})`, text: splice(text, start, end, "") }];
  },
};
