import { describe, expect, it } from "vitest";
import { Progress, PROGRESS_LINE_EVERY } from "../src/batch/progress.js";
import type { DocumentDone } from "../src/batch/lines.js";

function doc(status: DocumentDone["status"], pages = 2): DocumentDone {
  return { path: "in/a.pdf", pages, status, reason: status === "failed" ? "in/a.pdf: Expected a PDF, got an empty file" : null, records: [], issues: [] };
}

function recorder(isTTY: boolean): { stream: { isTTY: boolean; columns: number; write: (s: string) => void }; chunks: string[] } {
  const chunks: string[] = [];
  return { stream: { isTTY, columns: 200, write: (s: string) => void chunks.push(s) }, chunks };
}

describe("progress", () => {
  it("without a terminal, writes one line every PROGRESS_LINE_EVERY documents and at the end, and names each failure", () => {
    const { stream, chunks } = recorder(false);
    let t = 0;
    const p = new Progress(stream, () => t);
    const total = 2 * PROGRESS_LINE_EVERY + 5;
    for (let i = 1; i <= total; i++) {
      t = i * 10; // 10 ms a document: 100 documents/s, 200 pages/s
      p.document(doc(i === 7 ? "failed" : "ok"), i, total);
    }
    p.end();
    expect(chunks).toEqual([
      "delib: failed in/a.pdf: Expected a PDF, got an empty file\n",
      `delib: 100/${total} documents · 100.0 documents/s · 200.0 pages/s · 1s elapsed · ETA 1s\n`,
      `delib: 200/${total} documents · 100.0 documents/s · 200.0 pages/s · 2s elapsed · ETA 0s\n`,
      `delib: ${total}/${total} documents · 100.0 documents/s · 200.0 pages/s · 2s elapsed · ETA 0s\n`,
    ]);
  });

  it("on a terminal, redraws one bar in place at most every 100 ms, and leaves it with a new line", () => {
    const { stream, chunks } = recorder(true);
    let t = 0;
    const p = new Progress(stream, () => t);
    for (let i = 1; i <= 50; i++) {
      t = i * 10;
      p.document(doc("ok", 1), i, 50);
    }
    p.end();
    // The first document, then every 100 ms (every 10 documents), the last one, then the new line.
    const bars = chunks.filter((c) => c.startsWith("\r"));
    expect(bars).toHaveLength(6);
    expect(bars.at(-1)).toBe("\r[########################] 50/50 documents · 100.0 documents/s · 100.0 pages/s · 1s elapsed · ETA 0s\u001b[K");
    expect(bars[0]).toMatch(/^\r\[-{24}\] 1\/50 documents/u);
    expect(chunks.at(-1)).toBe("\n");
  });

  it("on a terminal, names a failure on its own line above the bar", () => {
    const { stream, chunks } = recorder(true);
    const p = new Progress(stream, () => 5);
    p.document(doc("ok"), 1, 3);
    p.document(doc("failed"), 2, 3);
    expect(chunks.slice(1, 4)).toEqual(["\r\u001b[K", "delib: failed in/a.pdf: Expected a PDF, got an empty file\n", expect.stringMatching(/^\r\[#{16}-{8}\] 2\/3 documents/u)]);
  });
});
