import { matchesOf } from "../text/matches.js";
import type { FullVocabulary } from "../rules/compile.js";
import { isGivenName, isInitials, isSurnameWord } from "../names/tokens.js";
import type { Range } from "./candidate.js";

export interface FoundSignatory {
  name: string;
  nameRange: Range;
  role: string | null;
  roleRange: Range | null;
}

/** A signer's title fits on a short line ("Président du Conseil départemental"). */
const MAX_ROLE_LENGTH = 60;

/** How many lines after "Pour extrait conforme" the signer's name may come: a role line or two, a blank. */
const MAX_LINES_TO_NAME = 6;

/** Signatures typed side by side are separated by a wide run of spaces. */
const SIDE_BY_SIDE = /(?:[ \t]{3,}|\t)(?=\S)/u;
/** SIDE_BY_SIDE for every gap of a line, made once: matchesOf leaves its lastIndex as it found it. */
const EVERY_SIDE_BY_SIDE = new RegExp(SIDE_BY_SIDE.source, "gu");

interface TextLine {
  text: string;
  start: number;
}

function linesFrom(text: string, from: number, end: number, max: number, column = 0): TextLine[] {
  const out: TextLine[] = [];
  let at = from;
  while (at < end && out.length < max) {
    const nl = text.indexOf("\n", at);
    const stop = nl === -1 || nl > end ? end : nl;
    // "Le Président,          Le Secrétaire," / "H. CART-LAMY          GIRARDET": typed signatures side by side;
    // the first column is the first signer, unless the opener chose another (see signerColumn).
    const whole = text.slice(at, stop);
    const lead = whole.length - whole.trimStart().length;
    const cells: TextLine[] = [];
    let cellStart = 0;
    const body = whole.trimStart();
    for (const m of matchesOf(EVERY_SIDE_BY_SIDE, body)) {
      cells.push({ text: body.slice(cellStart, m.index), start: at + lead + cellStart });
      cellStart = m.index + m[0].length;
    }
    cells.push({ text: body.slice(cellStart), start: at + lead + cellStart });
    const cell = cells[Math.min(column, cells.length - 1)];
    // "Yves ARMAND (": a stroke of the signature read as a bracket after the name.
    const trimmed = (cell?.text.trim() ?? "").replace(/\s+[({[|/]+$/u, "");
    if (cell !== undefined && trimmed !== "") out.push({ text: trimmed, start: cell.start + (cell.text.length - cell.text.trimStart().length) });
    at = stop + 1;
  }
  return out;
}

/** The mayor's or president's title, opening a signature column ("Le Maire :", "La Présidente,"). */
// "Le Maire : (": a stroke of the signature read as a bracket after the title.
const SIGNER_TITLE = /^(?:Le|La)\s+(?:Maire|Président|Présidente)\s*[:,]?\s*[({[|/]*\s*$/iu;

/**
 * "Le Secrétaire de séance :\tLe Maire :" / "S.MEARY\tYves ARMAND" (Saint-Restitut): signatures side by side
 * whose first column is the secretary's; the signer of the minutes is the one under the mayor's title.
 */
function signerColumn(text: string, lineStart: number): number {
  const nl = text.indexOf("\n", lineStart);
  const line = text.slice(lineStart, nl === -1 ? text.length : nl).trim();
  const cells = line.split(SIDE_BY_SIDE).map((c) => c.trim());
  if (cells.length < 2) return 0;
  const k = cells.findIndex((c) => SIGNER_TITLE.test(c));
  return k === -1 ? 0 : k;
}

export function isPersonLine(line: string): boolean {
  const words = line.replace(/,$/u, "").split(/\s+/u);
  const last = words.at(-1);
  return words.length >= 2 && last !== undefined && isSurnameWord(last) && words.slice(0, -1).every((w) => isGivenName(w) || isInitials(w) || isSurnameWord(w));
}

/** Each role word as a regex, made once per vocabulary list (they live as long as the process; no "g": no state). */
const roleRegexLists = new WeakMap<readonly string[], readonly RegExp[]>();

function roleRegexes(roleWords: readonly string[]): readonly RegExp[] {
  let list = roleRegexLists.get(roleWords);
  if (list === undefined) {
    list = roleWords.map((w) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, "iu"));
    roleRegexLists.set(roleWords, list);
  }
  return list;
}

/**
 * The signer after "Pour extrait conforme": "Le Vice-Président suppléant, / Gabriel BAULIEU / 1er Vice-Président".
 * The role is the line after the name when it names a role, else the role line before the name
 * (the opener's line included: "Le Maire, / Jean-François BLOUIN").
 */
export function readSignatory(text: string, openerStart: number, end: number, vocabulary: FullVocabulary): FoundSignatory | null {
  // From the opener's own line: "Le Maire," may be the opener and the role at once.
  const lineStart = text.lastIndexOf("\n", openerStart) + 1;
  const lines = linesFrom(text, lineStart, end, MAX_LINES_TO_NAME + 1, signerColumn(text, lineStart));
  // "le maire" signs as well as "Le Maire,".
  const roles = roleRegexes(vocabulary.roleWords);
  const isRole = (l: string): boolean => roles.some((re) => re.test(l));
  const at = lines.findIndex((l) => isPersonLine(l.text));
  const nameLine = lines[at];
  if (nameLine === undefined) return null;
  // "Madame Florence DEMOUY": the civility is no part of the name.
  const civility = /^(?:Monsieur|Madame|M\.|Mme)\s+/u.exec(nameLine.text)?.[0].length ?? 0;
  const name = nameLine.text.slice(civility).replace(/,$/u, "");
  const nameStart = nameLine.start + civility;
  const after = lines[at + 1];
  const before = lines[at - 1];
  // A title under the name is printed bare ("1er Vice-Président"); "La secrétaire de séance," opens the next signature.
  // A long line naming a role is a sentence or a page footer ("… Conseil Municipal du 27 janvier 2025 – Page 5 / 5").
  const isTitle = (l: TextLine | undefined): l is TextLine => l !== undefined && l.text.length <= MAX_ROLE_LENGTH && isRole(l.text);
  const titleAfter = isTitle(after) && !/^(?:Le|La|L['’])\s/iu.test(after.text);
  const roleLine = titleAfter ? after : isTitle(before) ? before : undefined;
  // "Le Maire," → "Maire"; a long line naming a role is a sentence, not the signer's title.
  const role = roleLine === undefined ? null : roleLine.text.replace(/\s*[,:]$/u, "").replace(/^(?:Le|La|L['’])\s*/iu, "");
  return {
    name,
    nameRange: { start: nameStart, end: nameStart + name.length },
    role,
    roleRange: roleLine === undefined || role === null ? null : { start: roleLine.start + roleLine.text.indexOf(role), end: roleLine.start + roleLine.text.indexOf(role) + role.length },
  };
}

/** A signature without a heading sits among the last lines of the document (before its page footer). */
const CLOSING_LINES = 8;

/**
 * "…mensuel de 543 €. / Guénhaël HUET / 10 / CM – 23.09.2013": minutes that end with the name of the one who
 * presided, alone on its line, are signed by them. The name must be the president's: any other name at the
 * end of a text is no signature.
 */
export function closingSignature(text: string, president: string, same: (a: string, b: string) => boolean): { name: string; range: Range } | null {
  let end = text.length;
  for (let n = 0; n < CLOSING_LINES && end > 0; ) {
    const start = Math.max(text.lastIndexOf("\n", end - 1), text.lastIndexOf("\f", end - 1)) + 1;
    const raw = text.slice(start, end);
    const line = raw.trim();
    if (line !== "") {
      n++;
      if (isPersonLine(line) && same(line, president)) {
        const at = start + raw.indexOf(line);
        return { name: line, range: { start: at, end: at + line.length } };
      }
    }
    end = start - 1;
  }
  return null;
}
