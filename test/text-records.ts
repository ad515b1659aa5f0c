import { afterAll } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processDocument } from "../src/pipeline.js";
import type { DelibRecord } from "../src/model/record.js";

/**
 * For tests that run the pipeline on a text written in the test: returns a function that writes the text
 * as a file in a temporary folder (removed after the file's tests) and gives the records delib makes of it.
 */
export function textRecords(prefix: string): (name: string, text: string) => Promise<DelibRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return async (name, text) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return (await processDocument(file)).records;
  };
}
