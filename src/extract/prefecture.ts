import type { Prefecture } from "../model/record.js";
import type { Format } from "../rules/format.js";
import type { DeliberationSegment, Segments } from "../segment/segments.js";
import type { TextView } from "../text/view.js";
import type { Trail } from "../record/provenance.js";
import { isActNature, sameActNumber } from "../normalize/actes.js";
import type { Candidate } from "./candidate.js";
import { runFieldRule } from "./field-rules.js";
import { citedActLines } from "./cited-acts.js";
import { perDocument, type PerDocument } from "../memo/per-document.js";

/**
 * The prefecture's stamp (rules "stamps" of rules/common/fr.json) as record data. A stamp is a block of
 * readings a few lines long ("Envoyé en préfecture le 12/11/2020" / "Reçu en préfecture le 12/11/2020" /
 * "Affiché le 13/11/2020" / "ID : 025-242500049-20201109-2020_005418-DE"), often printed again on every page.
 */

/** The rule reading the ACTES identifier and its parts. */
const ID_RULE = "stamp.actes-id";
const ID_PATH = "prefecture.id";
/** The date of the act's publicity: printed for convocations and lists of acts too, it makes no stamp alone. */
const PUBLISHED_PATH = "prefecture.publishedAt";

/**
 * Characters between two readings of one stamp, at most: a stamp's lines are short ("Reçu en préfecture le
 * 12/11/2020", 33 characters; FAST's "Date de réception préfecture : 25/10/2021", 42) and follow each other;
 * 200 lets a line of the page run between two of them (a stamp laid beside the letterhead) and keeps
 * "Date d'affichage : 8 mars 2021" of a convocation, a page away from the mayor's mention, out of it.
 */
const STAMP_BLOCK_GAP = 200;

/** One stamp as printed once: its readings in text order. */
interface StampBlock {
  readings: Candidate[];
  /** Where the block starts in the matching view. */
  at: number;
  /** The act number its identifier names, as filed ("2020_005418"), if it has one. */
  actNumber: string | null;
}

const read: PerDocument<Format, StampBlock[]> = new WeakMap();

/** The stamps of a document, read once for all its deliberations. */
function stampsOf(format: Format, view: TextView): StampBlock[] {
  return perDocument(read, view, format, () => findStamps(format, view));
}

function findStamps(format: Format, view: TextView): StampBlock[] {
  const whole = { start: 0, end: view.text.length };
  // "Vu la délibération n° 2020-12 du 3 février 2020 transmise en préfecture le 5 février 2020": a visa cites
  // another act, its dates are not this act's stamp.
  const visas = citedActLines(format.citedActs, view.text, whole, null);
  const readings = format.stamps
    .flatMap((rule) => runFieldRule(rule, view, whole))
    .filter((c) => !visas.some((l) => c.range.start >= l.start && c.range.start < l.end))
    .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const blocks: Candidate[][] = [];
  let last: Candidate | undefined;
  for (const c of readings) {
    const current = blocks.at(-1);
    const apart = last === undefined || c.range.start - last.range.end > STAMP_BLOCK_GAP || view.text.slice(last.range.end, c.range.start).includes("\f");
    if (current === undefined || apart) blocks.push([c]);
    else current.push(c);
    if (last === undefined || c.range.end > last.range.end) last = c;
  }
  return blocks
    .filter((b) => b.some((c) => c.path !== PUBLISHED_PATH))
    .map((b) => ({ readings: b, at: b[0]?.range.start ?? 0, actNumber: stringAt(b, "prefecture.actNumber") }));
}

function stringAt(readings: readonly Candidate[], path: string): string | null {
  const c = readings.find((r) => r.path === path);
  return c === undefined ? null : String(c.value);
}

/**
 * The stamps that belong to one deliberation. A document holding one deliberation: every stamp it prints.
 * Several: the stamp whose identifier names a deliberation's number printed on its heading line belongs to it
 * (a register of extracts prints each extract's stamp at the top of its first page, before its heading, that is
 * inside the previous deliberation's text); else the stamp printed within the deliberation's range, and one
 * printed before the first deliberation belongs to the first.
 */
function stampsOfDeliberation(blocks: readonly StampBlock[], view: TextView, segments: Segments, delib: DeliberationSegment): StampBlock[] {
  const all = segments.deliberations;
  if (all.length <= 1) return [...blocks];
  const headings = all.map((d) => headingLine(view, d));
  const owner = (b: StampBlock): DeliberationSegment | undefined => {
    const filed = b.actNumber;
    const named = filed === null ? -1 : headings.findIndex((h) => sameActNumber(filed, h, { within: true }));
    if (named >= 0) return all[named];
    return all.find((d) => b.at >= d.range.start && b.at < d.range.end) ?? (b.at < (all[0]?.range.start ?? 0) ? all[0] : undefined);
  };
  return blocks.filter((b) => owner(b) === delib);
}

function headingLine(view: TextView, delib: DeliberationSegment): string {
  const start = delib.item?.heading.start ?? delib.body.start;
  const nl = view.text.indexOf("\n", start);
  return view.text.slice(start, nl === -1 ? view.text.length : nl);
}

/**
 * The deliberation's stamp, or null when none is printed for it. Read once: copies agreeing are one stamp; a
 * copy disagreeing keeps the first and is a `field.conflict` warning naming both places (once per identifier,
 * not once per part of it).
 */
export function readPrefecture(format: Format, view: TextView, segments: Segments, delib: DeliberationSegment, trail: Trail): Prefecture | null {
  const readings = stampsOfDeliberation(stampsOf(format, view), view, segments, delib).flatMap((b) => b.readings);
  if (readings.length === 0) return null;
  const chosen = new Map<string, Candidate>();
  const keep = (c: Candidate): void => {
    const first = chosen.get(c.path);
    if (first === undefined) chosen.set(c.path, c);
    else if (first.value !== c.value) conflict(trail, first, c);
  };
  const ids = readings.filter((c) => c.path === ID_PATH);
  const id = ids[0];
  for (const other of ids) keep(other);
  // The identifier's parts are those of the identifier kept.
  if (id !== undefined) for (const c of readings) if (c.ruleId === ID_RULE && c.path !== ID_PATH && c.start >= id.start && c.end <= id.end) chosen.set(c.path, c);
  for (const c of readings) if (c.ruleId !== ID_RULE) keep(c);
  const get = (path: string): string | null => {
    const c = chosen.get(path);
    if (c === undefined) return null;
    trail.fromSource(path, c.start, c.end, c.confidence);
    return String(c.value);
  };
  const nature = get("prefecture.nature");
  return {
    id: get(ID_PATH),
    department: get("prefecture.department"),
    siren: get("prefecture.siren"),
    actDate: get("prefecture.actDate"),
    actNumber: get("prefecture.actNumber"),
    nature: isActNature(nature) ? nature : null,
    sentAt: get("prefecture.sentAt"),
    receivedAt: get("prefecture.receivedAt"),
    publishedAt: get(PUBLISHED_PATH),
    executoryAt: get("prefecture.executoryAt"),
  };
}

function conflict(trail: Trail, first: Candidate, other: Candidate): void {
  const a = trail.sourcePlace(first.start, first.end);
  const b = trail.sourcePlace(other.start, other.end);
  trail.issue(
    "warning",
    "field.conflict",
    `Expected one value for ${first.path} (the stamp printed again), got ${JSON.stringify(first.value)} (${trail.where(a)}) and ${JSON.stringify(other.value)} (${trail.where(b)}): kept the first`,
    b,
  );
}
