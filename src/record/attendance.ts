import type { Attendance, AttendanceCounts, Member, MemberStatus, Proxy } from "../model/record.js";
import type { FullVocabulary } from "../rules/compile.js";
import type { Section } from "../segment/segments.js";
import type { TextView } from "../text/view.js";
import type { Candidate, Range } from "../extract/candidate.js";
import { readMemberList, type ListedMember, type PrintedPerson } from "../extract/members.js";
import { readHeadedTable } from "../extract/member-table.js";
import { pairByMarks } from "../extract/proxy-pairs.js";
import { readProxyList, type PrintedProxy, type PrintedRef } from "../extract/proxies.js";
import { nameKey, resolveName, rosterEntry, rosterOf, type RosterEntry } from "../names/resolve.js";
import type { Trail } from "./provenance.js";
import { foldForMatch } from "../normalize/text.js";
import { perDocument, type PerDocument } from "../memo/per-document.js";
import type { Token } from "../names/tokens.js";

const LIST_CONFIDENCE = 0.95;
const RESOLVED_CONFIDENCE = 0.95;
const MISMATCH_CONFIDENCE = 0.7;
const UNRESOLVED_CONFIDENCE = 0.4;
/** A count worked out from two printed ones is a little less sure than either (one may be misread). */
const DERIVED_FACTOR = 0.9;

const STATUS_OF: Partial<Record<Section["kind"], MemberStatus>> = { present: "present", remote: "remote", absent: "absent" };

