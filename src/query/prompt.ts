/**
 * The interactive prompt of `delib query --out <dir>` on a terminal: a statement runs when its line
 * ends with ";" or when the line holds a whole statement; a line that leaves a string or a clause
 * open asks for the next one. Errors are printed and the prompt goes on; .quit, .exit or end of input
 * (Ctrl-D) leave it; Ctrl-C drops a statement being typed, or leaves on an empty one.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { QueryError } from "./errors.js";
import { formatResult, type OutputFormat } from "./format.js";
import type { QuerySession } from "./session.js";
import { VIEW_NAMES } from "./views.js";

const PROMPT = "delib> ";
const MORE = "  ...> ";

export const PROMPT_HELP = `Type SQL (DuckDB) over the views ${VIEW_NAMES.join(", ")}; a line ending with ";" or holding a whole statement runs.
.help this text   .quit or Ctrl-D leave`;

export interface PromptStreams {
  input: Readable;
  output: Writable;
  errors: Writable;
  /** Whether input is a terminal (readline then echoes and edits lines). */
  terminal: boolean;
}

/** Runs the prompt until its input ends or .quit; resolves when it has left. */
export async function runPrompt(session: QuerySession, format: OutputFormat, io: PromptStreams): Promise<void> {
  const rl = createInterface({ input: io.input, output: io.terminal ? io.output : undefined, terminal: io.terminal, prompt: PROMPT });
  const show = (text: string): void => {
    io.output.write(text);
  };
  const runOne = async (sql: string): Promise<void> => {
    try {
      show(formatResult(await session.run(sql), format));
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      io.errors.write(`delib: ${e.message}\n`);
    }
  };
  let pending = "";
  rl.on("SIGINT", () => {
    if (pending === "") {
      rl.close();
      return;
    }
    pending = "";
    show("\n");
    rl.setPrompt(PROMPT);
    rl.prompt();
  });
  if (io.terminal) rl.prompt();
  for await (const line of rl) {
    const command = line.trim();
    if (pending === "" && (command === ".quit" || command === ".exit")) break;
    if (pending === "" && command === ".help") {
      show(`${PROMPT_HELP}\n`);
    } else if (pending !== "" || command !== "") {
      pending = pending === "" ? line : `${pending}\n${line}`;
      if (!command.endsWith(";") && (await session.incomplete(pending))) {
        rl.setPrompt(MORE);
        if (io.terminal) rl.prompt();
        continue;
      }
      const sql = pending;
      pending = "";
      await runOne(sql);
    }
    rl.setPrompt(PROMPT);
    if (io.terminal) rl.prompt();
  }
  rl.close();
  if (pending !== "") await runOne(pending); // input ended inside a statement: run it, so that its error shows
}
