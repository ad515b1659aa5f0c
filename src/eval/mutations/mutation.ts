/**
 * Mutation testing of the consistency checks: inject one inconsistency into a document's text, run the
 * whole pipeline on it, and see whether the check meant to catch it fires. Each kind of mutation is one
 * small module: what it breaks, which checks should notice, and how to make its mutants from the text and
 * the records delib read from it (their provenance says where each value is printed).
 */
import type { DelibRecord } from "../../model/record.js";

export interface Mutant {
  kind: string;
  /** The record the change targets (index in the document). */
  record: number;
  /** What was changed, for the report: `"114" → "133" (vote.yes of record #0)`. */
  change: string;
  text: string;
}

export interface Mutation {
  kind: string;
  /** The ruleIds of which at least one more must be raised than on the unmutated text. */
  caughtBy: readonly string[];
  /** Mutants of one document (none when no record holds what the checks read). */
  make(text: string, records: readonly DelibRecord[]): Mutant[];
}

/** The text with start..end replaced. */
export function splice(text: string, start: number, end: number, by: string): string {
  return `${text.slice(0, start)}${by}${text.slice(end)}`;
}

/** A count printed as digits ("114"), not worked out from a list nor written in words. */
export const DIGITS = /^\d{1,4}$/u;

/**
 * A record to mutate for a check must pass that check first: a record already raising it (Couthenans
 * printing 13 votes for 11 members present) cannot show whether the mutant is caught.
 */
export function passes(record: DelibRecord, ruleIds: readonly string[]): boolean {
  return !record.issues.some((i) => ruleIds.includes(i.ruleId));
}

/** At most this many mutants of one kind per document: the first records that qualify (a register holds dozens). */
export const MUTANTS_PER_DOCUMENT = 2;
