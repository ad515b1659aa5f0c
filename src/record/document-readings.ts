/**
 * Readings every deliberation of a document asks for over the same range (the sitting header, the whole text,
 * the movements from the first deliberation to the end), done once per document: a register of 34
 * deliberations ran each document-wide rule 34 times over its 95 KB. Keyed by the document's view (a WeakMap),
 * so nothing outlives the document. Readings are shared, never changed by their readers.
 */
import type { Candidate, Range } from "../extract/candidate.js";
import { runFieldRule } from "../extract/field-rules.js";
import { findMovements, type Movement } from "../extract/movements.js";
import type { Compiled, Format } from "../rules/format.js";
import type { FieldRule } from "../rules/types.js";
import type { TextView } from "../text/view.js";
import { perDocument, type PerDocument } from "../memo/per-document.js";

/** Readings of one kind: per document, per rule set (a rule or a format), per range. */
type Readings<R, T> = PerDocument<R, Map<string, T>>;

/** `read()` over `range` for `rules`, remembered in `store` for the document `view` belongs to. */
function remembered<R, T>(store: Readings<R, T>, view: TextView, rules: R, range: Range, read: () => T): T {
  const byRange = perDocument(store, view, rules, () => new Map<string, T>());
  const key = `${range.start}:${range.end}`;
  let found = byRange.get(key);
  if (found === undefined) {
    found = read();
    byRange.set(key, found);
  }
  return found;
}

const fields: Readings<Compiled<FieldRule>, Candidate[]> = new WeakMap();

/** runFieldRule, remembered per document, rule and range. */
export function fieldReadings(rule: Compiled<FieldRule>, view: TextView, range: Range): Candidate[] {
  return remembered(fields, view, rule, range, () => runFieldRule(rule, view, range));
}

const movements: Readings<Format, Movement[]> = new WeakMap();

/** findMovements with a format's rules, remembered per document, format and range. */
export function movementReadings(format: Format, view: TextView, range: Range): Movement[] {
  return remembered(movements, view, format, range, () => findMovements(format.movements, view.text, range, format.vocabulary));
}
