/**
 * OCR results on disk, keyed by the page image and everything that decides what the engine reads (engine,
 * its version, model, parameters): the same page is OCR'd once, whoever asks (the eval, the tests, a
 * second run). Output stays what the engine gives: a cached result is the result. Any I/O problem means
 * "not cached". DELIB_OCR_CACHE=off turns it off; DELIB_OCR_CACHE=<dir> moves it (default: the temp dir).
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GrayImage, OcrWord } from "./types.js";

/** Environment variable: "off", or the cache folder. */
export const CACHE_ENV = "DELIB_OCR_CACHE";
/** Bump when the cached shape (OcrWord) changes. */
const FORMAT = "ocr-words/1";

function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const setting = env[CACHE_ENV];
  if (setting === "off") return undefined;
  return setting !== undefined && setting !== "" ? setting : join(tmpdir(), "delib-ocr-cache");
}

/** The cache key of one page image read by one engine configuration. */
export function cacheKey(engineId: string, image: GrayImage): string {
  return createHash("sha256").update(`${FORMAT}\n${engineId}\n${image.width}x${image.height}\n`).update(image.data).digest("hex");
}

function isWords(value: unknown): value is OcrWord[] {
  return Array.isArray(value) && value.every((w: unknown) => typeof w === "object" && w !== null && typeof (w as OcrWord).text === "string" && typeof (w as OcrWord).x0 === "number");
}

/** The engine's words for the image, from the cache when it holds them, else from `read` (then stored). */
export async function cached(engineId: string, image: GrayImage, read: () => Promise<OcrWord[]>, env: NodeJS.ProcessEnv = process.env): Promise<OcrWord[]> {
  const dir = cacheDir(env);
  if (dir === undefined) return read();
  const key = cacheKey(engineId, image);
  const file = join(dir, key.slice(0, 2), `${key}.json`);
  try {
    const value: unknown = JSON.parse(await readFile(file, "utf8"));
    if (isWords(value)) return value;
  } catch {
    // not cached (or unreadable): read the page
  }
  const words = await read();
  try {
    await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
    // Written aside then renamed: a reader never sees half a file, two writers of one key write the same.
    const part = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
    await writeFile(part, JSON.stringify(words));
    await rename(part, file);
  } catch {
    // a cache that cannot be written is no cache
  }
  return words;
}
