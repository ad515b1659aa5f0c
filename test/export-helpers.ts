import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../src/paths.js";

/**
 * Extracting the whole bundled corpus includes OCR'ing its scans (cached on disk after the first run): no speed is
 * asserted here, only that the run ends.
 */
export const WHOLE_CORPUS_MS = 600_000;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (bin/delib.js) with arguments. */
export function delib(...args: string[]): Run {
  const r = spawnSync(process.execPath, [join(packageRoot, "bin", "delib.js"), ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Temporary folders, removed by cleanup(). */
export function tempDirs(prefix: string): { make(): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make() {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const d of made) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Extracts the bundled corpus into <dir>/out; returns that folder. */
export function extractCorpus(dir: string): string {
  const out = join(dir, "out");
  const r = delib("extract", join(packageRoot, "corpus"), "--out", out, "--quiet");
  if (r.status !== 0) throw new Error(`delib extract corpus: expected exit 0, got ${r.status}: ${r.stderr}`);
  return out;
}