function fold(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

/** What one list section prints, as read before any deliberation's record uses it. */
interface SectionReading<T> {
  read: readonly T[];
  skipped: readonly Token[];
}

const memberLists: PerDocument<Section, SectionReading<ListedMember>> = new WeakMap();
const proxyLists: PerDocument<Section, SectionReading<PrintedProxy>> = new WeakMap();

/**
 * A member list section, read once per document: every deliberation of a register reads the same sitting
 * header (benchmark text set: 2 deliberations a document on average, up to 5). Each caller gets its own
 * copies of the entries, which mergeListedTwice and pairByMarks change in place.
 */
function membersOf(view: TextView, s: Section, status: MemberStatus, vocabulary: FullVocabulary): { members: ListedMember[]; skipped: readonly Token[] } {
  const once = perDocument(memberLists, view, s, () => {
    const r = readHeadedTable(view.text, s.body, status, s.heading, vocabulary) ?? readMemberList(view.text, s.body, status, s.heading, vocabulary);
    return { read: r.members, skipped: r.skipped };
  });
  return { members: once.read.map((m) => ({ ...m })), skipped: once.skipped };
}

/** A proxy list section, read once per document (its entries are not changed by their readers). */
function proxiesOf(view: TextView, s: Section, vocabulary: FullVocabulary): SectionReading<PrintedProxy> {
  return perDocument(proxyLists, view, s, () => {
    const r = readProxyList(view.text, s.body, vocabulary);
    return { read: r.proxies, skipped: r.skipped };
  });
}

/** Counts as the document prints them, each with where it was read. */
export type PrintedCounts = Partial<Record<keyof AttendanceCounts, Candidate>>;

/**
 * Reads the attendance lists and proxies of the sitting header into the record, resolving proxy ends: the
 * attendance at the opening, and the members the lists show arriving during the sitting.
 */
export function buildAttendance(view: TextView, sections: Section[], vocabulary: FullVocabulary, printed: PrintedCounts, trail: Trail, president?: Candidate): { attendance: Attendance; late: LateArrival[] } {
  const text = view.text;
  const listed: ListedMember[] = [];
  const countRange: Partial<Record<MemberStatus, Range>> = {};
  for (const s of sections) {
    const status = STATUS_OF[s.kind];
    if (status === undefined) continue;
    const { members, skipped } = membersOf(view, s, status, vocabulary);
    listed.push(...members);
    countRange[status] ??= { start: s.heading.start, end: s.body.end };
    for (const t of skipped.filter((t) => /\p{L}{2}/u.test(t.text)).slice(0, 1)) {
      trail.issue("info", "attendance.unread-words", `Expected a commune label or a member in the list "${fold(text.slice(s.heading.start, s.heading.end))}", got "${t.text}" (skipped)`, trail.place(t));
    }
  }

  const late = mergeListedTwice(listed);
  addPresidingMember(listed, text, printed, president);
  pairByMarks(listed);

  const printedProxies: PrintedProxy[] = [];
  let proxyRange: Range | null = null;
  for (const s of sections.filter((x) => x.kind === "proxies")) {
    proxyRange ??= { start: s.heading.start, end: s.body.end };
    const { read, skipped } = proxiesOf(view, s, vocabulary);
    for (const t of skipped.filter((t) => /\p{L}{2}/u.test(t.text)).slice(0, 1)) {
      trail.issue("warning", "proxy.unread-words", `Expected "X à Y" in the proxy list, got "${t.text}" (skipped)`, trail.place(t));
    }
    printedProxies.push(...read);
    // "Pouvoirs : - Madame Delphine DECKER à Monsieur Gilles PAPIN": a giver named only here is an absent member.
    const listedRoster = listed.map((m) => rosterEntry(m.name));
    for (const p of read) {
      if (p.from.given === null) continue;
      if (resolveName(p.from.given, p.from.surname, listedRoster).kind !== "unresolved") continue;
      listed.push({
        civility: p.from.civility,
        civilityRange: p.from.civilityRange,
        name: p.from.printed,
        nameRange: p.from.range,
        status: "absent",
        statusRange: s.heading,
        commune: null,
        communeRange: null,
        substitute: null,
        proxy: null,
      });
      listedRoster.push(rosterEntry(p.from.printed));
    }
  }
  // "M. X (pouvoir à Mme Y)" inside a member list.
  for (const m of listed) if (m.proxy !== null) printedProxies.push({ from: refOf(m), to: refOf(m.proxy.to), range: m.proxy.range });
  printedProxies.sort((a, b) => a.range.start - b.range.start);

  const members: Member[] = listed.map((m, i) => {
    const base = `attendance.members.${i}`;
    trail.fromView(`${base}.name`, m.nameRange, LIST_CONFIDENCE);
    if (m.civilityRange !== null) trail.fromView(`${base}.civility`, m.civilityRange, LIST_CONFIDENCE);
    if (m.communeRange !== null) trail.fromView(`${base}.commune`, m.communeRange, LIST_CONFIDENCE);
    trail.fromView(`${base}.status`, m.statusRange, LIST_CONFIDENCE);
    const member: Member = { name: m.name, civility: m.civility, commune: m.commune, status: m.status };
    if (m.substitute !== null) {
      member.substitute = { name: m.substitute.name, civility: m.substitute.civility };
      trail.fromView(`${base}.substitute.name`, m.substitute.nameRange, LIST_CONFIDENCE);
      if (m.substitute.civilityRange !== null) trail.fromView(`${base}.substitute.civility`, m.substitute.civilityRange, LIST_CONFIDENCE);
    }
    return member;
  });

  const roster = rosterOf(members);

  const proxies: Proxy[] = [];
  for (const p of printedProxies) {
    const i = proxies.length;
    const base = `attendance.proxies.${i}`;
    const from = resolveRef(p.from, roster, `${base}.from`, trail);
    const to = resolveRef(p.to, roster, `${base}.to`, trail);
    proxies.push({ from: from.name, to: to.name, text: fold(text.slice(p.range.start, p.range.end)) });
    trail.fromView(`${base}.from`, p.from.range, from.confidence);
    trail.fromView(`${base}.to`, p.to.range, to.confidence);
    trail.fromView(`${base}.text`, p.range, LIST_CONFIDENCE);
    const giver = members.findIndex((m) => m.name === from.name);
    const g = members[giver];
    if (g !== undefined) {
      g.proxyTo = to.name;
      trail.fromView(`attendance.members.${giver}.proxyTo`, p.range, to.confidence);
    }
  }

  // Printed counts win; counted lists fill the gaps; a disagreement is a warning and both stay readable.
  const fromLists: Partial<Record<keyof AttendanceCounts, { value: number; range: Range }>> = {};
  for (const status of ["present", "remote", "absent"] as const) {
    const n = members.filter((m) => m.status === status).length;
    // Givers named only in the proxy list are absent members: their count points at that list.
    const r = countRange[status] ?? (n > 0 ? proxyRange : null) ?? undefined;
    if (r !== undefined) fromLists[status] = { value: n, range: r };
  }
  // Proxies printed inside member lists count too: then the count points at the first of them.
  const firstProxy = printedProxies[0];
  const proxiesRange = proxyRange ?? (firstProxy === undefined ? null : firstProxy.range);
  if (proxiesRange !== null) fromLists.proxies = { value: proxies.length, range: proxiesRange };
  // With attendance lists and no printed figure: those named are the members in office, a sitting that
  // lists nobody by video had nobody remote, and one that names no proxy had none.
  const sectionRanges = Object.values(countRange);
  const firstList = sectionRanges[0];
  if (firstList !== undefined && members.length > 0) {
    const lists = { start: Math.min(...sectionRanges.map((r) => r.start)), end: Math.max(...sectionRanges.map((r) => r.end)) };
    fromLists.inOffice ??= { value: members.length, range: lists };
    if (fromLists.remote === undefined && countRange.present !== undefined) fromLists.remote = { value: 0, range: countRange.present };
    // Attendance lists with no proxy anywhere in them: nobody gave one.
    if (fromLists.proxies === undefined) fromLists.proxies = { value: 0, range: lists };
    // …and with no absentee named, the members listed (the members in office) were all there.
    if (fromLists.absent === undefined && countRange.present !== undefined) fromLists.absent = { value: 0, range: lists };
  }
  const counts: AttendanceCounts = { inOffice: null, present: null, remote: null, absent: null, proxies: null, voters: null };
  for (const key of ["inOffice", "present", "remote", "absent", "proxies", "voters"] as const) {
    const p = printed[key];
    const l = fromLists[key];
    if (p !== undefined && typeof p.value === "number") {
      counts[key] = p.value;
      trail.fromSource(`attendance.counts.${key}`, p.start, p.end, p.confidence);
      // A list disagreeing with the figure: the attendance.count-mismatch check (src/check/count-listed.ts) says so.
    } else if (l !== undefined) {
      counts[key] = l.value;
      trail.fromView(`attendance.counts.${key}`, l.range, LIST_CONFIDENCE);
    }
  }
  deriveAbsent(counts, printed, fromLists.absent, trail);
  return { attendance: { counts, members, proxies }, late };
}

/**
 * "Nombre de conseillers en exercice : 29 / en séance : 22" and no absent figure: the members in office
 * who were not there (in the room or by video) are the absent ones, those represented by a proxy included
 * (the contract counts them absent). The printed figures beat an absent list, which often names only the
 * excused and leaves out those who gave a proxy.
 */
function deriveAbsent(counts: AttendanceCounts, printed: PrintedCounts, listed: { value: number; range: Range } | undefined, trail: Trail): void {
  const inOffice = printed.inOffice;
  const present = printed.present;
  if (printed.absent !== undefined || inOffice === undefined || present === undefined) return;
  if (typeof inOffice.value !== "number" || typeof present.value !== "number") return;
  const absent = inOffice.value - present.value - (counts.remote ?? 0);
  if (absent < 0) return;
  counts.absent = absent;
  const start = Math.min(inOffice.start, present.start);
  const end = Math.max(inOffice.end, present.end);
  trail.fromSource("attendance.counts.absent", start, end, Math.min(inOffice.confidence, present.confidence) * DERIVED_FACTOR);
  if (listed !== undefined && listed.value !== absent) {
    trail.issue("info", "attendance.absent-derived", `Expected the absent list to name the ${absent} members in office not present (${inOffice.value} − ${present.value}), got ${listed.value} names: kept ${absent}`, trail.place(listed.range));
  }
}

/** A member listed among the present and again among the absent: they came during the sitting. */
export interface LateArrival {
  /** Their entry in the present list ("Nabih Nejjar (arrivé en cours de séance)"). */
  listed: PrintedPerson;
}

/**
 * A member printed in two lists is one member. Roannais lists "Nabih Nejjar (arrivé en cours de séance)"
 * among the present and again in the absentees' table: at the opening they were absent (their arrival is a
 * movement of its own); they are returned as late arrivals. An absentee's entry naming a substitute makes
 * the member present through them (contract), which the present list may print as "Yves Meunier (Suppléant
 * Laurence Boyer)".
 */
function mergeListedTwice(listed: ListedMember[]): LateArrival[] {
  const late: LateArrival[] = [];
  // One key per entry, kept in step with `listed` (an entry kept in place of another has its key).
  const keys = listed.map((m) => nameKey(m.name));
  for (let i = listed.length - 1; i >= 0; i--) {
    const later = listed[i] as ListedMember;
    const k = keys.findIndex((key, j) => j < i && key === keys[i]);
    const earlier = listed[k];
    if (earlier === undefined) continue;
    const absent = earlier.status === "absent" ? earlier : later.status === "absent" ? later : null;
    const kept: ListedMember = absent ?? earlier;
    const other = kept === earlier ? later : earlier;
    kept.substitute ??= other.substitute;
    kept.proxy ??= other.proxy;
    if (kept.status === "absent" && kept.substitute !== null) {
      kept.status = "present";
      kept.statusRange = other.status === "present" ? other.statusRange : kept.statusRange;
    }
    if (kept.status === "absent" && other.status === "present") late.push({ listed: { civility: other.civility, civilityRange: other.civilityRange, name: kept.name, nameRange: other.nameRange } });
    listed[k] = kept;
    listed.splice(i, 1);
    keys.splice(i, 1);
  }
  return late.reverse();
}

/** A listed person as a proxy end. */
function refOf(p: PrintedPerson): PrintedRef {
  const entry = rosterEntry(p.name);
  return { civility: p.civility, civilityRange: p.civilityRange, given: entry.given === "" ? null : entry.given, surname: entry.surname, printed: p.name, range: p.nameRange };
}

/** Resolves one proxy end against the listed members and substitutes; says so when it cannot. */
function resolveRef(ref: PrintedRef, roster: RosterEntry[], path: string, trail: Trail): { name: string; confidence: number } {
  const r = resolveName(ref.given, ref.surname, roster);
  const place = trail.place(ref.range);
  switch (r.kind) {
    case "resolved":
      if (r.note === "initial-mismatch") {
        const same = roster.filter((e) => e.surname === r.entry.surname).length;
        trail.issue("warning", "name.initial-mismatch", `Expected a listed member with initials "${ref.given ?? ""}" for "${ref.printed}" (${path}), got ${r.entry.name}${same === 1 ? ` (the only ${r.entry.surname})` : ""}: resolved with a mismatch`, place);
        return { name: r.entry.name, confidence: MISMATCH_CONFIDENCE };
      }
      if (r.note === "fuzzy-surname") {
        trail.issue("warning", "name.fuzzy-surname", `Expected a listed member named "${ref.printed}" (${path}), got the nearest, ${r.entry.name}`, place);
        return { name: r.entry.name, confidence: MISMATCH_CONFIDENCE };
      }
      return { name: r.entry.name, confidence: RESOLVED_CONFIDENCE };
    case "ambiguous":
      trail.issue("warning", "name.ambiguous", `Expected one listed member for "${ref.printed}" (${path}), got ${r.candidates.length}: ${r.candidates.map((c) => c.name).join(", ")}; kept as printed`, place);
      return { name: ref.printed, confidence: UNRESOLVED_CONFIDENCE };
    case "unresolved":
      // Kept as printed; the name.unresolved check (src/check/names-listed.ts) reports it from the record.
      return { name: ref.printed, confidence: UNRESOLVED_CONFIDENCE };
  }
}

/** Civilities printed before the president's name ("sous la présidence de Monsieur Yves ARMAND"). */
const PRESIDENT_CIVILITY: ReadonlyArray<[RegExp, string]> = [
  [/(?<![\p{L}.])(?:Monsieur|M\.)(?=\s*$)/u, "M."],
  [/(?<!\p{L})(?:Madame|Mme)(?=\s*$)/u, "Mme"],
];
/** The civility sits right before the president's name: look this many characters back. */
const CIVILITY_LOOKBACK = 20;

/**
 * A presiding mayor counted in "Présents" but left out of the list ("Présents : 11", ten names, "sous la
 * présidence de Monsieur Yves ARMAND", Saint-Restitut) is the first present member (corpus convention):
 * added when the present list falls one short of the printed count and names nobody of the president's surname.
 */
function addPresidingMember(listed: ListedMember[], text: string, printed: PrintedCounts, president: Candidate | undefined): void {
  const count = printed.present?.value;
  if (president === undefined || typeof president.value !== "string" || typeof count !== "number") return;
  const present = listed.filter((m) => m.status === "present");
  if (present.length === 0 || present.length + 1 !== count) return;
  const entry = rosterEntry(president.value);
  if (entry.surname === "" || entry.given === "") return;
  if (listed.some((m) => foldForMatch(rosterEntry(m.name).surname) === foldForMatch(entry.surname))) return;
  const from = Math.max(0, president.range.start - CIVILITY_LOOKBACK);
  const before = text.slice(from, president.range.start);
  let civility: string | null = null;
  let civilityRange: Range | null = null;
  for (const [re, value] of PRESIDENT_CIVILITY) {
    const m = re.exec(before);
    if (m === null) continue;
    civility = value;
    civilityRange = { start: from + m.index, end: from + m.index + m[0].length };
    break;
  }
  const first = present[0] as ListedMember;
  listed.splice(listed.indexOf(first), 0, {
    civility,
    civilityRange,
    name: president.value,
    nameRange: president.range,
    status: "present",
    statusRange: first.statusRange,
    commune: null,
    communeRange: null,
    substitute: null,
    proxy: null,
  });
}
