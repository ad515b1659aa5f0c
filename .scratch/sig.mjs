import { readFileSync } from "node:fs";
import { loadDocument } from "/work/wt/dist/load/index.js";
import { loadRuleBook } from "/work/wt/dist/rules/format.js";
import { readSignatory } from "/work/wt/dist/extract/signatory.js";
const p = process.argv[2];
const l = await loadDocument(new Uint8Array(readFileSync(p)), p);
const text = l.model.text;
const book = loadRuleBook();
const f = book.fallback;
for (const { rule, regex } of f.signatureStart) { regex.lastIndex = 0; for (const m of text.matchAll(regex)) console.log(rule.id, m.index, JSON.stringify(m[0]), JSON.stringify(readSignatory(text, m.index, text.length, f.vocabulary))); }
