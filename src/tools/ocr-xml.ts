/**
 * Makes the ALTO and hOCR versions of corpus cases with a real OCR engine (native tesseract):
 *
 *   node dist/tools/ocr-xml.js <source.pdf>...      # writes source.alto.xml and source.hocr beside each PDF
 *   node dist/tools/ocr-xml.js --corpus              # the cases listed in OCR_CORPUS_CASES below
 *   --dpi <n>                                        # rasterising resolution (default 300, as the corpus files)
 *
 * Each PDF is rasterised with `pdftoppm -r 300 -gray` (poppler-utils), every page image is listed in
 * one list file and read by ONE `tesseract <list> <out> -l fra --dpi 300 alto hocr` run, which writes
 * one multi-page ALTO file and one multi-page hOCR file with unique IDs (tesseract's own
 * concatenation, nothing edited by hand). Needs `tesseract-ocr tesseract-ocr-fra poppler-utils`
 * (Debian). tesseract runs with OMP_THREAD_LIMIT=1 (faster on 2 cores, and deterministic).
 * The page images are named `page-NN.pgm` in a temporary folder and tesseract runs inside it, so the
 * outputs name only those relative file names: the same PDF and tesseract version give the same bytes.
 * The corpus files were made with tesseract 5.3.0 (leptonica 1.82.0, Debian 12 `tesseract-ocr-fra`).
 * Only stderr is written to.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Rasterising resolution: tesseract's recommended 300 dpi, also what the ALTO loader assumes for pixels. */
export const OCR_DPI = 300;
const OCR_LANGUAGE = "fra";

/** The corpus cases given ALTO and hOCR versions (paths from the repo root). */
export const OCR_CORPUS_CASES: readonly string[] = [
  "corpus/grand-besancon/2020-11-09-rapport-31/source.pdf",
  "corpus/written/commune/2021-03-15-beze/source.pdf",
  "corpus/written/register/2022-04-12-morteau/source.pdf",
];

export interface OcrXmlResult {
  alto: string;
  hocr: string;
  pages: number;
}

/** The installed tesseract's version line ("tesseract 5.3.0"). */
export function tesseractVersion(): string {
  const out = execFileSync("tesseract", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return out.split("\n")[0]?.trim() ?? "tesseract (unknown version)";
}

/** OCRs one PDF into a multi-page ALTO and hOCR document (as strings). */
export function ocrPdf(pdfPath: string, dpi: number = OCR_DPI): OcrXmlResult {
  const work = mkdtempSync(join(tmpdir(), "delib-ocr-"));
  try {
    execFileSync("pdftoppm", ["-r", String(dpi), "-gray", resolve(pdfPath), join(work, "page")], { stdio: ["ignore", "ignore", "inherit"] });
    // pdftoppm pads page numbers to the width of the page count ("page-01.pgm"): sorting by name is page order.
    const images = readdirSync(work)
      .filter((f) => /^page-\d+\.pgm$/.test(f))
      .sort();
    if (images.length === 0) throw new Error(`Expected page images from pdftoppm for ${pdfPath}, got none`);
    writeFileSync(join(work, "pages.txt"), images.join("\n") + "\n");
    execFileSync("tesseract", ["pages.txt", "out", "-l", OCR_LANGUAGE, "--dpi", String(dpi), "alto", "hocr"], {
      cwd: work,
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    return { alto: readFileSync(join(work, "out.xml"), "utf8"), hocr: readFileSync(join(work, "out.hocr"), "utf8"), pages: images.length };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(argv: string[]): number {
  const corpus = argv.includes("--corpus");
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const dpiAt = argv.indexOf("--dpi");
  const dpi = dpiAt >= 0 ? Number(argv[dpiAt + 1]) : OCR_DPI;
  const files = argv.filter((a, i) => !a.startsWith("--") && !(dpiAt >= 0 && i === dpiAt + 1));
  const pdfs = corpus ? OCR_CORPUS_CASES.map((p) => join(root, p)) : files;
  if (pdfs.length === 0 || !Number.isInteger(dpi) || dpi < 72 || dpi > 1200) {
    process.stderr.write("usage: ocr-xml [--dpi <72..1200>] <source.pdf>... | --corpus\n");
    return 2;
  }
  process.stderr.write(`ocr-xml: ${tesseractVersion()}, ${dpi} dpi, language ${OCR_LANGUAGE}\n`);
  for (const pdf of pdfs) {
    const started = Date.now();
    const { alto, hocr, pages } = ocrPdf(pdf, dpi);
    const dir = dirname(pdf);
    writeFileSync(join(dir, "source.alto.xml"), alto);
    writeFileSync(join(dir, "source.hocr"), hocr);
    process.stderr.write(`ocr-xml: ${pdf}: ${pages} page(s) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
