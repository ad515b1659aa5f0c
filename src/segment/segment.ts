import { matchesOf } from "../text/matches.js";
import { sliceOf } from "../text/slice.js";
import type { Range } from "../extract/candidate.js";
import type { Compiled, Format } from "../rules/format.js";
import type { BoundaryRule } from "../rules/types.js";
import type { TextView } from "../text/view.js";
import type { Attachment, DeliberationSegment, Section, Segments } from "./segments.js";
import { hasDecision } from "./decision.js";
import { cutShort, type CutShort } from "./truncation.js";
import { subItemsOf } from "./sub-items.js";
import { mayMatch } from "../rules/prefilter.js";

interface Hit {
  start: number;
  end: number;
  ruleId: string;
}

function hits(rules: Compiled<{ id: string }>[], text: string, range: Range): Hit[] {
  const slice = sliceOf(text, range.start, range.end);
  const out: Hit[] = [];
  for (const { rule, regex } of rules) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    for (const m of matchesOf(regex, slice)) out.push({ start: range.start + m.index, end: range.start + m.index + m[0].length, ruleId: rule.id });
  }
  // Earliest first; at one place, the longest match (the most specific heading) wins.
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out.filter((h, i) => i === 0 || h.start !== out[i - 1]?.start);
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl === -1 ? text.length : nl;
}

function attachmentsOf(rules: Compiled<BoundaryRule>[], text: string, range: Range): Attachment[] {
  const starts = hits(rules, text, range);
  const titles = new Map(rules.map((r) => [r.rule.id, r.rule.title ?? null]));
  return starts.map((h, i) => ({
    range: { start: h.start, end: starts[i + 1]?.start ?? range.end },
    titleRange: { start: h.start, end: lineEnd(text, h.start) },
    title: titles.get(h.ruleId) ?? null,
    ruleId: h.ruleId,
  }));
}

/**
 * Numbered headings this close together (characters from one heading's end to the next one's start) are
 * a listing — an agenda before the items or a recapitulation after them — not items with a body.
 */
const LISTING_GAP = 200;

/**
 * An agenda or a recapitulation lists the items ("1. Travaux …", "2. Adhésion …") that the minutes treat
 * under the same numbers: a listed heading whose number heads an item elsewhere is dropped. One whose
 * number appears nowhere else stays (the minutes may go straight from the agenda to the first item).
 */
function itemsNotListings(starts: Hit[], text: string, decided: (range: Range) => boolean): Hit[] {
  // "3.", "IV –", "Rapport n° 5.01": the item's number; a heading without one is never a listed duplicate.
  const numberOf = (h: Hit): string => /(?:^\s*|n[°o]\s*)(\d+(?:\.\d+)*|[IVX]+)/u.exec(text.slice(h.start, h.end))?.[1] ?? "";
  const listed = starts.map((h, i) => {
    const next = starts[i + 1];
    const prev = starts[i - 1];
    const gapAfter = next === undefined ? Infinity : next.start - text.indexOf("\n", h.end);
    const gapBefore = prev === undefined ? Infinity : h.start - text.indexOf("\n", prev.end);
    // An item whose short body holds its decision ("1. APPROBATION COMPTE RENDU PRECEDENT\nPas de remarque.
    // Adopté à l'unanimité.", Saint-Restitut) is an item, however close the next heading.
    if (decided({ start: h.start, end: next?.start ?? text.length })) return false;
    return Math.min(gapAfter, gapBefore) < LISTING_GAP;
  });
  const elsewhere = new Set(starts.filter((_, i) => !listed[i]).map(numberOf));
  return starts.filter((h, i) => !listed[i] || numberOf(h) === "" || !elsewhere.has(numberOf(h)));
}

/** A numbering needs this many headings in one style before headings of other styles are set aside. */
const MIN_NUMBERING = 3;
/** Item numbers may skip this many (an item withdrawn, a heading the text lost), not more. */
const MAX_ITEM_GAP = 3;

const ROMAN: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10 };

