/** Exit codes of the contract, shared by every command. */
export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;

/** Writes "delib: <message>" and the command's usage on stderr; returns the usage exit code. */
export function usageError(message: string, usage: string): number {
  process.stderr.write(`delib: ${message}\n\n${usage}\n`);
  return EXIT_USAGE;
}
