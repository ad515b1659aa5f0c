import type { DocumentModel } from "../model/document.js";

/** Word confidences of a document, sorted by offset, for looking up the words under a range. */
interface WordIndex {
  starts: number[];
  ends: number[];
  confidences: number[];
}

const indexes = new WeakMap<DocumentModel, WordIndex>();

function indexOf(model: DocumentModel): WordIndex {
  let index = indexes.get(model);
  if (index === undefined) {
    index = { starts: [], ends: [], confidences: [] };
    for (const page of model.pages) {
      for (const line of page.lines) {
        for (const span of line.spans) {
          if (span.confidence === undefined) continue;
          index.starts.push(span.start);
          index.ends.push(span.end);
          index.confidences.push(span.confidence);
        }
      }
    }
    indexes.set(model, index);
  }
  return index;
}

/**
 * How sure the OCR engine was of the words a value was read from: the lowest confidence of the words
 * overlapping [start, end), or 1 when the text came with no word confidences (a text layer, a text file).
 */
export function ocrConfidence(model: DocumentModel, start: number, end: number): number {
  const { starts, ends, confidences } = indexOf(model);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ends[mid] ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  let lowest = 1;
  for (let i = lo; i < starts.length && (starts[i] ?? Infinity) < Math.max(end, start + 1); i++) lowest = Math.min(lowest, confidences[i] ?? 1);
  return lowest;
}
