import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface PdfjsAssets {
  standardFontDataUrl: string;
  cMapUrl: string;
  wasmUrl: string;
}

let assetDirs: PdfjsAssets | undefined;

/** pdf.js data folders inside node_modules/pdfjs-dist, as pdf.js wants them (trailing "/"). */
export function pdfjsAssets(): PdfjsAssets {
  if (assetDirs === undefined) {
    const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    const dir = (name: string): string => `${join(root, name)}/`;
    assetDirs = { standardFontDataUrl: dir("standard_fonts"), cMapUrl: dir("cmaps"), wasmUrl: dir("wasm") };
  }
  return assetDirs;
}
