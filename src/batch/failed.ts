/**
 * Documents that failed before the pipeline could say more of them: not found, lost with their reader
 * (timeout, out of memory, a crash), or (distributed batches) given up after their attempts.
 */
import { readFileSync } from "node:fs";
import type { DocumentResult } from "../model/result.js";
import { sha256Hex } from "../model/sha256.js";
import { linesOf, type DocumentLines } from "./lines.js";
import type { PoolOutcome } from "./pool.js";

/** The sha256 a file is read with now, "" when it cannot be read (as a failed document records it). */
export function currentSha(path: string): string {
  try {
    return sha256Hex(readFileSync(path));
  } catch {
    return "";
  }
}

/** A failed document as the three files and the summary show it. */
export function failedDocument(display: string, sha256: string, reason: string): DocumentResult {
  return { path: display, sha256, kind: null, pages: 0, status: "failed", reason, format: null, records: [], issues: [], timings: {}, text: "" };
}

/** A document its reader could not give back fails with the file's sha256, so that --resume skips it. */
export function linesOfOutcome(outcome: PoolOutcome, path: string, display: string, withTimings: boolean): DocumentLines {
  return "lines" in outcome ? outcome.lines : linesOf(failedDocument(display, currentSha(path), outcome.failure), withTimings);
}
