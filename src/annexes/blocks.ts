/** A deliberation's attachments as blocks to compare: their view text, running lines blanked, and their OCR confidence. */
import type { DocumentModel } from "../model/document.js";
import type { Range } from "../extract/candidate.js";
import type { Attachment } from "../segment/segments.js";
import { toSource, type TextView } from "../text/view.js";
import type { Block } from "./dedupe.js";

/**
 * The view text of [range], every character printed in a running line (assembled-text ranges `running`,
 * sorted) turned to a space: "Putanges-Le-Lac, séance du 3 novembre 2017" heading every page must not make
 * two annexes alike, nor its absence (a copy laid out on other pages) make a copy unlike its original.
 */
export function blankedText(view: TextView, range: Range, running: readonly Range[]): string {
  if (range.end <= range.start) return "";
  // Stretches of kept characters are copied as slices.
  const parts: string[] = [];
  let keptFrom = range.start;
  let r = 0;
  for (let i = range.start; i < range.end; i++) {
    const at = view.source[i] ?? 0;
    while (r < running.length && (running[r] as Range).end <= at) r++;
    const line = running[r];
    if (line === undefined || line.start > at) continue;
    parts.push(view.text.slice(keptFrom, i), " ");
    keptFrom = i + 1;
  }
  parts.push(view.text.slice(keptFrom, range.end));
  return parts.join("");
}

/** Mean confidence of the OCR words in [start, end) of the assembled text, or null when none has one. */
export function meanOcrConfidence(model: DocumentModel, start: number, end: number): number | null {
  let sum = 0;
  let n = 0;
  for (const page of model.pages) {
    if (page.end <= start || page.start >= end) continue;
    for (const line of page.lines) {
      if (line.end <= start || line.start >= end) continue;
      for (const span of line.spans) {
        if (span.confidence === undefined || span.start < start || span.end > end) continue;
        sum += span.confidence;
        n++;
      }
    }
  }
  return n === 0 ? null : sum / n;
}

export function attachmentBlocks(model: DocumentModel, view: TextView, attachments: readonly Attachment[], running: readonly Range[]): Block[] {
  return attachments.map((a) => {
    const { start, end } = toSource(view, a.range.start, a.range.end);
    return { text: blankedText(view, a.range, running), confidence: meanOcrConfidence(model, start, end) };
  });
}
