/**
 * Deterministic synthetic scans of corpus PDFs: each page is rendered by pdf.js at 300 dpi in grey,
 * turned by a small skew, degraded like an office scan (optics blur, paper and toner levels, sensor
 * noise, dust specks, toner drop-outs) and written as a JPEG; the pages go into an image-only PDF (no
 * text layer), so the loader must OCR them. The expected records of the case stay those of its text.
 *
 *   node dist/tools/make-scan.js <input.pdf> <output.pdf> [--seed 1] [--skew 1] [--quality 70] [--pages N]
 *   node dist/tools/make-scan.js --manifest corpus/scans.json
 *
 * Randomness comes only from a seeded PRNG (mulberry32) and the pixel arithmetic is plain JS (integer or
 * IEEE double), so the same input, seed and options give the same bytes. Only stderr is written to.
 */
import { pdfjsAssets } from "../load/pdfjs-assets.js";
import { readManifest, usageError, type ManifestCase } from "./manifest.js";
import { runMain } from "./run-main.js";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { getDocument, VerbosityLevel, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import PDFDocument from "pdfkit";
import { mulberry32 } from "./random.js";
import type { GrayImage } from "../load/ocr/types.js";

export interface ScanOptions {
  /** Seed of the PRNG: every random choice (noise, specks, drop-outs) follows from it. */
  seed: number;
  /** Turn of every page in degrees; positive turns the page clockwise (lines go down to the right). */
  skewDeg?: number;
  /** Resolution of the page images. */
  dpi?: number;
  /** JPEG quality, 1–100. */
  quality?: number;
  /** Standard deviation of the per-pixel sensor noise, in grey levels (0–255). */
  noise?: number;
  /** Dust specks: chance per pixel that a speck is centred there. */
  specks?: number;
  /** Only the first N pages (all when undefined). */
  maxPages?: number;
}

export interface ScanResult {
  bytes: Buffer;
  pages: number;
}

export const DEFAULT_DPI = 300;
/**
 * JPEG quality. Dense text at 300 dpi is costly in JPEG whatever the noise: the seed's 19 pages weigh
 * 7.9 MB at 40 (visible ringing round the letters), 10.6 MB at 50, 12.3 MB at 75.
 */
export const DEFAULT_QUALITY = 40;
export const DEFAULT_SKEW_DEG = 1;
/**
 * Sensor noise (σ, grey levels). With the paper at PAPER_LEVEL and background removal at BACKGROUND_CLIP,
 * σ = 4 leaves the paper almost white and roughens ink and edges; σ ≥ 5 greys ~2 % of the paper pixels,
 * which nearly doubles the JPEG (text pages at 300 dpi already cost 400–600 kB each).
 */
export const DEFAULT_NOISE = 4;

const POINTS_PER_INCH = 72;
/** Grey of blank paper and of solid toner once scanned (no scanner gives 255 and 0). */
const PAPER_LEVEL = 236;
const TONER_LEVEL = 38;
/** Dust specks on the glass or paper: chance per pixel that a speck is centred there (~500 on an A4 page at 300 dpi, 80 % single pixels). */
export const DEFAULT_SPECK_RATE = 6e-5;
/** Toner drop-outs: chance that an inked pixel comes out pale. */
const DROPOUT_RATE = 0.015;
/** Scanners' background removal: paper brighter than this is written white (as most office scanners do by default). */
const BACKGROUND_CLIP = 226;
/** Fixed document dates, so two runs give identical bytes (pdfkit derives the file ID from them). */
const FIXED_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));

/** The seed of one page: pages get independent streams, so changing one page's size does not shift the others. */
function pageSeed(seed: number, pageIndex: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(pageIndex + 1, 0x85ebca77)) >>> 0;
}


/** What pdf.js's render() takes as a canvas (typed as the DOM's). */
type RenderCanvas = Parameters<PDFPageProxy["render"]>[0]["canvas"];

