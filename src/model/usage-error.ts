/** A problem with what the user asked for (options, --out holding another run's files): the CLI prints it with the command's usage, exit code 2. */
export class UsageError extends Error {}
