import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { encodeReply, ReplyReader, type WorkerReply } from "../src/batch/frames.js";
import { FatalReport } from "../src/batch/fatal-report.js";

const done = { path: "a.txt", status: "ok" as const, reason: null, pages: 1, issues: [], records: [{ issues: [] }] };
const replies: WorkerReply[] = [
  // Multi-byte characters and quotes: the lines travel as raw UTF-8, not JSON inside JSON.
  { id: 0, lines: { deliberations: '{"title":"Délibération n° 2 — « budget »"}\n', issues: "", document: '{"path":"a.txt"}\n', done } },
  { id: 1, error: "a bug" },
  { id: 2, lines: { deliberations: "", issues: '{"ruleId":"x"}\n', document: '{"path":"é"}\n', done: { ...done, records: [] } } },
];
const bytes = Buffer.concat(replies.flatMap(encodeReply));

describe("reply frames", () => {
  it("come back whole from one chunk", () => {
    expect(new ReplyReader().push(bytes)).toEqual(replies);
  });

  it("come back whole whatever the chunks, cut inside prefixes and inside characters", () => {
    for (const size of [1, 3, 7, 16, 17, 64]) {
      const reader = new ReplyReader();
      const got: WorkerReply[] = [];
      for (let at = 0; at < bytes.length; at += size) got.push(...reader.push(bytes.subarray(at, at + size)));
      expect(got, `chunks of ${size} bytes`).toEqual(replies);
    }
  });

  it("wait for the rest of a frame", () => {
    expect(new ReplyReader().push(bytes.subarray(0, bytes.length - 1))).toEqual(replies.slice(0, 2));
  });
});

describe("a reader's stderr", () => {
  const said = (text: string): { passed: string; report: FatalReport } => {
    const stream = new PassThrough();
    let passed = "";
    const report = new FatalReport(stream, (t) => (passed += t));
    stream.end(text);
    return { passed, report };
  };

  it("is passed on while the reader lives", async () => {
    const { passed, report } = said("Warning: TT: undefined function: 21\n");
    await new Promise((r) => setImmediate(r));
    expect(passed).toBe("Warning: TT: undefined function: 21\n");
    expect(report.reason).toBeUndefined();
    expect(report.outOfMemory).toBe(false);
  });

  it("keeps V8's fatal report to itself and its reason for the failed document", async () => {
    const oom = [
      "before",
      "<--- Last few GCs --->",
      "[1:0x1]  812 ms: Mark-Compact 15.2 (17.1) -> 15.0 (17.3) MB",
      "<--- JS stacktrace --->",
      "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
      "----- Native stack trace -----",
      " 1: 0xb7c3e0 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]",
      "",
    ].join("\n");
    const { passed, report } = said(oom);
    await new Promise((r) => setImmediate(r));
    expect(passed).toBe("before\n");
    expect(report.reason).toBe("Reached heap limit Allocation failed - JavaScript heap out of memory");
    expect(report.outOfMemory).toBe(true);
  });

  it("names a fatal error that is not memory without calling it memory", async () => {
    const { report } = said("FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal\n");
    await new Promise((r) => setImmediate(r));
    expect(report.reason).toBe("v8::ToLocalChecked Empty MaybeLocal");
    expect(report.outOfMemory).toBe(false);
  });
});
