/**
 * What readers of annexes (budget tables, amounts, anything parsed from attachments) use to read each annex
 * once: a copy carries `duplicateOf`; its text stays in the document but must not be counted again.
 */
import type { Annex } from "../model/record.js";
import type { Attachment } from "../segment/segments.js";

export function isDuplicate(annex: Pick<Annex, "duplicateOf">): boolean {
  return annex.duplicateOf !== null;
}

/** The attachments whose annex is no copy (`annexes` is the record's, index for index with `attachments`). */
export function keptAttachments(attachments: readonly Attachment[], annexes: ReadonlyArray<Pick<Annex, "duplicateOf">>): Attachment[] {
  return attachments.filter((_, i) => annexes[i] === undefined || !isDuplicate(annexes[i]));
}
