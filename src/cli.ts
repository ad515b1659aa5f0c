import { extractCommand, EXTRACT_USAGE } from "./commands/extract.js";
import { queryCommand, QUERY_USAGE } from "./commands/query.js";
import { EXIT_OK, usageError } from "./commands/exit.js";

/** Each command reads its own arguments (argv after the command word) and returns its exit code. */
type Command = (argv: string[]) => Promise<number>;

const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ["extract", extractCommand],
  ["query", queryCommand],
]);

const USAGE = `Usage: delib <command> [options]    (delib <command> --help for its options)

Commands: ${[...COMMANDS.keys()].join(", ")}

${EXTRACT_USAGE}

${QUERY_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [word, ...rest] = argv;
  if (word === undefined || word === "--help" || word === "-h") {
    if (word === undefined) return usageError("Expected a command, got none", USAGE);
    process.stderr.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.get(word);
  if (command === undefined) return usageError(`Expected a command (${[...COMMANDS.keys()].join(", ")}), got "${word}"`, USAGE);
  return command(rest);
}
