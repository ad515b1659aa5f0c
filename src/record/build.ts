import { sliceOf } from "../text/slice.js";
import { pageAt, type DocumentModel } from "../model/document.js";
import { SCHEMA_VERSION, type Amount, type Annex, type DelibRecord } from "../model/record.js";
import type { Format } from "../rules/format.js";
import type { Scope } from "../rules/types.js";
import type { Segments, DeliberationSegment } from "../segment/segments.js";
import { toSource, type TextView } from "../text/view.js";
import type { Candidate, Range } from "../extract/candidate.js";
import { distinctAmounts, findAmounts } from "../extract/amounts.js";
import { closingSignature, readSignatory } from "../extract/signatory.js";
import { scannedSignerTitle } from "../extract/signer-on-scan.js";
import { findDuplicates } from "../annexes/dedupe.js";
import { readPrefecture } from "../extract/prefecture.js";
import { attachmentBlocks } from "../annexes/blocks.js";
import { duplicateIssue } from "../annexes/issue.js";
import { runningLinesOf, runningRanges } from "../text/running.js";
import { budgetTablesOf } from "./budget-tables.js";
import { keptAttachments } from "../annexes/kept.js";
import { foldForMatch, foldText } from "../normalize/text.js";
import { buildAttendance, type PrintedCounts } from "./attendance.js";
import { choose } from "./choose.js";
import { Trail } from "./provenance.js";
import { deriveOutcome, deriveUnanimity } from "../refine/outcome.js";
import { resolveSittingNames } from "../refine/sitting-names.js";
import { recaseCouncilName } from "../refine/council-name.js";
import { addNamedVoters } from "../refine/named-voters.js";
import { findNamedVoters } from "../extract/named-votes.js";
import type { Movement } from "../extract/movements.js";
import { fieldReadings, movementReadings } from "./document-readings.js";
import { applyMovements } from "../refine/movements.js";
import { applyUnplacedArrivals } from "../refine/unplaced-arrivals.js";
import { presidentAt } from "../extract/presidency.js";
import { firstDecision } from "../segment/decision.js";
import { citedActLines, withoutCitedVotes } from "../extract/cited-acts.js";
import { nameKey, samePerson } from "../names/resolve.js";
import { mayMatch } from "../rules/prefilter.js";

const AMOUNT_CONFIDENCE = 0.9;
const SIGNATORY_CONFIDENCE = 0.85;
const ANNEX_CONFIDENCE = 0.9;
/** A bare name closing the minutes is less sure a signature than one under "Le Maire,". */
const CLOSING_SIGNATURE_CONFIDENCE = 0.7;
/** A signer inferred from the title alone (the name under it lost to the stroke on a scan): the least sure reading. */
const TITLE_ONLY_SIGNATURE_CONFIDENCE = 0.6;
/** A vote's own heading line is its title, as sure as a title rule's reading. */
const SUB_DECISION_TITLE_CONFIDENCE = 0.85;
/** Letters a signature's stroke adds to the typed name under it, as OCR reads them ("Yves ARMANDNT"). */
const MAX_STROKE_LETTERS = 2;

/** "Yves ARMANDNT" signed under the minutes presided by Yves ARMAND: the president's name, without the stroke. */
function withoutSignatureStroke(signed: string, president: string): string {
  const a = nameKey(signed);
  const b = nameKey(president);
  return a !== b && a.startsWith(b) && a.length - b.length <= MAX_STROKE_LETTERS && /\s/u.test(president) ? president : signed;
}

/** A place that names no room: "lieu habituel de ses séances", "le lieu ordinaire de ses séances", "lieu" cut at a line end. */
const GENERIC_PLACE = /^(?:le\s+)?lieu\b/iu;

/** The rule naming who presided one deliberation, inside it: it wins over a change of chair printed before. */
const HANDED_OVER_RULE = "sitting.president.handed-over";

