import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Runs a tool's main when its module is the program (not when a test imports it); errors end with exit 1. */
export function runMain(moduleUrl: string, name: string, main: (argv: string[]) => Promise<number> | number): void {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      },
    );
}