/** Renders a page at `dpi` in grey, as src/load/ocr/rasterise.ts does (but without straightening it). */
export async function renderGray(page: PDFPageProxy, dpi: number): Promise<GrayImage> {
  const viewport = page.getViewport({ scale: dpi / POINTS_PER_INCH });
  const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
  await page.render({ canvas: canvas as unknown as RenderCanvas, viewport, background: "white" }).promise;
  const rgba = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const data = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    data[i] = ((rgba[j] ?? 0) * 299 + (rgba[j + 1] ?? 0) * 587 + (rgba[j + 2] ?? 0) * 114) / 1000;
  }
  return { width: canvas.width, height: canvas.height, data };
}

/** Turns the image by `deg` degrees (clockwise when positive) about its centre; bilinear, white outside. */
export function rotate(image: GrayImage, deg: number): GrayImage {
  const { width: w, height: h, data: src } = image;
  const out = new Uint8Array(w * h);
  if (deg === 0) {
    out.set(src);
    return { width: w, height: h, data: out };
  }
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    // Source of output pixel (x, y): the inverse turn (clockwise on screen, where y grows downwards).
    let sx = cx - cx * cos + dy * sin;
    let sy = cy + cx * sin + dy * cos;
    const row = y * w;
    for (let x = 0; x < w; x++, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[row + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const p00 = src[i] ?? 255;
      const p10 = src[i + 1] ?? 255;
      const p01 = src[i + w] ?? 255;
      const p11 = src[i + w + 1] ?? 255;
      const top = p00 + (p10 - p00) * fx;
      const bottom = p01 + (p11 - p01) * fx;
      out[row + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width: w, height: h, data: out };
}

/** 3×3 binomial blur (σ ≈ 0.85 px, 0.07 mm at 300 dpi): a scanner's optics. Edges are copied. */
export function blur(image: GrayImage): GrayImage {
  const { width: w, height: h, data: src } = image;
  const tmp = new Uint16Array(w * h);
  const out = new Uint8Array(src);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    tmp[row] = 4 * (src[row] ?? 0);
    tmp[row + w - 1] = 4 * (src[row + w - 1] ?? 0);
    for (let x = 1; x < w - 1; x++) tmp[row + x] = (src[row + x - 1] ?? 0) + 2 * (src[row + x] ?? 0) + (src[row + x + 1] ?? 0);
  }
  for (let y = 1; y < h - 1; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      out[row + x] = ((tmp[row + x - w] ?? 0) + 2 * (tmp[row + x] ?? 0) + (tmp[row + x + w] ?? 0) + 8) >> 4;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Paper and toner levels, sensor noise, drop-outs in the toner, dust specks, then background removal.
 * Works in place. The noise is Gaussian-like (the sum of three uniforms, σ as asked).
 */
export function addNoise(image: GrayImage, rng: () => number, sigma: number, speckRate = DEFAULT_SPECK_RATE): void {
  const { width: w, height: h, data } = image;
  const range = PAPER_LEVEL - TONER_LEVEL;
  // Sum of 3 uniforms on [-0.5, 0.5) has σ = 0.5: scale by 2σ.
  const k = 2 * sigma;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? 255;
    let level = TONER_LEVEL + (range * v) / 255;
    if (v < 128 && rng() < DROPOUT_RATE) level += range * (0.35 + 0.4 * rng());
    level += k * (rng() + rng() + rng() - 1.5);
    const q = Math.round(level);
    data[i] = q >= BACKGROUND_CLIP ? 255 : q < 0 ? 0 : q;
  }
  const specks = Math.round(w * h * speckRate);
  for (let s = 0; s < specks; s++) {
    const cx = Math.floor(rng() * w);
    const cy = Math.floor(rng() * h);
    // Mostly single pixels and 2-px dots, a few up to 3 px across.
    const r = rng() < 0.8 ? 0.8 : 1.6;
    const grey = Math.round(40 + 120 * rng());
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) {
        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
          const i = y * w + x;
          data[i] = Math.min(data[i] ?? 255, grey);
        }
      }
    }
  }
}

/** One page: turned, blurred, noised. */
export function degradePage(image: GrayImage, seed: number, skewDeg: number, noise: number, speckRate = DEFAULT_SPECK_RATE): GrayImage {
  const rng = mulberry32(seed);
  const out = blur(rotate(image, skewDeg));
  addNoise(out, rng, noise, speckRate);
  return out;
}

