import { ENGINE_ENV } from "../load/ocr/pool.js";

/**
 * The eval's figures are committed (corpus/BASELINE.md) and compared on other machines: they must not
 * depend on which OCR engine a machine happens to have. Scanned sources are read with tesseract.js, the
 * engine `npm ci` installs everywhere (native tesseract, when present, reads 5 % of words differently),
 * unless DELIB_OCR_ENGINE asks for another.
 */
export const EVAL_OCR_ENGINE = "tesseract.js";

export function pinEvalOcrEngine(env: NodeJS.ProcessEnv = process.env): void {
  env[ENGINE_ENV] ??= EVAL_OCR_ENGINE;
}
