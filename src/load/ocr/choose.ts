/**
 * Per page, text layer or OCR: a good layer is read as is; a missing, sparse or garbage one is OCR'd
 * (unless OCR is off), and the OCR text replaces it when it reads more. Every page's choice is recorded.
 */
import type { PageSource } from "../../model/document.js";
import type { PageInput } from "../pdf/layout.js";
import type { PdfItem } from "../pdf/types.js";
import { judgeTextLayer, scoreTextLayer, type LayerScore } from "./quality.js";

export type OcrMode = "auto" | "off";

/** OCR must read at least this many times the letters of a sparse layer to replace it (a stamp on a scan vs. a page of text). */
export const SPARSE_GAIN = 2;

export interface OcrOutcome {
  items: PdfItem[];
  confidence: number;
}

/** A page OCR could not read: its text layer (if any) is kept. */
export interface OcrFailure {
  page: number;
  message: string;
}

export interface Choice {
  inputs: PageInput[];
  sources: PageSource[];
  /** In page order. */
  failures: OcrFailure[];
}

const layerText = (items: readonly PdfItem[]): string => items.map((i) => i.str).join(" ");

/** True when the OCR text should replace the layer judged `verdict` (scored `layer`). */
function ocrWins(verdict: "none" | "sparse" | "garbage", layer: LayerScore, ocr: LayerScore): boolean {
  if (verdict === "none") return true;
  if (verdict === "sparse") return ocr.letters >= SPARSE_GAIN * Math.max(1, layer.letters);
  return ocr.dictionaryShare > layer.dictionaryShare;
}

const REASON = { none: "no-text-layer", sparse: "sparse-text-layer", garbage: "garbage-text-layer" } as const;

/** Chooses every page's source; `ocr` reads one page (1-based) and may throw. */
export async function choosePageSources(path: string, pages: readonly PageInput[], mode: OcrMode, ocr: (page: number) => Promise<OcrOutcome>): Promise<Choice> {
  const decided = await Promise.all(
    pages.map(async (input): Promise<[PageInput, PageSource, OcrFailure?]> => {
      const layer = scoreTextLayer(layerText(input.items));
      const verdict = judgeTextLayer(layer);
      if (verdict === "good") return [input, { page: input.number, source: "text-layer", reason: "good-text-layer" }];
      if (mode === "off") return [input, { page: input.number, source: "text-layer", reason: "ocr-off" }];
      try {
        const read = await ocr(input.number);
        if (!ocrWins(verdict, layer, scoreTextLayer(layerText(read.items)))) return [input, { page: input.number, source: "text-layer", reason: "ocr-read-less" }];
        return [{ ...input, items: read.items }, { page: input.number, source: "ocr", reason: REASON[verdict], confidence: read.confidence }];
      } catch (e) {
        const message = `Expected OCR text for page ${input.number} of ${path} (${REASON[verdict]}), got an error: ${e instanceof Error ? e.message : String(e)}`;
        return [input, { page: input.number, source: "text-layer", reason: "ocr-failed" }, { page: input.number, message }];
      }
    }),
  );
  return { inputs: decided.map(([i]) => i), sources: decided.map(([, s]) => s), failures: decided.flatMap(([, , f]) => (f === undefined ? [] : [f])) };
}
