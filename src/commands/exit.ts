/** Exit codes of the contract, shared by every command. */
export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;

/** Writes "delib: <message>" and the command's usage on stderr; returns the usage exit code. */
export function usageError(message: string, usage: string): number {
  process.stderr.write(`delib: ${message}\n\n${usage}\n`);
  return EXIT_USAGE;
}

/**
 * A command stopped by a problem that is not the user's typing (Redis unreachable, an unknown batch, an
 * unfinished batch to collect): the CLI prints one line on stderr, no usage text to scroll past, exit code 2.
 */
export class CommandFailure extends Error {}

/** Writes a CommandFailure's line on stderr; returns its exit code. */
export function commandFailure(e: CommandFailure): number {
  process.stderr.write(`delib: ${e.message}\n`);
  return EXIT_USAGE;
}
