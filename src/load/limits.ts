/**
 * What reading one document may cost, in a module of its own so that the batch's main thread can name
 * these limits without loading pdf.js or the OCR engine (each thread that reads loads them).
 */

/**
 * Pages a PDF may have unless `--max-pages` says otherwise: the longest document of the shared corpus has
 * 49 pages and a year of a council's minutes bound together a few hundred; a file declaring 100,000 pages
 * (a "PDF bomb") would hold the batch for hours.
 */
export const DEFAULT_MAX_PAGES = 2000;

/** Pages read at once, at most: each tesseract worker holds ~150 MB and uses one core; 2 cores here. */
export const MAX_OCR_WORKERS = 2;
