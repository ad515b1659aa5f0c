import type { Line, Page, Span } from "../model/document.js";
import type { Issue } from "../model/issue.js";
import type { Loaded } from "./loaded.js";
import { LoadError } from "./load-error.js";

const PAGE_BREAK = "\f";
/** Bytes Windows-1252 leaves undefined, and NUL. */
const CP1252_UNDEFINED: ReadonlySet<number> = new Set([0x00, 0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Text already OCR'd (.txt, .md): "\f" separates pages; offsets index the file's text as decoded. */
export function loadText(bytes: Uint8Array, path: string): Loaded {
  if (bytes.length === 0) throw new LoadError(path, "Expected text, got an empty file");
  const issues: Issue[] = [];
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Older word processors wrote Windows-1252 ("Séance" as 0x53 0xE9…). Bytes that code page leaves
    // undefined, or NULs, mean the file is no text in it either.
    if (bytes.some((b) => CP1252_UNDEFINED.has(b))) throw new LoadError(path, "Expected UTF-8 or Windows-1252 text, got invalid byte sequences");
    text = decodeWindows1252(bytes);
    issues.push({ severity: "warning", ruleId: "text.encoding-fallback", message: `Expected UTF-8 text, got invalid UTF-8 bytes: read as Windows-1252`, place: null });
  }
  if (text.includes("\u0000")) throw new LoadError(path, "Expected text, got binary data (NUL bytes)");
  if (text.trim() === "") throw new LoadError(path, "Expected text, got only white space");
  const pages: Page[] = [];
  let pageStart = 0;
  for (const pageText of text.split(PAGE_BREAK)) {
    pages.push({ number: pages.length + 1, start: pageStart, end: pageStart + pageText.length, lines: linesOf(pageText, pageStart), columns: 1 });
    pageStart += pageText.length + PAGE_BREAK.length;
  }
  return { model: { kind: "text", text, pages }, issues };
}

/**
 * What `\s` matches (ECMAScript's WhiteSpace and LineTerminator), by UTF-16 code unit: none of them is a
 * surrogate, so a scan by code unit finds the words `/\S+/gu` finds.
 */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * A page's lines and their words (runs of non-space), by one scan of the code units: matchAll's match
 * object per word was a fifth of all the memory a text document allocates (benchmark text set).
 */
function linesOf(pageText: string, offset: number): Line[] {
  const lines: Line[] = [];
  let lineStart = 0;
  while (lineStart <= pageText.length) {
    let lineEnd = pageText.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = pageText.length;
    const spans: Span[] = [];
    let word = -1;
    for (let i = lineStart; i <= lineEnd; i++) {
      const space = i === lineEnd || isSpace(pageText.charCodeAt(i));
      if (space && word >= 0) {
        spans.push({ start: offset + word, end: offset + i });
        word = -1;
      } else if (!space && word < 0) word = i;
    }
    if (spans.length > 0) lines.push({ start: offset + lineStart, end: offset + lineEnd, spans });
    lineStart = lineEnd + 1;
  }
  return lines;
}

/** Windows-1252's 0x80–0x9F (Node's TextDecoder reads that label as Latin-1 and gets them wrong). */
const CP1252_HIGH = ["\u20ac","","\u201a","\u0192","\u201e","\u2026","\u2020","\u2021","\u02c6","\u2030","\u0160","\u2039","\u0152","","\u017d","","","\u2018","\u2019","\u201c","\u201d","\u2022","\u2013","\u2014","\u02dc","\u2122","\u0161","\u203a","\u0153","","\u017e","\u0178"];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] ?? "") : String.fromCharCode(b);
  return out;
}