/** A role read with a name by one rule lies within this many characters of it (one sentence). */
const SAME_READING_SPAN = 300;

export interface SourceInfo {
  path: string;
  sha256: string;
}

function candidatesIn(format: Format, view: TextView, scopes: Partial<Record<Scope, Range>>): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of format.fields) {
    const range = scopes[rule.rule.scope];
    if (range !== undefined) out.push(...fieldReadings(rule, view, range));
  }
  return out;
}

/** Builds the record of one deliberation: fields by rules, attendance, amounts, signatory, annexes, provenance. */
export function buildRecord(model: DocumentModel, view: TextView, format: Format, segments: Segments, delib: DeliberationSegment, index: number, source: SourceInfo): DelibRecord {
  const trail = new Trail(model, view);
  // A rapporteur presents before the vote: "Mme TISSERAND présente…" after the decision is another matter.
  const decidedAt = firstDecision(format, view.text, delib.body);
  const read = candidatesIn(format, view, { header: segments.header, deliberation: delib.body, document: { start: 0, end: view.text.length } }).filter(
    (c) => !c.path.startsWith("rapporteur.") || decidedAt === null || c.range.start < decidedAt,
  );
  // The Bureau's "après en avoir délibéré à l’unanimité" reported inside a council's item, or a visa quoting the
  // law ("Vu le Code … à l'unanimité"), is no vote of the council.
  const body = read.find((c) => c.path === "council.body")?.value;
  const candidates = withoutCitedVotes(read, citedActLines(format.citedActs, view.text, delib.body, typeof body === "string" ? body : null));
  // One vote of an item holding several: the item's heading gives its number, the vote's heading its title.
  if (delib.item !== undefined) {
    const label = delib.item.label;
    // "5. QUESTIONS DIVERSES." then "a. Acquisition d’une désherbeuse.": reported "5a".
    const fromItem = candidatesIn(format, view, { deliberation: delib.item.heading });
    candidates.unshift(
      ...fromItem
        .filter((c) => c.path === "number" || c.path === "report")
        .map((c) => (c.path === "report" && label !== undefined ? { ...c, value: `${String(c.value)}${label}` } : c)),
    );
    const t = delib.item.title;
    const own = foldText(view.text.slice(t.start, t.end));
    // "Adhésion aux associations" then "SHAARL (Société d’Histoire …)": the item's heading, a dash, the sub-heading.
    const itemTitle = delib.item.underItem === true ? fromItem.find((c) => c.path === "title")?.value : undefined;
    const value = typeof itemTitle === "string" ? `${itemTitle} – ${own}` : own;
    candidates.unshift({ path: "title", value, ...toSource(view, t.start, t.end), range: t, ruleId: "sub-decision.title", confidence: SUB_DECISION_TITLE_CONFIDENCE });
  }
  const chosen = choose(candidates, trail);
  // "s'est réuni au lieu habituel de ses séances" names no room: the room the convocation names is better.
  const place = chosen.get("sitting.place");
  if (place !== undefined && GENERIC_PLACE.test(String(place.value))) {
    const room = candidates.find((c) => c.path === "sitting.place" && !GENERIC_PLACE.test(String(c.value)));
    if (room !== undefined) chosen.set("sitting.place", room);
  }
  // "Madame Danielle MAREC prend la présidence" before this item's vote: she presides it, unless the item
  // itself says who did ("La présidence est assurée par Mme Christine FAIVRE").
  if (chosen.get("sitting.president")?.ruleId !== HANDED_OVER_RULE) {
    const chair = presidentAt(format.presidency, view, decidedAt ?? delib.body.start);
    if (chair !== undefined) chosen.set("sitting.president", chair);
  }
  chooseRapporteurRole(candidates, chosen);
  const get = <T extends string | number | boolean>(path: string): T | null => {
    const c = chosen.get(path);
    if (c === undefined) return null;
    trail.fromSource(path, c.start, c.end, c.confidence);
    return c.value as T;
  };

  const membersInOffice = get<number>("sitting.membersInOffice");
  // "Monsieur le Président présente…": the rapporteur is whoever presides ("$sitting.president").
  const rapporteurRead = get<string>("rapporteur.name");
  const rapporteurName = rapporteurRead === "$sitting.president" ? (chosen.get("sitting.president")?.value as string | undefined) ?? null : rapporteurRead;
  const rapporteurRole = rapporteurName === null ? null : get<string>("rapporteur.role");
  // A register signed once at its end: the signature stands for each of its deliberations. It may follow
  // an item that is no deliberation ("2015.10.22 - 13 DELEGATION AU MAIRE … le maire / David NICOLAS").
  const last = segments.deliberations.at(-1);
  const tail = last === undefined ? null : { start: last.body.start, end: view.text.length };
  const signed = signatoryOf(format, view, delib.body, trail) ?? (tail === null ? null : signatoryOf(format, view, tail, trail)) ?? presidentSigns(view, chosen.get("sitting.president"), trail);
  const underTitle = signed === null ? presidentUnderTitle(model, view, chosen.get("sitting.president"), trail) : null;
  const signatory = signed ?? underTitle;
  // "sous la présidence de Monsieur ARMAND", signed "Le Maire : Yves ARMAND": the president's full name.
  const presiding = chosen.get("sitting.president");
  if (signatory !== null && presiding !== undefined && typeof presiding.value === "string") signatory.name = withoutSignatureStroke(signatory.name, presiding.value);
  const surnameOnly = presiding !== undefined && typeof presiding.value === "string" && !/\s/u.test(presiding.value);
  if (surnameOnly && signatory !== null && /\s/u.test(signatory.name) && samePerson(String(presiding.value), signatory.name)) {
    chosen.set("sitting.president", { ...presiding, value: signatory.name });
  }
  const budgetLine = get<string>("budget.line");
  const budgetPlanned = get<number>("budget.planned");
  const budgetOperation = get<number>("budget.operation");

  // Tables are read once: an annex printed twice is read in the copy kept only (annexes[i] is attachments[i]).
  const annexes = annexesOf(model, view, delib, trail);
  const tableRanges = [delib.body, ...keptAttachments(delib.attachments, annexes).map((a) => a.range)];
  const opening = buildAttendance(view, segments.sections, format.vocabulary, printedCounts(chosen), trail, chosen.get("sitting.president"));
  const record: DelibRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: `${source.sha256.slice(0, 16)}#${index}`,
    source: { path: source.path, sha256: source.sha256, kind: model.kind, pages: model.pages.length },
    format: format.ref,
    council: { name: get<string>("council.name"), body: canonicalBody(get<string>("council.body"), format.vocabulary.bodies) },
    sitting: {
      date: get<string>("sitting.date"),
      place: get<string>("sitting.place"),
      president: get<string>("sitting.president"),
      secretary: get<string>("sitting.secretary"),
      openedAt: get<string>("sitting.openedAt"),
      closedAt: get<string>("sitting.closedAt"),
      membersInOffice,
    },
    number: get<string>("number"),
    report: get<string>("report"),
    title: get<string>("title"),
    rapporteur: rapporteurName === null ? null : { name: rapporteurName, role: rapporteurRole },
    commission: get<string>("commission"),
    budget: budgetLine === null && budgetPlanned === null && budgetOperation === null ? null : { line: budgetLine, planned: budgetPlanned, operation: budgetOperation },
    amounts: amountsOf(format, view, delib.body, trail),
    vote: {
      yes: get<number>("vote.yes"),
      no: get<number>("vote.no"),
      abstain: get<number>("vote.abstain"),
      notVoting: get<number>("vote.notVoting"),
      unanimous: get<boolean>("vote.unanimous"),
      outcome: get<"adopted" | "rejected">("vote.outcome"),
      named: { no: [], abstain: [], notVoting: [] },
    },
    attendance: opening.attendance,
    signatory,
    annexes,
    budgetTables: budgetTablesOf(format, view, tableRanges, trail),
    prefecture: readPrefecture(format, view, segments, delib, trail),
    provenance: trail.provenance,
    confidence: trail.confidence,
    issues: trail.issues,
  };
  applyUnplacedArrivals(record.attendance, opening.late, movementsBefore(format, view, segments, view.text.length), trail);
  applyMovements(record.attendance, movementsBefore(format, view, segments, decidedAt ?? delib.body.start), trail);
  addNamedVoters(record, findNamedVoters(format.namedVotes, view.text, delib.body, format.vocabulary), trail);
  record.vote.unanimous = deriveUnanimity(record.vote, trail);
  record.vote.outcome = deriveOutcome(record.vote, trail);
  resolveSittingNames(record, trail);
  // The president signs under the title: written with the name the lists give them ("Leroux" → "Sébastien LEROUX").
  if (underTitle !== null && record.signatory !== null && record.sitting.president !== null) record.signatory.name = record.sitting.president;
  recaseCouncilName(record, view, trail);
  return record;
}

