/**
 * How documents are read, as extract and enqueue take it (--format, --ocr): apart from options.ts, so that
 * the commands that read no document do not load the rule book's modules.
 */
import { loadRuleBook } from "../rules/format.js";
import type { OcrMode } from "../load/ocr/choose.js";
import { UsageError } from "../model/usage-error.js";

/** `--format <rules-id>`: a rule set of rules/, or undefined (detected). */
export function ruleSet(raw: string | undefined): string | undefined {
  if (raw === undefined || loadRuleBook().formats.has(raw)) return raw;
  throw new UsageError(`Expected --format to name a rule set (${[...loadRuleBook().formats.keys()].sort().join(", ")}), got "${raw}"`);
}

/** `--ocr auto|off` (default auto). */
export function ocrMode(raw: string | undefined): OcrMode {
  const ocr = raw ?? "auto";
  if (ocr !== "auto" && ocr !== "off") throw new UsageError(`Expected --ocr to be "auto" or "off", got "${ocr}"`);
  return ocr;
}
