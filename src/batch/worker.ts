/**
 * One pipeline per reading process (src/batch/pool.ts forks it and sends it documents): PDF parsing and
 * extraction are CPU-bound, so documents read in parallel need their own cores; a process of its own
 * also keeps a document that crashes its reader from ending the batch.
 */
import { Socket } from "node:net";
import { processDocument, type ProcessOptions } from "../pipeline.js";
import { limitOcrWorkers, shutdownOcr } from "../load/ocr/pool.js";
import { linesOf } from "./lines.js";
import { encodeReply, REPLY_FD, type WorkerReply } from "./frames.js";

/** What the pool sends: a document to read, or the end of the batch. */
type ReadRequest = { type: "read"; id: number; path: string; options: ProcessOptions; timings: boolean };
export type WorkerRequest = ReadRequest | { type: "close" };

if (process.send === undefined) throw new Error("src/batch/worker.ts runs as a reading process (forked with an IPC channel), not as a script");
const replies = new Socket({ fd: REPLY_FD, readable: false, writable: true });
const reply = (message: WorkerReply): void => {
  // One write to the pipe for the frame's five parts, not five.
  replies.cork();
  for (const part of encodeReply(message)) replies.write(part);
  replies.uncork();
};
// argv[2]: the Tesseract workers this reader may start (the batch's OCR budget shared between readers).
limitOcrWorkers(Number(process.argv[2] ?? "1"));
// The batch is gone (killed): nobody is left to send a document to.
process.on("disconnect", () => process.exit(0));

/** Documents sent ahead (src/batch/pool.ts DOCUMENTS_PER_READER), read one at a time in the order sent. */
const waiting: ReadRequest[] = [];
let reading = false;
let closing = false;

async function readWaiting(): Promise<void> {
  reading = true;
  for (let request = waiting.shift(); request !== undefined; request = waiting.shift()) {
    try {
      reply({ id: request.id, lines: linesOf(await processDocument(request.path, request.options), request.timings) });
    } catch (e) {
      // processDocument turns every problem into a failed document; this is for a bug in that promise.
      reply({ id: request.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  reading = false;
  if (closing) close();
}

/** Ends the OCR engine (its own threads), then the pipes: the process exits by itself. */
function close(): void {
  void shutdownOcr().finally(() => replies.end(() => process.disconnect()));
}

process.on("message", (request: WorkerRequest) => {
  if (request.type === "close") {
    closing = true;
    if (!reading) close();
    return;
  }
  waiting.push(request);
  if (!reading) void readWaiting();
});