/**
 * The rapporteur's role is read with their name: "Trefina KERRAIN expose" takes no role from "Monsieur le
 * Maire présente" further down. A role counts when the rule that read it read the chosen rapporteur in the
 * same match ("Rapporteur M. Gaudin" and "cède la parole à monsieur Sylvain Gaudin, Président de …").
 */
function chooseRapporteurRole(candidates: Candidate[], chosen: Map<string, Candidate>): void {
  const name = chosen.get("rapporteur.name");
  const role = name === undefined ? undefined : candidates.find((c) => {
    if (c.path !== "rapporteur.role") return false;
    const with_ = candidates.find((n) => n.path === "rapporteur.name" && n.ruleId === c.ruleId && Math.abs(n.start - c.start) <= SAME_READING_SPAN);
    return with_ !== undefined && samePerson(String(with_.value), String(name.value));
  });
  if (role === undefined) chosen.delete("rapporteur.role");
  else chosen.set("rapporteur.role", role);
}

/**
 * Arrivals and departures printed between the first deliberation and this one's decision (or its heading,
 * when it holds none): those under its own heading happened before its vote. Movements in the sitting
 * header are left out: the header's lists and counts already describe the sitting at its opening.
 */
function movementsBefore(format: Format, view: TextView, segments: Segments, cutoff: number): Movement[] {
  const first = segments.deliberations[0];
  if (first === undefined || format.movements.length === 0 || cutoff <= first.body.start) return [];
  return movementReadings(format, view, { start: first.body.start, end: cutoff });
}

