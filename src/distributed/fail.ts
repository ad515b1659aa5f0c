import { EXIT_USAGE } from "../commands/exit.js";

/**
 * A distributed command's problem that is not the user's typing (Redis unreachable, an unknown batch, an
 * unfinished batch to collect): one line on stderr, exit code 2, no usage text to scroll past.
 */
export function fail(message: string): number {
  process.stderr.write(`delib: ${message}\n`);
  return EXIT_USAGE;
}
