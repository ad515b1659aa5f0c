import type { MemberStatus } from "../model/record.js";
import { multiWord } from "../names/multi-word.js";
import type { FullVocabulary } from "../rules/compile.js";
import { foldForMatch } from "../normalize/text.js";
import { phraseLength, tokenize, type Token } from "../names/tokens.js";
import type { Range } from "./candidate.js";
import { readPerson, type ListedMember, type PrintedPerson } from "./members.js";

type ColumnKind = keyof FullVocabulary["tableColumns"];

interface Cell {
  text: string;
  start: number;
}

/** A cell that only ticks a column ("X" under "Ni pouvoir ni suppléant"), or says "none" ("–"). */
const TICK = /^[xX✓✔×–—-]$/u;

/** A member cell holding only a dash: the first line of a row whose name follows. */
const DASH_ROW = /^[-–—]$/u;

/** Whether a row fills any cell beside the member's (a tick or a name). */
function hasFilledCell(cells: Cell[], memberColumn: number): boolean {
  return cells.some((c, k) => k !== memberColumn && c.text !== "");
}

/** From the first of two ranges to the end of the last: a holder carried from a dash row is printed above the member. */
function spanning(a: Range, b: Range): Range {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function cellsOf(text: string, start: number): Cell[] {
  const cells: Cell[] = [];
  let at = start;
  for (const part of text.split("\t")) {
    const lead = part.length - part.trimStart().length;
    cells.push({ text: part.trim(), start: at + lead });
    at += part.length + 1;
  }
  return cells;
}

/** The kind of a heading cell: "Suppléant" → substitute, "Pouvoir donné à…" → proxy. Longest phrase wins. */
function columnKind(cell: string, columns: FullVocabulary["tableColumns"]): ColumnKind | null {
  const folded = foldForMatch(cell);
  let best: { kind: ColumnKind; length: number } | null = null;
  for (const kind of Object.keys(columns) as ColumnKind[]) {
    for (const phrase of columns[kind]) {
      const p = foldForMatch(phrase);
      if (folded.startsWith(p) && (best === null || p.length > best.length)) best = { kind, length: p.length };
    }
  }
  return best?.kind ?? null;
}

function personAt(tokens: Token[], i: number, vocabulary: FullVocabulary): PrintedPerson | null {
  return readPerson(tokens, i, vocabulary.civilities, true)?.person ?? null;
}

function personIn(cell: Cell, vocabulary: FullVocabulary): PrintedPerson | null {
  return personAt(tokenize(cell.text, cell.start), 0, vocabulary);
}

/**
 * What an attendance sheet's status cell says: "Présente", "Absent excusé", "Pouvoir à Mme Brigitte GROSJEAN",
 * "Représenté par la suppléante". Null when the cell says none of these.
 */
function readStatus(cell: Cell, vocabulary: FullVocabulary): { status: MemberStatus; proxyTo: PrintedPerson | null; bySubstitute: boolean } | null {
  const folded = foldForMatch(cell.text);
  const tokens = tokenize(cell.text, cell.start);
  const marker = phraseLength(tokens, 0, multiWord(vocabulary.proxyMarkers));
  if (marker > 0) return { status: "absent", proxyTo: personAt(tokens, marker, vocabulary), bySubstitute: false };
  if (vocabulary.substituteMarkers.some((m) => folded.startsWith(foldForMatch(m))) || /^represente?e? par (?:le|la|son|sa) suppleant/u.test(folded)) {
    return { status: "present", proxyTo: null, bySubstitute: true };
  }
  if (/^presente?s?\b/u.test(folded)) return { status: "present", proxyTo: null, bySubstitute: false };
  if (/^(?:absente?s?|excusee?s?)\b/u.test(folded)) return { status: "absent", proxyTo: null, bySubstitute: false };
  return null;
}

/**
 * An attendance table flattened to lines with tab-separated cells, under a heading row naming what its
 * columns hold:
 * - Roannais: "Absents | Ni pouvoir ni suppléant | Suppléant | Pouvoir donné à…": the first cell is the
 *   member, a filled "Suppléant" cell their substitute, a filled "Pouvoir" cell their proxy's holder; a row
 *   holding only a holder continues the row above (a name printed on two lines); a markdown conversion's
 *   pipes are read as tabs by the matching view (rules/common/ocr-markup.json, markdown.table-*);
 * - an attendance sheet, "Commune | Titulaire | Suppléant | Émargement": the member is in the "Titulaire"
 *   column, their commune in the "Commune" one, and the status cell says present, absent, proxy to whom, or
 *   represented by the substitute (only then does the "Suppléant" cell name a substitute who sat).
 * Null when the range holds no such heading row: the list is then read as running text.
 */
export function readHeadedTable(text: string, body: Range, status: MemberStatus, statusRange: Range, vocabulary: FullVocabulary): { members: ListedMember[]; skipped: Token[] } | null {
  const lines: Cell[] = [];
  let at = body.start;
  for (const line of text.slice(body.start, body.end).split("\n")) {
    lines.push({ text: line, start: at });
    at += line.length + 1;
  }
  const headingAt = lines.findIndex((l) => {
    if (!l.text.includes("\t")) return false;
    const kinds = cellsOf(l.text, l.start).map((c) => columnKind(c.text, vocabulary.tableColumns));
    return kinds.includes("substitute") || kinds.includes("proxy") || kinds.includes("status");
  });
  const heading = lines[headingAt];
  if (heading === undefined) return null;
  const kinds = cellsOf(heading.text, heading.start).map((c) => (c.text === "" ? null : columnKind(c.text, vocabulary.tableColumns)));
  const memberColumn = Math.max(0, kinds.indexOf("member"));
  const statusColumn = kinds.indexOf("status");
  const members: ListedMember[] = [];
  const skipped: Token[] = [];
  let last: ListedMember | null = null;
  let pending: Cell[] | null = null;
  for (const line of lines.slice(headingAt + 1)) {
    // The blank lines a text rendering doubles between rows (example_md_to_text.txt) separate nothing.
    if (line.text.trim() === "") continue;
    let cells = cellsOf(line.text, line.start);
    const first = cells[memberColumn];
    if (first === undefined) continue;
    // "|-| | |Catherine Brun| |" then "|Jean-Marc Detour| | | | |" (Roannais converted to markdown): a dash
    // alone in the member column opens the next member's row; its cells are theirs when their row has none.
    if (DASH_ROW.test(first.text)) {
      pending = cells;
      continue;
    }
    const carried = pending;
    pending = null;
    // "(arrivé en cours de séance)": a remark under a name, not a member.
    if (/^[(\-–]/u.test(first.text)) continue;
    if (carried !== null && first.text !== "" && !hasFilledCell(cells, memberColumn)) {
      cells = carried.map((c, k) => (k === memberColumn ? first : c));
    }
    let member: ListedMember | null = last;
    if (first.text !== "") {
      const person = personIn(first, vocabulary);
      if (person === null) {
        skipped.push(...tokenize(first.text, first.start));
        member = null;
      } else {
        member = { ...person, status, statusRange, commune: null, communeRange: null, substitute: null, proxy: null };
        members.push(member);
      }
      last = member;
    }
    if (member === null) continue;
    const said = statusColumn < 0 ? null : cells[statusColumn] === undefined ? null : readStatus(cells[statusColumn] as Cell, vocabulary);
    cells.forEach((cell, k) => {
      const kind = kinds[k];
      if (k === memberColumn || cell.text === "" || TICK.test(cell.text) || kind === null || kind === undefined) return;
      if (kind === "commune") {
        member.commune = cell.text;
        member.communeRange = { start: cell.start, end: cell.start + cell.text.length };
        return;
      }
      if (kind === "status") {
        if (said === null) return;
        member.status = said.status;
        member.statusRange = { start: cell.start, end: cell.start + cell.text.length };
        if (said.proxyTo !== null) member.proxy = { to: said.proxyTo, range: spanning(member.nameRange, said.proxyTo.nameRange) };
        return;
      }
      // On an attendance sheet the "Suppléant" column names who may sit; they did only when the status says so.
      if (kind === "substitute" && (statusColumn < 0 || said?.bySubstitute === true) && member.substitute === null) member.substitute = personIn(cell, vocabulary);
      if (kind === "proxy" && member.proxy === null) {
        const holder = personIn(cell, vocabulary);
        if (holder !== null) member.proxy = { to: holder, range: spanning(member.nameRange, holder.nameRange) };
      }
    });
  }
  return { members, skipped };
}
