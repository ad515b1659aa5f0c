/**
 * OCR with tesseract.js (WebAssembly), strictly offline: the French model comes from the
 * @tesseract.js-data/fra package on disk, never from the network. Workers are worker threads; they
 * print nothing (no logger is given), so stdout keeps carrying data only.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Tesseract from "tesseract.js";
import { toPgm } from "./pgm.js";
import { OCR_DPI } from "./rasterise.js";
import type { GrayImage, OcrEngine, OcrWord } from "./types.js";

/**
 * Model folder of @tesseract.js-data/fra. `4.0.0_best_int` holds the LSTM model alone (0.7 MB gzipped);
 * `4.0.0` adds the legacy engine (6.3 MB) that LSTM-only OCR never uses: same words, same speed, measured
 * on Saint-Restitut pages.
 */
const MODEL_FOLDER = "4.0.0_best_int";
/** Tesseract's confidences are percentages. */
const PERCENT = 100;

let jsId: string | undefined;

/** What decides what tesseract.js reads, for the OCR cache: versions, model, parameters. */
export function tesseractJsId(): string {
  if (jsId === undefined) {
    const require = createRequire(import.meta.url);
    const version = (name: string): string => {
      try {
        return (require(`${name}/package.json`) as { version: string }).version;
      } catch {
        return "?";
      }
    };
    jsId = `tesseract.js ${version("tesseract.js")} core ${version("tesseract.js-core")} fra ${version("@tesseract.js-data/fra")}/${MODEL_FOLDER} oem LSTM_ONLY psm AUTO dpi ${OCR_DPI}`;
  }
  return jsId;
}

function langPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve("@tesseract.js-data/fra/package.json")), MODEL_FOLDER);
}

/** Words of a tesseract.js page, with each line's baseline under each word. */
export function wordsOfPage(page: Tesseract.Page): OcrWord[] {
  const words: OcrWord[] = [];
  (page.blocks ?? []).forEach((block, b) => {
    block.paragraphs.forEach((paragraph, p) => {
      paragraph.lines.forEach((line, l) => {
        const { x0, y0, x1, y1 } = line.baseline;
        for (const w of line.words) {
          const text = w.text.trim();
          if (text === "") continue;
          const centre = (w.bbox.x0 + w.bbox.x1) / 2;
          const baseline = x1 === x0 ? y0 : y0 + ((y1 - y0) * (centre - x0)) / (x1 - x0);
          words.push({ text, x0: w.bbox.x0, y0: w.bbox.y0, x1: w.bbox.x1, y1: w.bbox.y1, confidence: w.confidence / PERCENT, line: `${b}.${p}.${l}`, baseline });
        }
      });
    });
  });
  return words;
}

/** A scheduler over `workers` tesseract.js workers, French, page segmentation AUTO. */
export async function createTesseractJs(workers: number): Promise<OcrEngine> {
  const cachePath = join(tmpdir(), "delib-tesseract");
  mkdirSync(cachePath, { recursive: true });
  const scheduler = Tesseract.createScheduler();
  const made = await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = await Tesseract.createWorker("fra", Tesseract.OEM.LSTM_ONLY, {
        langPath: langPath(),
        gzip: true,
        cachePath,
        // Read the model from langPath every time: nothing written, nothing stale.
        cacheMethod: "none",
        // A failed job already rejects its promise (the page gets pdf.ocr-failed); without a handler,
        // tesseract.js would also throw from its message listener and end the process.
        errorHandler: () => {},
      });
      // AUTO: the default single-block mode reads two-column pages across the gutter.
      await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO, user_defined_dpi: String(OCR_DPI) });
      return worker;
    }),
  );
  for (const w of made) scheduler.addWorker(w);
  return {
    name: "tesseract.js",
    parallelism: workers,
    async recognize(image: GrayImage): Promise<OcrWord[]> {
      // The page is straightened before (skew.ts): tesseract.js's own rotateAuto is not needed.
      // debug: tesseract's own messages ("Detected 79 diacritics", "Estimating resolution as …") go to the
      // result, not to stderr, which carries delib's progress only.
      const result = await scheduler.addJob("recognize", toPgm(image), { rotateAuto: false }, { blocks: true, text: false, debug: true });
      return wordsOfPage(result.data);
    },
    async terminate(): Promise<void> {
      await scheduler.terminate();
    },
  };
}
