import { readFileSync } from "node:fs";
import { getDocument, Util } from "pdfjs-dist/legacy/build/pdf.mjs";
import { buildRows } from "/work/wt/dist/load/pdf/rows.js";
import { removeDoubledGlyphs } from "/work/wt/dist/load/pdf/fake-bold.js";
const [p, pageNo, grep] = process.argv.slice(2);
const doc = await getDocument({ data: new Uint8Array(readFileSync(p)), verbosity: 0 }).promise;
const page = await doc.getPage(Number(pageNo));
const vp = page.getViewport({ scale: 1 });
const c = await page.getTextContent();
const items = [];
for (const it of c.items) { if (!it.str || !it.str.trim()) continue; const m = Util.transform(vp.transform, it.transform); items.push({ str: it.str, x: m[4], baseline: m[5], width: it.width, fontSize: Math.hypot(m[2], m[3]) }); }
for (const r of buildRows(removeDoubledGlyphs(items))) {
  const t = r.words.map(w => w.text).join(" ");
  if (grep && !t.includes(grep)) continue;
  console.log(r.baseline.toFixed(1), r.fontSize.toFixed(1), r.words.map(w => `${w.text}@${w.x0.toFixed(0)}-${w.x1.toFixed(0)}`).join(" "));
}
