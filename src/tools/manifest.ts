import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** One case of a tool's manifest (corpus/render.json, corpus/scans.json): a file in, a file out. */
export interface ManifestCase {
  input: string;
  output: string;
}

/** The cases of a manifest, their input and output resolved from the manifest's folder. */
export function readManifest<E extends ManifestCase>(path: string): E[] {
  const base = dirname(resolve(path));
  const { cases } = JSON.parse(readFileSync(path, "utf8")) as { cases: E[] };
  return cases.map((c) => ({ ...c, input: resolve(base, c.input), output: resolve(base, c.output) }));
}

/** Writes a tool's usage on stderr; its exit code for a usage error. */
export function usageError(usage: string): number {
  process.stderr.write(usage);
  return 2;
}