/** "CONSEIL MUNICIPAL", "Conseil Municipal" → "Conseil municipal", as the vocabulary writes the body. */
function canonicalBody(printed: string | null, bodies: readonly string[]): string | null {
  if (printed === null) return null;
  return bodies.find((b) => foldForMatch(b) === foldForMatch(printed)) ?? printed;
}

/** Counts the document prints ("Présents : 8", "en exercice : 123"), to be preferred over counting lists. */
function printedCounts(chosen: Map<string, Candidate>): PrintedCounts {
  const out: PrintedCounts = {};
  const inOffice = chosen.get("attendance.counts.inOffice") ?? chosen.get("sitting.membersInOffice");
  if (inOffice !== undefined) out.inOffice = inOffice;
  for (const key of ["present", "remote", "absent", "proxies", "voters"] as const) {
    const c = chosen.get(`attendance.counts.${key}`);
    if (c !== undefined) out[key] = c;
  }
  return out;
}

function amountsOf(format: Format, view: TextView, body: Range, trail: Trail): Amount[] {
  return distinctAmounts(findAmounts(format.amount, view.text, body)).map((a, i) => {
    const text = foldText(view.text.slice(a.range.start, a.range.end));
    trail.fromView(`amounts.${i}.value`, a.range, AMOUNT_CONFIDENCE);
    trail.fromView(`amounts.${i}.text`, a.range, AMOUNT_CONFIDENCE);
    if (a.labelRange !== null) trail.fromView(`amounts.${i}.label`, a.labelRange, AMOUNT_CONFIDENCE);
    return { value: a.value, currency: a.currency, label: a.label, text };
  });
}

