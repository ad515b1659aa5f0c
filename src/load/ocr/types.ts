/** Shapes shared by the OCR modules: page images in, positioned words out. */

/** An 8-bit grey page image, one byte per pixel, rows top to bottom. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One recognised word, in pixels of the image it was read from (top-left origin). */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** 0..1. */
  confidence: number;
  /** Words of one text line share this key (unique within the page). */
  line: string;
  /** The line's baseline under the word's centre, when the engine gives it. */
  baseline?: number;
}

/** An OCR engine: a pool of tesseract.js workers, or the native `tesseract` command. */
export interface OcrEngine {
  readonly name: "tesseract.js" | "tesseract";
  /** How many pages it reads at once. */
  readonly parallelism: number;
  recognize(image: GrayImage): Promise<OcrWord[]>;
  terminate(): Promise<void>;
}
