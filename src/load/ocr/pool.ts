/**
 * The process-wide OCR engine, made on first use and ended when the batch ends (shutdownOcr), or by
 * itself after a short idle time so that any caller (tests, eval) exits cleanly without knowing about it.
 */
import { availableParallelism } from "node:os";
import { cached } from "./cache.js";
import { MAX_OCR_WORKERS } from "../limits.js";
import { nativeTesseractId, createNativeTesseract } from "./native.js";
import { createTesseractJs, tesseractJsId } from "./tesseract-js.js";
import type { GrayImage, OcrEngine, OcrWord } from "./types.js";

/** With no page to read for this long (ms), the workers are ended; the next page makes them again (~0.4 s). */
export const IDLE_SHUTDOWN_MS = 2_000;

export type OcrEngineName = "tesseract.js" | "tesseract";

/** Environment variable choosing the engine: "tesseract" for native tesseract; anything else, tesseract.js. */
export const ENGINE_ENV = "DELIB_OCR_ENGINE";

let engine: Promise<OcrEngine> | undefined;
/** Which engine `engine` is (the cache key must name the engine that reads). */
let engineIs: OcrEngineName | undefined;
let busy = 0;
let idleTimer: NodeJS.Timeout | undefined;

/**
 * Which engine runs: tesseract.js unless DELIB_OCR_ENGINE asks for native tesseract. Native tesseract 5.3
 * is 10–30 % faster here (README "OCR speed") but reads our scans less well: the seed's scan 0.883 strict
 * against 0.999, the real cases 0.899 against 0.907 (npm run eval with each engine, 2026-11-29): its page
 * segmentation splits list lines that tesseract.js keeps whole.
 */
export function chooseEngine(env: NodeJS.ProcessEnv = process.env): OcrEngineName {
  return env[ENGINE_ENV] === "tesseract" ? "tesseract" : "tesseract.js";
}

/** Set by limitOcrWorkers: a batch's document threads share the OCR budget instead of each taking all of it. */
let ocrWorkerLimit = MAX_OCR_WORKERS;

/** Caps the tesseract workers this thread starts (a batch of N document threads gives each MAX/N, at least 1). */
export function limitOcrWorkers(n: number): void {
  ocrWorkerLimit = Math.max(1, Math.min(MAX_OCR_WORKERS, Math.floor(n)));
}

function workers(): number {
  return Math.max(1, Math.min(ocrWorkerLimit, availableParallelism()));
}

/** Makes an engine (not the shared one): the benchmark compares both. */
export async function createEngine(name: OcrEngineName, parallelism = workers()): Promise<OcrEngine> {
  return name === "tesseract" ? createNativeTesseract(parallelism) : createTesseractJs(parallelism);
}

function sharedEngine(name: OcrEngineName): Promise<OcrEngine> {
  if (engine === undefined) {
    const made = createEngine(name);
    // A failed start is not kept: the next page tries again (and fails with the same reason, per page).
    made.catch(() => {
      if (engine === made) {
        engine = undefined;
        engineIs = undefined;
      }
    });
    engine = made;
    engineIs = name;
  }
  return engine;
}

/** Reads one page image with the shared engine (or finds what it read in the OCR cache). */
export async function recognize(image: GrayImage): Promise<OcrWord[]> {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = undefined;
  busy++;
  try {
    const name = engineIs ?? chooseEngine();
    const id = name === "tesseract" ? nativeTesseractId() : tesseractJsId();
    return await cached(id, image, async () => (await sharedEngine(name)).recognize(image));
  } finally {
    busy--;
    if (busy === 0) {
      idleTimer = setTimeout(() => void shutdownOcr(), IDLE_SHUTDOWN_MS);
      // The timer alone must not keep the process alive (the workers do, until it fires).
      idleTimer.unref();
    }
  }
}

/** Ends the shared engine's workers, if any; safe to call any time, several times. */
export async function shutdownOcr(): Promise<void> {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = undefined;
  const current = engine;
  engine = undefined;
  engineIs = undefined;
  if (current === undefined) return;
  try {
    await (await current).terminate();
  } catch {
    // A pool that never started has nothing to end.
  }
}
