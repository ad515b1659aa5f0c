/**
 * A scan whose signature stroke covers the typed name under the mayor's title: "Le Secrétaire, Le Maire," then
 * "ppe GRANDIN" and nothing under "Le Maire," (Putanges-le-Lac, 3 Feb. 2025: "Sébastien LEROUX" lies under the
 * stroke). Minutes are signed by the one who presided (CGCT L2121-15): when the title the closing block prints
 * is the mayor's or the president's and no name can be read under it, the signer is the sitting's president
 * under that title. Only on pages read by OCR: a text layer that prints no name under the title names nobody.
 */
import { pageAt, type DocumentModel } from "../model/document.js";
import type { Range } from "./candidate.js";

/** The closing block sits among the last lines of the document. */
const CLOSING_LINES = 8;

/** "Le Maire,", "Le Secrétaire, Le Maire,", "La Présidente :": the signer's title ends its line. */
const TITLE_AT_LINE_END = /(?:^|[,:]\s+)(?:Le|La)\s+(?<role>Maire|Présidente?)\s*[:,]?\s*$/u;

export interface SignerTitle {
  role: string;
  range: Range;
}

/** The mayor's or president's title closing the text, when a page read by OCR prints it. */
export function scannedSignerTitle(model: DocumentModel, text: string, toSource: (at: number) => number): SignerTitle | null {
  let end = text.length;
  for (let n = 0; n < CLOSING_LINES && end > 0; ) {
    const start = Math.max(text.lastIndexOf("\n", end - 1), text.lastIndexOf("\f", end - 1)) + 1;
    const line = text.slice(start, end);
    if (line.trim() !== "") {
      n++;
      const m = TITLE_AT_LINE_END.exec(line);
      const role = m?.groups?.["role"];
      if (m !== null && role !== undefined) {
        const at = start + m.index + m[0].indexOf(role);
        return readByOcr(model, toSource(at)) ? { role, range: { start: at, end: at + role.length } } : null;
      }
    }
    end = start - 1;
  }
  return null;
}

function readByOcr(model: DocumentModel, offset: number): boolean {
  if (model.kind === "alto" || model.kind === "hocr") return true;
  const page = pageAt(model, offset);
  return model.pageSources?.some((s) => s.page === page && s.source === "ocr") ?? false;
}
