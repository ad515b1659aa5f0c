import type { MemberStatus } from "../model/record.js";
import type { FullVocabulary } from "../rules/compile.js";
import { foldForMatch } from "../normalize/text.js";
import { tokenize, type Token } from "../names/tokens.js";
import type { Range } from "./candidate.js";
import { readPerson, type ListedMember, type PrintedPerson } from "./members.js";

type ColumnKind = "substitute" | "proxy";

interface Cell {
  text: string;
  start: number;
}

/** A cell that only ticks a column ("X" under "Ni pouvoir ni suppléant"). */
const TICK = /^[xX✓✔×]$/u;

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
  for (const kind of ["substitute", "proxy"] as const) {
    for (const phrase of columns[kind]) {
      const p = foldForMatch(phrase);
      if (folded.startsWith(p) && (best === null || p.length > best.length)) best = { kind, length: p.length };
    }
  }
  return best?.kind ?? null;
}

function personIn(cell: Cell, vocabulary: FullVocabulary): PrintedPerson | null {
  const tokens: Token[] = tokenize(cell.text, cell.start);
  return readPerson(tokens, 0, vocabulary.civilities, true)?.person ?? null;
}

/**
 * An attendance table flattened to lines with tab-separated cells, under a heading row naming what its
 * columns hold (Roannais: "Absents | Ni pouvoir ni suppléant | Suppléant | Pouvoir donné à…"): the first
 * cell is the member, a filled "Suppléant" cell their substitute, a filled "Pouvoir" cell their proxy's
 * holder; a row holding only a holder continues the row above (a name printed on two lines). Null when the
 * range holds no such heading row: the list is then read as running text.
 */
export function readHeadedTable(text: string, body: Range, status: MemberStatus, statusRange: Range, vocabulary: FullVocabulary): { members: ListedMember[]; skipped: Token[] } | null {
  const lines: Cell[] = [];
  let at = body.start;
  for (const line of text.slice(body.start, body.end).split("\n")) {
    lines.push({ text: line, start: at });
    at += line.length + 1;
  }
  const headingAt = lines.findIndex((l) => l.text.includes("\t") && cellsOf(l.text, l.start).some((c) => columnKind(c.text, vocabulary.tableColumns) !== null));
  const heading = lines[headingAt];
  if (heading === undefined) return null;
  const kinds = cellsOf(heading.text, heading.start).map((c) => (c.text === "" ? null : columnKind(c.text, vocabulary.tableColumns)));
  const members: ListedMember[] = [];
  const skipped: Token[] = [];
  let last: ListedMember | null = null;
  for (const line of lines.slice(headingAt + 1)) {
    const cells = cellsOf(line.text, line.start);
    const first = cells[0];
    // "(arrivé en cours de séance)", "-": remarks under a name, not members.
    if (first === undefined || /^[(\-–]/u.test(first.text)) continue;
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
    cells.slice(1).forEach((cell, k) => {
      const kind = kinds[k + 1];
      if (cell.text === "" || TICK.test(cell.text) || kind === null || kind === undefined) return;
      const person = personIn(cell, vocabulary);
      if (person === null) return;
      if (kind === "substitute" && member.substitute === null) member.substitute = person;
      if (kind === "proxy" && member.proxy === null) member.proxy = { to: person, range: { start: member.nameRange.start, end: person.nameRange.end } };
    });
  }
  return { members, skipped };
}
