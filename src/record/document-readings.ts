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

const fields = new WeakMap<TextView, Map<Compiled<FieldRule>, Map<string, Candidate[]>>>();

/** runFieldRule, remembered per document, rule and range. */
export function fieldReadings(rule: Compiled<FieldRule>, view: TextView, range: Range): Candidate[] {
  let byRule = fields.get(view);
  if (byRule === undefined) {
    byRule = new Map();
    fields.set(view, byRule);
  }
  let byRange = byRule.get(rule);
  if (byRange === undefined) {
    byRange = new Map();
    byRule.set(rule, byRange);
  }
  const key = `${range.start}:${range.end}`;
  let found = byRange.get(key);
  if (found === undefined) {
    found = runFieldRule(rule, view, range);
    byRange.set(key, found);
  }
  return found;
}

const movements = new WeakMap<TextView, Map<Format, Map<string, Movement[]>>>();

/** findMovements with a format's rules, remembered per document, format and range. */
export function movementReadings(format: Format, view: TextView, range: Range): Movement[] {
  let byFormat = movements.get(view);
  if (byFormat === undefined) {
    byFormat = new Map();
    movements.set(view, byFormat);
  }
  let byRange = byFormat.get(format);
  if (byRange === undefined) {
    byRange = new Map();
    byFormat.set(format, byRange);
  }
  const key = `${range.start}:${range.end}`;
  let found = byRange.get(key);
  if (found === undefined) {
    found = findMovements(format.movements, view.text, range, format.vocabulary);
    byRange.set(key, found);
  }
  return found;
}
