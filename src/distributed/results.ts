/**
 * One result file per job in the batch's results folder: `<job>.json`, the DocumentLines of each path the
 * job read. Written to a temporary file and renamed (atomic on one file system, NFS included): a reader
 * sees the whole file or none, and a job finished twice (a worker thought dead that was not) writes the
 * same bytes over the same name.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { DocumentLines } from "../batch/lines.js";

export interface JobResult {
  documents: Array<{ display: string; lines: DocumentLines }>;
}

export function resultFile(results: string, job: string): string {
  return join(results, `${job}.json`);
}

/** Writes, flushes to disk (a result counted done must survive a machine's crash), renames. */
export async function writeResult(results: string, job: string, result: JobResult): Promise<void> {
  const file = resultFile(results, job);
  const tmp = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(tmp, "w");
  try {
    await handle.writeFile(`${JSON.stringify(result)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The result of a job, undefined when there is none (yet). */
export async function readResult(results: string, job: string): Promise<JobResult | undefined> {
  let text: string;
  try {
    text = await readFile(resultFile(results, job), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return JSON.parse(text) as JobResult;
}
