/**
 * A PDF page as a grey image for OCR: the page is rendered by pdf.js onto @napi-rs/canvas, not its
 * embedded image extracted, because the scans of the corpus are layered (a 150-dpi JPEG background plus
 * 300-dpi 1-bit text masks): the background alone misses most of the text. Measured on Saint-Restitut
 * pages: ~0.25 s to render an A4 page at 300 dpi, ~0.15 s to turn it grey.
 */
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { estimateSkew, SKEW_STEP_DEG } from "./skew.js";
import type { GrayImage } from "./types.js";

/**
 * Resolution of the page image. Tesseract is trained on ~300-dpi text (x-height 20–30 px); the 150-dpi
 * scans read worse as they are, so every page is rendered (upscaled) to this.
 */
export const OCR_DPI = 300;
/** PDF user space unit: 72 per inch. */
const POINTS_PER_INCH = 72;
/**
 * Largest page image, in pixels: an A3 page at 300 dpi has 17.4 million; a plan or poster rendered at
 * 300 dpi could take gigabytes (4 bytes a pixel while rendering), so larger pages are rendered coarser.
 */
export const MAX_OCR_PIXELS = 36_000_000;
/** A measured skew smaller than this (degrees) is left alone: it is within the measuring step. */
export const MIN_DESKEW_DEG = 1.5 * SKEW_STEP_DEG;

/** What pdf.js's render() takes as a canvas (typed as the DOM's). */
type RenderCanvas = Parameters<PDFPageProxy["render"]>[0]["canvas"];

export interface PageImage {
  image: GrayImage;
  /** Pixels per PDF point. */
  scale: number;
  /** The turn (radians) applied to straighten the page; 0 when it was straight. */
  deskew: number;
}

function grayOf(canvas: Canvas): GrayImage {
  const rgba = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const data = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    // ITU-R BT.601 luma, in integers.
    data[i] = ((rgba[j] ?? 0) * 299 + (rgba[j + 1] ?? 0) * 587 + (rgba[j + 2] ?? 0) * 114) / 1000;
  }
  return { width: canvas.width, height: canvas.height, data };
}

/** Turns the page by -angle about its centre onto a white canvas of the same size. */
function turned(source: Canvas, angle: number): Canvas {
  const out = createCanvas(source.width, source.height);
  const ctx = out.getContext("2d");
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate(-angle);
  ctx.drawImage(source, -source.width / 2, -source.height / 2);
  return out;
}

/** Renders the page at OCR_DPI (coarser past MAX_OCR_PIXELS), grey, straightened. */
export async function rasterisePage(page: PDFPageProxy): Promise<PageImage> {
  const unit = page.getViewport({ scale: 1 });
  const scale = Math.min(OCR_DPI / POINTS_PER_INCH, Math.sqrt(MAX_OCR_PIXELS / Math.max(1, unit.width * unit.height)));
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  // pdf.js types its canvas as the DOM's; @napi-rs/canvas implements what it uses.
  await page.render({ canvas: canvas as unknown as RenderCanvas, viewport, background: "white" }).promise;
  const image = grayOf(canvas);
  const skew = estimateSkew(image);
  if (Math.abs(skew) < (MIN_DESKEW_DEG * Math.PI) / 180) return { image, scale, deskew: 0 };
  return { image: grayOf(turned(canvas, skew)), scale, deskew: skew };
}