/** Encodes a grey image as JPEG with the canvas's encoder (libjpeg-turbo inside Skia). */
export function encodeJpeg(image: GrayImage, quality: number): Buffer {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  const pixels = ctx.createImageData(image.width, image.height);
  const rgba = pixels.data;
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    const v = image.data[i] ?? 255;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  return canvas.encodeSync("jpeg", quality);
}

/** Makes the image-only scan of a PDF: one full-page JPEG per page, page sizes of the source. */
export async function makeScan(pdf: Uint8Array, options: ScanOptions): Promise<ScanResult> {
  const dpi = options.dpi ?? DEFAULT_DPI;
  const quality = options.quality ?? DEFAULT_QUALITY;
  const skew = options.skewDeg ?? DEFAULT_SKEW_DEG;
  const noise = options.noise ?? DEFAULT_NOISE;
  const task = getDocument({ data: pdf.slice(), ...pdfjsAssets(), isEvalSupported: false, useSystemFonts: false, verbosity: VerbosityLevel.ERRORS });
  const src = await task.promise;
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    info: { Title: "delib synthetic scan", Producer: "delib make-scan", Creator: "delib make-scan", CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolveDone, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolveDone(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const count = Math.min(src.numPages, options.maxPages ?? src.numPages);
  try {
    for (let p = 1; p <= count; p++) {
      const page = await src.getPage(p);
      const unit = page.getViewport({ scale: 1 });
      const image = degradePage(await renderGray(page, dpi), pageSeed(options.seed, p - 1), skew, noise, options.specks ?? DEFAULT_SPECK_RATE);
      page.cleanup();
      const jpeg = encodeJpeg(image, quality);
      doc.addPage({ size: [unit.width, unit.height], margin: 0 });
      doc.image(jpeg, 0, 0, { width: unit.width, height: unit.height });
    }
  } finally {
    await src.destroy();
  }
  doc.end();
  return { bytes: await done, pages: count };
}

/** One scan of corpus/scans.json: which PDF, where the scan goes, and how it is degraded. */
export interface ManifestEntry extends ManifestCase {
  seed: number;
  skew?: number;
  quality?: number;
  noise?: number;
  specks?: number;
  dpi?: number;
}

/** The makeScan options of a manifest entry. */
export function scanOptionsOf(e: ManifestEntry): ScanOptions {
  return { seed: e.seed, skewDeg: e.skew, quality: e.quality, noise: e.noise, specks: e.specks, dpi: e.dpi };
}

async function scanFile(input: string, output: string, options: ScanOptions): Promise<void> {
  const t0 = performance.now();
  const result = await makeScan(new Uint8Array(readFileSync(input)), options);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, result.bytes);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(`make-scan: ${output} (${result.pages} pages, ${(result.bytes.length / 1e6).toFixed(2)} MB, ${seconds} s)\n`);
}

function numberArg(name: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(n)) throw new Error(`${name} expects a number, got ${value ?? "nothing"}`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const usage =
    "usage: make-scan <input.pdf> <output.pdf> [--seed N] [--skew DEG] [--quality Q] [--noise SIGMA] [--specks RATE] [--dpi DPI] [--pages N] | make-scan --manifest corpus/scans.json\n";
  if (argv[0] === "--manifest") {
    if (argv[1] === undefined) return usageError(usage);
    for (const e of readManifest<ManifestEntry>(argv[1])) await scanFile(e.input, e.output, scanOptionsOf(e));
    return 0;
  }
  const positional: string[] = [];
  const options: ScanOptions = { seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--seed") options.seed = numberArg(arg, argv[++i]);
    else if (arg === "--skew") options.skewDeg = numberArg(arg, argv[++i]);
    else if (arg === "--quality") options.quality = numberArg(arg, argv[++i]);
    else if (arg === "--noise") options.noise = numberArg(arg, argv[++i]);
    else if (arg === "--specks") options.specks = numberArg(arg, argv[++i]);
    else if (arg === "--dpi") options.dpi = numberArg(arg, argv[++i]);
    else if (arg === "--pages") options.maxPages = numberArg(arg, argv[++i]);
    else positional.push(arg);
  }
  const [input, output] = positional;
  if (input === undefined || output === undefined || positional.length !== 2) return usageError(usage);
  await scanFile(input, output, options);
  return 0;
}

runMain(import.meta.url, "make-scan", main);
