import type { Line, Page, Span } from "../model/document.js";
import type { Loaded } from "./loaded.js";
import { LoadError } from "./load-error.js";

const PAGE_BREAK = "\f";

/** Text already OCR'd (.txt, .md): "\f" separates pages; offsets index the file's text as decoded. */
export function loadText(bytes: Uint8Array, path: string): Loaded {
  if (bytes.length === 0) throw new LoadError(path, "Expected text, got an empty file");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new LoadError(path, "Expected UTF-8 text, got invalid byte sequences");
  }
  if (text.includes("\u0000")) throw new LoadError(path, "Expected text, got binary data (NUL bytes)");
  if (text.trim() === "") throw new LoadError(path, "Expected text, got only white space");
  const pages: Page[] = [];
  let pageStart = 0;
  for (const pageText of text.split(PAGE_BREAK)) {
    pages.push({ number: pages.length + 1, start: pageStart, end: pageStart + pageText.length, lines: linesOf(pageText, pageStart), columns: 1 });
    pageStart += pageText.length + PAGE_BREAK.length;
  }
  return { model: { kind: "text", text, pages }, issues: [] };
}

function linesOf(pageText: string, offset: number): Line[] {
  const lines: Line[] = [];
  let lineStart = 0;
  for (const lineText of pageText.split("\n")) {
    const start = offset + lineStart;
    const spans: Span[] = [];
    for (const w of lineText.matchAll(/\S+/gu)) spans.push({ start: start + w.index, end: start + w.index + w[0].length });
    if (spans.length > 0) lines.push({ start, end: start + lineText.length, spans });
    lineStart += lineText.length + 1;
  }
  return lines;
}
