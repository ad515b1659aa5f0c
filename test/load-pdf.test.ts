import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import { loadPdf } from "../src/load/pdf.js";
import { LoadError } from "../src/load/load-error.js";
import type { Loaded } from "../src/load/loaded.js";
import { renderPdf, type RenderResult } from "../src/tools/render-pdf.js";
import { packageRoot } from "../src/paths.js";

const CASE = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31");
const SEED = readFileSync(join(CASE, "source.txt"), "utf8");

/** The seed as plain text: markup dropped, white space (paragraph breaks included) made single spaces. */
const stripMarkup = (s: string): string => s.replace(/\*\*/gu, "").replace(/\*/gu, "").replace(/\^\{([^}]*)\}/gu, "$1");
const normalise = (s: string): string => s.replace(/\s+/gu, " ").trim();

/** Dice coefficient over the words' longest common subsequence. */
function wordSimilarity(a: string[], b: string[]): number {
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] ?? 0) + 1 : Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    [prev, cur] = [cur, prev];
  }
  return (2 * (prev[b.length] ?? 0)) / (a.length + b.length);
}

async function pdfkitBytes(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  const doc = new PDFDocument({ ...options, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  draw(doc);
  doc.end();
  return done;
}

async function loadError(bytes: Uint8Array): Promise<LoadError> {
  try {
    await loadPdf(bytes, "x.pdf");
  } catch (err) {
    if (err instanceof LoadError) return err;
    throw err;
  }
  throw new Error("expected a LoadError");
}

describe("loadPdf on the rendered seed (two-column attendance pages, tables, fake bold, hyphenation)", () => {
  let rendered: RenderResult;
  let loaded: Loaded;
  let text: string;
  let loadMs = 0;

  beforeAll(async () => {
    rendered = await renderPdf(SEED, { twoColumnPages: [1, 2] });
    const t0 = performance.now();
    loaded = await loadPdf(new Uint8Array(rendered.bytes), "source.pdf");
    loadMs = performance.now() - t0;
    text = loaded.model.text;
  });

  it("reads every paragraph of the seed, in order", () => {
    expect(loaded.model.kind).toBe("pdf");
    expect(loaded.issues).toEqual([]);
    expect(loaded.model.pages.length).toBe(rendered.pages);
    const flat = normalise(text);
    let from = 0;
    for (const paragraph of stripMarkup(SEED).split("\n").map(normalise).filter((p) => p !== "")) {
      const at = flat.indexOf(paragraph, from);
      expect(at, paragraph).toBeGreaterThanOrEqual(0);
      from = at + paragraph.length;
    }
    const similarity = wordSimilarity(normalise(stripMarkup(SEED)).split(" "), flat.split(" "));
    expect(similarity).toBeGreaterThan(0.995);
    expect(loadMs).toBeLessThan(5000);
  });

  it("keeps the reading order of the two-column attendance lists and proxies", () => {
    for (const s of [
      "Audeux : Mme Françoise GALLIOU Besançon : Mme Elise AEBISCHER",
      "Byans-sur-Doubs : M. Didier PAINEAU",
      "L. BERNARD à JP. MICHAUD B. LOUIS à F. TAILLARD",
      "Rapporteur : Nicolas BODIN, Vice-Président",
      "Commission : Innovation, attractivité, enseignement supérieur, économie, tourisme et numérique",
      "Montant de l'opération : 45 000 €",
      "1er Vice-Président",
      "re-labellisation",
      "Ne prennent pas part au vote : 3",
    ]) {
      expect(text).toContain(s);
    }
    expect(loaded.model.pages[0]?.columns).toBe(2);
    expect(loaded.model.pages[1]?.columns).toBe(2);
    expect(loaded.model.pages[2]?.columns).toBe(1);
  });

  it("puts headings, signature lines, list items and table rows on lines of their own", () => {
    const lines = text.split(/[\n\f]/u);
    for (const line of [
      "Rapporteur : Nicolas BODIN, Vice-Président",
      "Gabriel BAULIEU",
      "1er Vice-Président",
      "Pour : 114",
      "- Participer davantage aux instances nationales et faire plus de lobbying",
      "Personnel\t482 812",
      "Région Bourgogne Franche-Comté\t285 430",
      "Financeurs publics\tMontant recettes",
    ]) {
      expect(lines).toContain(line);
    }
  });

  it("drops the doubled glyphs of fake bold", () => {
    const count = (s: string, w: string): number => s.split(w).length - 1;
    expect(count(text, "luxe")).toBe(count(stripMarkup(SEED), "luxe"));
    expect(text).not.toMatch(/luxe\s*luxe|lluuxxee|microsystèmesmicrosystèmes/u);
    expect(text).toContain("- luxe qui regroupe des segments");
    expect(text).toContain("sur 5 domaines d'actions stratégiques (DAS) en lien");
  });

  it("joins the words the renderer hyphenated across lines", () => {
    expect(rendered.hyphenated.length).toBeGreaterThan(10);
    for (const { prefix, suffix } of rendered.hyphenated) {
      expect(text).toContain(prefix + suffix);
      expect(text).not.toContain(`${prefix}- ${suffix}`);
    }
  });

  it("indexes every word: spans cover the text's non-blank characters exactly, in order", () => {
    const { pages } = loaded.model;
    const problems: string[] = [];
    let covered = 0;
    let last = -1;
    pages.forEach((page, p) => {
      if (page.number !== p + 1) problems.push(`page ${p} numbered ${page.number}`);
      if (text.slice(page.end, page.end + 1) !== (p === pages.length - 1 ? "" : "\f")) problems.push(`page ${page.number} does not end at a form feed`);
      if (Math.abs((page.width ?? 0) - 595.28) > 0.1) problems.push(`page ${page.number} width ${page.width}`);
      for (const line of page.lines) {
        if (line.start < page.start || line.end > page.end) problems.push(`line ${line.start} outside page ${page.number}`);
        line.spans.forEach((span, k) => {
          const word = text.slice(span.start, span.end);
          const box = span.box;
          if (!/^\S+$/u.test(word)) problems.push(`span ${span.start} is ${JSON.stringify(word)}`);
          if (span.start <= last || span.start < line.start || span.end > line.end) problems.push(`span ${span.start} out of order`);
          const before = line.spans[k - 1];
          if (before !== undefined && !/^[ \t]+$/u.test(text.slice(before.end, span.start))) problems.push(`span ${span.start} not separated`);
          if (box === undefined || box.w <= 0 || box.y <= 0 || box.y + box.h >= 841.89) problems.push(`span ${span.start} box ${JSON.stringify(box)}`);
          covered += span.end - span.start;
          last = span.start;
        });
      }
    });
    expect(problems).toEqual([]);
    expect(covered).toBe(text.replace(/\s/gu, "").length);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("writes nothing on stdout", async () => {
    const write = vi.spyOn(process.stdout, "write");
    const log = vi.spyOn(console, "log");
    const info = vi.spyOn(console, "info");
    await loadPdf(new Uint8Array(rendered.bytes), "source.pdf");
    expect(write).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
  });
});

describe("loadPdf on broken input", () => {
  it("rejects an empty file, a non-PDF, corrupt bytes and a truncated PDF with a reason", async () => {
    expect((await loadError(new Uint8Array(0))).reason).toMatch(/empty file/u);
    expect((await loadError(new TextEncoder().encode("Délibération n°12, pas un PDF"))).reason).toMatch(/%PDF- header/u);
    expect((await loadError(new TextEncoder().encode(`%PDF-1.7\n${"x".repeat(4000)}\n%%EOF\n`))).reason).toMatch(/corrupt/u);
    const good = await pdfkitBytes({}, (d) => d.text("Séance du 9 novembre 2020", 50, 50));
    const truncated = await loadError(good.slice(0, Math.floor(good.length * 0.6)));
    expect(truncated.reason).toMatch(/truncated/u);
    expect(truncated.path).toBe("x.pdf");
    expect(truncated.message).toContain("x.pdf: ");
  });

  it("rejects a PDF damaged inside without crashing the process", async () => {
    const { bytes } = await renderPdf(SEED.slice(0, 12000), { twoColumnPages: [1, 2] });
    const damaged = new Uint8Array(bytes);
    damaged.fill(0x41, 2000, damaged.length - 3000);
    expect((await loadError(damaged)).reason).toMatch(/^Expected /u);
  });

  it("rejects a password-protected PDF", async () => {
    const locked = await pdfkitBytes({ userPassword: "secret", ownerPassword: "owner" }, (d) => d.text("confidentiel", 50, 50));
    expect((await loadError(locked)).reason).toMatch(/encrypted/u);
  });

  it("reports a page without a text layer as a warning when OCR is off", async () => {
    const bytes = await pdfkitBytes({}, (d) => {
      d.rect(50, 50, 200, 100).fill();
      d.addPage();
      d.text("Le Conseil municipal, après en avoir délibéré", 50, 50);
    });
    const { model, issues } = await loadPdf(bytes, "scan.pdf", { ocr: "off" });
    expect(model.text).toBe("\fLe Conseil municipal, après en avoir délibéré");
    expect(model.pages[0]?.lines).toEqual([]);
    expect(issues).toEqual([
      {
        severity: "warning",
        ruleId: "pdf.page-without-text",
        message: "Expected a text layer on page 1 of scan.pdf, got none: OCR turned off (--ocr off)",
        place: { page: 1, start: 0, end: 0 },
      },
    ]);
  });
});
