import { CommandFailure, commandFailure, EXIT_OK, usageError } from "./commands/exit.js";
import { UsageError } from "./model/usage-error.js";

/** Each command reads its own arguments (argv after the command word) and returns its exit code. */
type Command = (argv: string[]) => Promise<number>;

interface CommandModule {
  run: Command;
  usage: string;
}

/**
 * Commands are loaded when asked for: `extract` need not load DuckDB (delib query) nor the classifier
 * (delib export), and the main thread of a batch stays small.
 */
const COMMANDS: ReadonlyMap<string, () => Promise<CommandModule>> = new Map([
  ["extract", async () => import("./commands/extract.js").then((m) => ({ run: m.extractCommand, usage: m.EXTRACT_USAGE }))],
  ["export", async () => import("./commands/export.js").then((m) => ({ run: m.exportCommand, usage: m.EXPORT_USAGE }))],
  ["query", async () => import("./commands/query.js").then((m) => ({ run: m.queryCommand, usage: m.QUERY_USAGE }))],
  ["enqueue", async () => import("./commands/enqueue.js").then((m) => ({ run: m.enqueueCommand, usage: m.ENQUEUE_USAGE }))],
  ["worker", async () => import("./commands/worker.js").then((m) => ({ run: m.workerCommand, usage: m.WORKER_USAGE }))],
  ["collect", async () => import("./commands/collect.js").then((m) => ({ run: m.collectCommand, usage: m.COLLECT_USAGE }))],
  ["status", async () => import("./commands/status.js").then((m) => ({ run: m.statusCommand, usage: m.STATUS_USAGE }))],
  ["forget", async () => import("./commands/forget.js").then((m) => ({ run: m.forgetCommand, usage: m.FORGET_USAGE }))],
]);

async function usageOfAll(): Promise<string> {
  const usages = await Promise.all([...COMMANDS.values()].map(async (load) => (await load()).usage));
  return `Usage: delib <command> [options]    (delib <command> --help for its options)

Commands: ${[...COMMANDS.keys()].join(", ")}

${usages.join("\n\n")}`;
}

export async function main(argv: string[]): Promise<number> {
  const [word, ...rest] = argv;
  if (word === undefined || word === "--help" || word === "-h") {
    if (word === undefined) return usageError("Expected a command, got none", await usageOfAll());
    process.stderr.write(`${await usageOfAll()}\n`);
    return EXIT_OK;
  }
  const load = COMMANDS.get(word);
  if (load === undefined) return usageError(`Expected a command (${[...COMMANDS.keys()].join(", ")}), got "${word}"`, await usageOfAll());
  const command = await load();
  try {
    return await command.run(rest);
  } catch (e) {
    // What the user asked for cannot be done: said once here for every command.
    if (e instanceof UsageError) return usageError(e.message, command.usage);
    if (e instanceof CommandFailure) return commandFailure(e);
    throw e;
  }
}
