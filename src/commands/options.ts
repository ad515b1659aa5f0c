/**
 * Reading a command's arguments: each reader returns the value or throws a UsageError naming the option and
 * what it got (the CLI prints it with the command's usage, exit code 2). One wording for an option shared by
 * several commands (--concurrency, --timeout, --max-pages; --format and --ocr in reading-options.ts).
 */
import { UsageError } from "../model/usage-error.js";

/**
 * Runs a command's parseArgs: its complaint becomes a UsageError; `--help` prints the usage on stderr and
 * gives undefined (the command then exits with 0).
 */
export function parseCommand<T extends { values: { help?: boolean | undefined } }>(parse: () => T, usage: string): T | undefined {
  let parsed: T;
  try {
    parsed = parse();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.values.help === true) {
    process.stderr.write(`${usage}\n`);
    return undefined;
  }
  return parsed;
}

/** An option that must be given: `message` when it is not. */
export function required(raw: string | undefined, message: string): string {
  if (raw === undefined) throw new UsageError(message);
  return raw;
}

function positiveInteger(option: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`Expected --${option} to be a whole number ≥ 1, got "${raw}"`);
  return n;
}

/** `--<option> N`, a whole number ≥ 1; `fallback` when not given. */
export function wholeNumber(option: string, raw: string | undefined, fallback: number): number {
  return raw === undefined ? fallback : positiveInteger(option, raw);
}

/** `--max-pages N`: a whole number ≥ 1, or undefined (the loader's default). */
export function maxPages(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : positiveInteger("max-pages", raw);
}

/** `--<option> S`, seconds > 0 (≥ 0 where `zero` is allowed); `fallback` when not given. */
export function seconds(option: string, raw: string | undefined, fallback: number, zero: "zero allowed" | "above zero" = "above zero"): number {
  if (raw === undefined) return fallback;
  const s = Number(raw);
  const allowed = zero === "zero allowed" ? s >= 0 : s > 0;
  if (!Number.isFinite(s) || !allowed) throw new UsageError(`Expected --${option} to be a number of seconds ${zero === "zero allowed" ? "≥" : ">"} 0, got "${raw}"`);
  return s;
}