function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i] ?? ""] ?? 0;
    const next = ROMAN[s[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** "5." → {style "1.", value 5}; "II –" → {style "I-", value 2}; "16 - Emprunts" → {style "1-", value 16}. */
function numbering(text: string, h: Hit): { style: string; value: number } | null {
  // "2 DECISION …": a heading in capitals whose dot the OCR lost counts in the "1." style.
  const m = /^\s*(?:(\d{1,2})|([IVX]{1,5}))\s*(°?\)|[./]|[-–]|(?=\p{Lu}{2}))/u.exec(text.slice(h.start, h.end));
  if (m === null) return null;
  const mark = (m[3] === "" ? "." : (m[3] ?? "")).replace("–", "-").replace("°", "");
  return m[1] !== undefined ? { style: `1${mark}`, value: Number(m[1]) } : { style: `I${mark}`, value: romanValue(m[2] ?? "") };
}

/**
 * Items are numbered in one style and in order ("1." … "24."): headings of another style inside them
 * ("I – Fonctionnement", "65 - Autres charges" in a budget table) and numbers going back (a list
 * "1. … 2. …" inside an item's text) are no items. The style kept is the one whose in-order run is the
 * longest, when that run holds at least MIN_NUMBERING headings.
 * A number repeated by the next heading is an item too when each of the two holds a decision: a markdown
 * conversion restarts its numbered list ("# 1. Exercice des pouvoirs délégués …" then "# 1. Rapport
 * d’activités 2020", the PDF's item 2, Roannais 2021-10-28).
 */
function inOneNumbering(starts: Hit[], text: string, decided: (range: Range) => boolean): Hit[] {
  const rangeOf = (h: Hit): Range => ({ start: h.start, end: starts[starts.indexOf(h) + 1]?.start ?? text.length });
  const follows = (a: Hit, av: number, b: Hit, bv: number): boolean => {
    if (bv - av > MAX_ITEM_GAP) return false;
    return bv > av || (bv === av && decided({ start: a.start, end: b.start }) && decided(rangeOf(b)));
  };
  const styled = starts.map((h) => ({ h, n: numbering(text, h) }));
  const run = (style: string): Hit[] => {
    const kept: Hit[] = [];
    let last: { h: Hit; value: number } | null = null;
    for (const { h, n } of styled) {
      if (n === null) {
        kept.push(h); // an "OBJET :" heading has no number to check
        continue;
      }
      if (n.style !== style) continue;
      if (last !== null && !follows(last.h, last.value, h, n.value)) continue;
      kept.push(h);
      last = { h, value: n.value };
    }
    return kept;
  };
  // The longest in-order chain of one style, when it is longer than the greedy run: a listed heading left
  // before the items ("4. DECISIONS …" of an agenda whose other lines the items repeat) must not stop them.
  const chain = (style: string): Hit[] => {
    const numbered = styled.flatMap(({ h, n }, i) => (n !== null && n.style === style ? [{ h, value: n.value, i }] : []));
    const length: number[] = [];
    const from: number[] = [];
    numbered.forEach((b, k) => {
      length[k] = 1;
      from[k] = -1;
      for (let j = 0; j < k; j++) {
        const a = numbered[j];
        if (a === undefined || !follows(a.h, a.value, b.h, b.value)) continue;
        if ((length[j] ?? 0) + 1 > (length[k] ?? 0)) {
          length[k] = (length[j] ?? 0) + 1;
          from[k] = j;
        }
      }
    });
    let end = -1;
    numbered.forEach((_, k) => {
      if (end === -1 || (length[k] ?? 0) > (length[end] ?? 0)) end = k;
    });
    const keep = new Set<Hit>();
    for (let k = end; k !== -1; k = from[k] ?? -1) {
      const hit = numbered[k]?.h;
      if (hit !== undefined) keep.add(hit);
    }
    return styled.filter(({ h, n }) => n === null || keep.has(h)).map(({ h }) => h);
  };
  let best: Hit[] | undefined;
  for (const style of new Set(styled.flatMap(({ n }) => (n === null ? [] : [n.style])))) {
    const greedy = run(style);
    const longest = chain(style);
    const kept = longest.length > greedy.length ? longest : greedy;
    if (best === undefined || kept.length > best.length) best = kept;
  }
  const numbered = best?.filter((h) => numbering(text, h) !== null).length ?? 0;
  return best === undefined || numbered < MIN_NUMBERING ? starts : best;
}

/**
 * Deliberation ranges: from each strong start to the next, when the document has strong starts;
 * else each weak start's segment (up to the next weak start) that holds a decision. In a text cut short
 * (its last page mark short of the total) the last item is kept without one: its decision was cut off.
 */
function deliberationRanges(format: Format, text: string, whole: Range, cut: CutShort | null): Range[] {
  const decided = (r: Range): boolean => hasDecision(format, text, r);
  const strong = hits(format.deliberationStart.filter((r) => r.rule.strength !== "weak"), text, whole);
  const starts = strong.length > 0 ? strong : inOneNumbering(itemsNotListings(hits(format.deliberationStart.filter((r) => r.rule.strength === "weak"), text, whole), text, decided), text, decided);
  const checked = new Set(format.deliberationStart.filter((r) => r.rule.needsDecision === true).map((r) => r.rule.id));
  return starts
    .map((h, i) => ({ start: h.start, end: starts[i + 1]?.start ?? whole.end, ruleId: h.ruleId }))
    .filter((r, i, all) => !checked.has(r.ruleId) || hasDecision(format, text, r) || (cut !== null && i === all.length - 1))
    .map(({ start, end }) => ({ start, end }));
}

/** Five lowercase words in a row make a line prose ("informe le Conseil municipal du retrait de l'ordre du jour"). */
const PROSE = /(?:^|\s)(?:\p{Ll}[\p{Ll}'’-]*\s+){4}\p{Ll}/u;

/**
 * A list runs from its heading to the next heading, but stops before the first line of prose after it:
 * "Absents : M. X, Mme Y\nMonsieur le Maire informe le Conseil…" is no list of members.
 * The phrases lists use ("représenté par son suppléant", "donne pouvoir à") are not prose.
 */
function listOnly(text: string, body: Range, format: Format): Range {
  const phrases = [...format.vocabulary.substituteMarkers, ...format.vocabulary.proxyMarkers, ...format.vocabulary.proxyJoiners];
  let at = text.indexOf("\n", body.start);
  if (at === -1 || at >= body.end) return body;
  let seen = text.slice(body.start, at).trim() !== "";
  while (at < body.end) {
    const next = text.indexOf("\n", at + 1);
    const lineEnd = next === -1 || next > body.end ? body.end : next;
    // "(arrivé en cours de séance)": remarks in parentheses are no prose either.
    let line = text.slice(at + 1, lineEnd).replace(/\([^)]*\)/gu, " ");
    // Only where it is printed: splitting every line at every phrase was 1.4 % of a text document's time.
    for (const p of phrases) if (line.includes(p)) line = line.split(p).join(" ");
    if (seen && PROSE.test(line)) return { start: body.start, end: at };
    if (line.trim() !== "") seen = true;
    at = lineEnd;
  }
  return body;
}

/** An item is cut into its votes only when it holds at least two headed ones. */
const MIN_SUB_DECISIONS = 2;

interface SubDecision {
  start: number;
  /** Up to the next sub-heading (or the body's end). */
  end: number;
  title: Range;
  underItem: boolean;
}

/**
 * The headed votes inside an item's body, each up to the next sub-heading; a sub-heading whose part holds
 * no decision is none ("SVP (…)" whose adhesion "a donc été reporté", Couthenans 29 January 2021), and
 * the vote before it still ends there.
 */
function subDecisionsOf(format: Format, text: string, body: Range): SubDecision[] {
  const slice = sliceOf(text, body.start, body.end);
  const found: Array<Omit<SubDecision, "end">> = [];
  for (const { rule, regex } of format.subDecisions) {
    regex.lastIndex = 0;
    if (!mayMatch(regex, slice)) continue;
    for (const m of matchesOf(regex, slice)) {
      const t = m.indices?.groups?.["title"];
      if (t !== undefined) found.push({ start: body.start + m.index, title: { start: body.start + t[0], end: body.start + t[1] }, underItem: rule.underItem === true });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.map((v, i) => ({ ...v, end: found[i + 1]?.start ?? body.end })).filter((v) => hasDecision(format, text, v));
}

/** The range of the group "names" of a section heading whose rule has one, else null. */
function namesBefore(format: Format, h: Hit, text: string): Range | null {
  const rule = format.sections.find((r) => r.rule.id === h.ruleId);
  if (rule === undefined || !rule.rule.pattern.includes("(?<names>")) return null;
  rule.regex.lastIndex = h.start;
  const m = rule.regex.exec(text);
  rule.regex.lastIndex = 0;
  const at = m?.index === h.start ? m.indices?.groups?.["names"] : undefined;
  return at === undefined ? null : { start: at[0], end: at[1] };
}

/** Sitting header, then deliberations (each cut into body and attachments), by the format's boundary rules. */
export function segment(view: TextView, format: Format): Segments {
  const text = view.text;
  const whole = { start: 0, end: text.length };
  const cut = cutShort(format.pageMarks, text);
  const ranges = deliberationRanges(format, text, whole, cut);
  // An extract may print its number before the sitting ("Délibération n° CP2022-086" then attendance): with
  // one deliberation and no section heading above it, the sitting is read up to that deliberation's end.
  let header = { start: 0, end: ranges[0]?.start ?? text.length };
  const only = ranges.length === 1 ? ranges[0] : undefined;
  if (only !== undefined && hits(format.sections, text, header).length === 0) header = { start: 0, end: only.end };
  const headings = hits(format.sections, text, header);
  const kindOf = new Map(format.sections.map((s) => [s.rule.id, s.rule.kind]));
  const sections: Section[] = headings.map((h, i) => {
    const kind = kindOf.get(h.ruleId) ?? "other";
    // "Maryline : absente non excusée": the names come before the words that say what they were.
    const named = namesBefore(format, h, text);
    if (named !== null) return { kind, ruleId: h.ruleId, heading: { start: h.start, end: h.end }, body: named };
    const body = { start: h.end, end: headings[i + 1]?.start ?? header.end };
    return { kind, ruleId: h.ruleId, heading: { start: h.start, end: h.end }, body: kind === "other" ? body : listOnly(text, body, format) };
  });
  const deliberations: DeliberationSegment[] = ranges.flatMap((range) => {
    const attachments = attachmentsOf(format.attachmentStart, text, range);
    const body = { start: range.start, end: attachments[0]?.range.start ?? range.end };
    const lettered = subItemsOf(format, text, body);
    if (lettered.length > 0) {
      const heading = { start: range.start, end: lineEnd(text, range.start) };
      return lettered.map((s, i): DeliberationSegment => {
        const last = i === lettered.length - 1;
        return { range: last ? { start: s.range.start, end: range.end } : s.range, body: s.range, attachments: last ? attachments : [], item: { heading, title: s.title, label: s.label } };
      });
    }
    const votes = subDecisionsOf(format, text, body);
    if (votes.length < MIN_SUB_DECISIONS) return [{ range, body, attachments }];
    const heading = { start: range.start, end: lineEnd(text, range.start) };
    return votes.map((v, i): DeliberationSegment => {
      const sub = { start: v.start, end: v.end };
      const item = v.underItem ? { heading, title: v.title, underItem: true } : { heading, title: v.title };
      return { range: i === votes.length - 1 ? { start: v.start, end: range.end } : sub, body: sub, attachments: i === votes.length - 1 ? attachments : [], item };
    });
  });
  return cut === null ? { header, sections, deliberations } : { header, sections, deliberations, cutShort: cut };
}
