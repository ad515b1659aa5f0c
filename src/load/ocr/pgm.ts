/** Binary PGM (P5): the cheapest image format both tesseract.js (Leptonica) and native tesseract read. */
import type { GrayImage } from "./types.js";

export function toPgm(image: GrayImage): Buffer {
  const head = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, "latin1");
  return Buffer.concat([head, image.data]);
}
