/**
 * One pipeline per worker thread (src/batch/pool.ts posts jobs here): PDF parsing and extraction are
 * CPU-bound, so documents read in parallel need threads, not promises.
 */
import { parentPort, workerData } from "node:worker_threads";
import { processDocument, type ProcessOptions } from "../pipeline.js";
import { limitOcrWorkers, shutdownOcr } from "../load/ocr/pool.js";
import { linesOf } from "./lines.js";

/** What the pool posts: a document to read, or the end of the batch. */
export type WorkerRequest = { type: "read"; id: number; path: string; options: ProcessOptions; timings: boolean } | { type: "close" };

export interface WorkerSetup {
  /** Tesseract workers this thread may start (the batch's OCR budget shared between the threads). */
  ocrWorkers: number;
}

const port = parentPort;
if (port === null) throw new Error("src/batch/worker.ts runs as a worker thread (new Worker), not as a script");
limitOcrWorkers((workerData as WorkerSetup).ocrWorkers);

port.on("message", (request: WorkerRequest) => {
  if (request.type === "close") {
    // End the OCR engine (its own threads) so this thread exits by itself.
    void shutdownOcr().finally(() => port.close());
    return;
  }
  processDocument(request.path, request.options).then(
    (result) => port.postMessage({ id: request.id, lines: linesOf(result, request.timings) }),
    // processDocument turns every problem into a failed document; this is for a bug in that promise.
    (e: unknown) => port.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
