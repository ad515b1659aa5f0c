/**
 * What reading one document may cost, in a module of its own so that the batch's own process can name
 * these limits without loading pdf.js or the OCR engine (each reading process loads them).
 */

/**
 * Pages a PDF may have unless `--max-pages` says otherwise: the longest document of the shared corpus has
 * 49 pages and a year of a council's minutes bound together a few hundred; a file declaring 100,000 pages
 * (a "PDF bomb") would hold the batch for hours.
 */
export const DEFAULT_MAX_PAGES = 2000;

/**
 * Bytes a text, XML or CSV file may have: such files are read whole into strings, and a string split or
 * copied in one piece past a reader's heap ends its reading process (V8's fatal out-of-memory): the document
 * fails and the batch goes on, but refusing it before reading costs nothing. The longest text of the corpus is 0.3 MB; a year of a council's minutes OCR'd, a few MB.
 */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** Pages read at once, at most: each tesseract worker holds ~150 MB and uses one core; 2 cores here. */
export const MAX_OCR_WORKERS = 2;