function signatoryOf(format: Format, view: TextView, body: Range, trail: Trail): DelibRecord["signatory"] {
  const slice = sliceOf(view.text, body.start, body.end);
  for (const { regex } of format.signatureStart) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    const m = regex.exec(slice);
    if (m === null) continue;
    const found = readSignatory(view.text, body.start + m.index, body.end, format.vocabulary);
    if (found === null) continue;
    trail.fromView("signatory.name", found.nameRange, SIGNATORY_CONFIDENCE);
    if (found.roleRange !== null) trail.fromView("signatory.role", found.roleRange, SIGNATORY_CONFIDENCE);
    return { name: found.name, role: found.role };
  }
  return null;
}

/** The president's name closing the minutes, alone on its line, is their signature (role not printed). */
function presidentSigns(view: TextView, president: Candidate | undefined, trail: Trail): DelibRecord["signatory"] {
  if (president === undefined || typeof president.value !== "string") return null;
  const found = closingSignature(view.text, president.value, samePerson);
  if (found === null) return null;
  trail.fromView("signatory.name", found.range, CLOSING_SIGNATURE_CONFIDENCE);
  return { name: found.name, role: null };
}

/** "Le Secrétaire, Le Maire," closing a scan with no name readable under "Le Maire,": the president, under that title. */
function presidentUnderTitle(model: DocumentModel, view: TextView, president: Candidate | undefined, trail: Trail): DelibRecord["signatory"] {
  if (president === undefined || typeof president.value !== "string") return null;
  const title = scannedSignerTitle(model, view.text, (at) => view.source[at] ?? at);
  if (title === null) return null;
  trail.fromSource("signatory.name", president.start, president.end, TITLE_ONLY_SIGNATURE_CONFIDENCE);
  trail.fromView("signatory.role", title.range, TITLE_ONLY_SIGNATURE_CONFIDENCE);
  return { name: president.value, role: title.role };
}

/**
 * The deliberation's attachments as annexes, a copy of another marked `duplicateOf` (src/annexes/dedupe.ts),
 * one `annex.duplicate` issue per cluster of copies. Amounts come from the body only (amountsOf); budget
 * tables read the body and the kept attachments (keptAttachments, annexes/kept.ts).
 */
function annexesOf(model: DocumentModel, view: TextView, delib: DeliberationSegment, trail: Trail): Annex[] {
  const dedup = findDuplicates(attachmentBlocks(model, view, delib.attachments, runningRanges(runningLinesOf(model))));
  const annexes = delib.attachments.map((a, i) => {
    const title = a.title ?? foldText(view.text.slice(a.titleRange.start, a.titleRange.end));
    trail.fromView(`annexes.${i}.title`, a.titleRange, ANNEX_CONFIDENCE);
    const { start } = toSource(view, a.titleRange.start, a.titleRange.end);
    const dup = dedup.blocks[i] ?? { duplicateOf: null, similarity: null };
    return { title, page: pageAt(model, start), duplicateOf: dup.duplicateOf, similarity: dup.similarity };
  });
  const spans = delib.attachments.map((a, i) => {
    const { start, end } = toSource(view, a.range.start, a.range.end);
    return { title: annexes[i]?.title ?? "", place: { page: pageAt(model, start), start, end }, lastPage: pageAt(model, Math.max(start, end - 1)) };
  });
  for (const cluster of dedup.clusters) trail.issues.push(duplicateIssue(cluster, spans));
  return annexes;
}
