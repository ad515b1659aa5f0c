// Run by test/offline.test.ts with the network cut: makes a one-page scan of a corpus PDF and reads it
// with tesseract.js, the OCR cache off, so that the model has to be loaded. Prints the words read.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDocument } from "../../dist/load/index.js";
import { packageRoot } from "../../dist/paths.js";
import { makeScan } from "../../dist/tools/make-scan.js";

const pdf = new Uint8Array(readFileSync(join(packageRoot, "corpus", "written", "commune", "2021-03-15-beze", "source.pdf")));
const scan = await makeScan(pdf, { seed: 3, skewDeg: 1, maxPages: 1, dpi: 300 });
const loaded = await loadDocument(new Uint8Array(scan.bytes), "offline-scan.pdf", { ocr: "auto" });
process.stdout.write(JSON.stringify({ sources: loaded.model.pageSources, words: loaded.model.text.split(/\s+/u).length, issues: loaded.issues.map((i) => i.ruleId) }));
