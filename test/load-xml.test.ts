import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocument } from "../src/load/index.js";
import { loadAlto } from "../src/load/alto.js";
import { loadHocr } from "../src/load/hocr.js";
import { LoadError } from "../src/load/load-error.js";
import { decodeReferences } from "../src/load/xml/parse.js";
import type { DocumentModel, Span } from "../src/model/document.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const slice = (m: DocumentModel, s: Span): string => m.text.slice(s.start, s.end);
const spans = (m: DocumentModel): Span[] => m.pages.flatMap((p) => p.lines.flatMap((l) => l.spans));

/** A String element; positions in the file's unit. */
function str(content: string, x: number, y: number, w: number, extra = ""): string {
  return `<String CONTENT="${content}" HPOS="${x}" VPOS="${y}" WIDTH="${w}" HEIGHT="33" WC="0.91"${extra}/>`;
}

/** One line of words laid left to right at 300 dpi (~10 pt text: 33 px high, 18 px spaces). */
function line(y: number, words: Array<[string, number]>, tail = ""): string {
  let x = 300;
  const parts: string[] = [];
  for (const [w, width] of words) {
    parts.push(str(w, x, y, width));
    x += width + 18;
  }
  return `<TextLine HPOS="300" VPOS="${y}" WIDTH="${x - 318}" HEIGHT="33">${parts.join('<SP WIDTH="18"/>')}${tail}</TextLine>`;
}

const ALTO_V2 = `<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#">
  <Description><MeasurementUnit>pixel</MeasurementUnit></Description>
  <Layout>
    <Page ID="P1" PHYSICAL_IMG_NR="1" WIDTH="2480" HEIGHT="3508"><PrintSpace><TextBlock ID="B1">
      ${line(300, [["S&#233;ance", 150], ["du", 47], ["9", 21], ["novembre", 200]])}
      ${line(352, [["Dupont", 140], ["&amp;", 25], ["Fils", 70], ["et", 40], ["associés", 170], ["réunis", 140]])}
    </TextBlock></PrintSpace></Page>
    <Page ID="P2" PHYSICAL_IMG_NR="2" WIDTH="2480" HEIGHT="3508"><PrintSpace><TextBlock ID="B2">
      ${line(300, [["Page", 100], ["deux", 100]])}
    </TextBlock></PrintSpace></Page>
  </Layout>
</alto>`;

describe("ALTO loader", () => {
  it("reads ALTO v2 in pixels: pages joined by \\f, references decoded, boxes in points, confidences", () => {
    const { model, issues } = loadAlto(enc(ALTO_V2), "a.xml");
    expect(model.kind).toBe("alto");
    expect(issues).toEqual([]);
        // The first line ends short although "Dupont" would have fitted: a paragraph ends (the PDF loader's rule).
    expect(model.text).toBe("Séance du 9 novembre\nDupont & Fils et associés réunis\fPage deux");
    expect(model.pages.map((p) => model.text.slice(p.start, p.end))).toEqual(["Séance du 9 novembre\nDupont & Fils et associés réunis", "Page deux"]);
    const first = model.pages[0]?.lines[0]?.spans[0];
    expect(first && slice(model, first)).toBe("Séance");
    // 300 px at the assumed 300 dpi = 1 inch = 72 pt.
    expect(first?.box?.x).toBeCloseTo(72, 6);
    expect(first?.box?.y).toBeCloseTo(72, 6);
    expect(first?.confidence).toBe(0.91);
    expect(model.pages[0]?.width).toBeCloseTo(595.2, 1);
    expect(spans(model).every((s) => s.box !== undefined && s.confidence !== undefined)).toBe(true);
  });

  it("reads ALTO v4 with a namespace prefix in mm10, and v3 in inch1200", () => {
    const v4 = `<alto:alto xmlns:alto="http://www.loc.gov/standards/alto/ns-v4#"><alto:Description><alto:MeasurementUnit>mm10</alto:MeasurementUnit></alto:Description>
      <alto:Layout><alto:Page ID="p" WIDTH="2100" HEIGHT="2970"><alto:PrintSpace><alto:TextBlock><alto:TextLine>
        <alto:String CONTENT="Délibération" HPOS="254" VPOS="508" WIDTH="300" HEIGHT="30" WC="0.5"/><alto:SP/>
        <alto:String CONTENT="n°12" HPOS="574" VPOS="508" WIDTH="120" HEIGHT="30" WC="1"/>
      </alto:TextLine></alto:TextBlock></alto:PrintSpace></alto:Page></alto:Layout></alto:alto>`;
    const { model } = loadAlto(enc(v4), "v4.xml");
    expect(model.text).toBe("Délibération n°12");
    const [a, b] = spans(model);
    // 254 tenths of a millimetre = 1 inch = 72 pt.
    expect(a?.box?.x).toBeCloseTo(72, 6);
    expect(a?.box?.y).toBeCloseTo(144, 6);
    expect(a?.confidence).toBe(0.5);
    expect(b?.confidence).toBe(1);
    expect(model.pages[0]?.width).toBeCloseTo(595.28, 1);

    const v3 = `<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Description><MeasurementUnit>inch1200</MeasurementUnit></Description>
      <Layout><Page ID="p" WIDTH="9920" HEIGHT="14032"><PrintSpace><TextBlock><TextLine>
        <String CONTENT="Vote" HPOS="1200" VPOS="2400" WIDTH="400" HEIGHT="130"/>
      </TextLine></TextBlock></PrintSpace></Page></Layout></alto>`;
    const dpi = `<alto><Description><MeasurementUnit>pixel</MeasurementUnit><sourceImageInformation><fileName>a.tif</fileName><xResolution>150</xResolution></sourceImageInformation></Description>
      <Layout><Page WIDTH="1240" HEIGHT="1754"><TextBlock><TextLine><String CONTENT="Vote" HPOS="150" VPOS="150" WIDTH="60" HEIGHT="16"/></TextLine></TextBlock></Page></Layout></alto>`;
    // A resolution given under sourceImageInformation replaces the assumed 300 dpi.
    expect(spans(loadAlto(enc(dpi), "dpi.xml").model)[0]?.box?.x).toBeCloseTo(72, 6);
    const loaded = loadAlto(enc(v3), "v3.xml").model;
    expect(loaded.text).toBe("Vote");
    expect(spans(loaded)[0]?.box?.x).toBeCloseTo(72, 6);
    expect(spans(loaded)[0]?.confidence).toBeUndefined();
  });

  it("joins SUBS_TYPE HypPart1/HypPart2 halves into SUBS_CONTENT, and a line ending with <HYP>", () => {
    const hyp = `<alto><Description><MeasurementUnit>pixel</MeasurementUnit></Description><Layout><Page WIDTH="2480" HEIGHT="3508"><PrintSpace><TextBlock>
      <TextLine>${str("le", 300, 300, 40)}<SP/>${str("pôle", 358, 300, 90)}<SP/>${str("micro", 466, 300, 110, ' SUBS_TYPE="HypPart1" SUBS_CONTENT="microtechnique"')}<HYP CONTENT="-"/></TextLine>
      <TextLine>${str("technique", 300, 352, 200, ' SUBS_TYPE="HypPart2" SUBS_CONTENT="microtechnique"')}<SP/>${str("soutient", 518, 352, 170)}<SP/>${str("la", 706, 352, 40)}<SP/>${str("déli", 764, 352, 80)}<HYP CONTENT="-"/></TextLine>
      <TextLine>${str("bération", 300, 404, 170)}<SP/>${str("votée", 488, 404, 120)}</TextLine>
    </TextBlock></PrintSpace></Page></Layout></alto>`;
    const { model } = loadAlto(enc(hyp), "h.xml");
    expect(model.text).toBe("le pôle microtechnique soutient la délibération votée");
    const all = spans(model);
    expect(all.map((s) => slice(model, s))).toEqual(["le", "pôle", "micro", "technique", "soutient", "la", "déli", "bération", "votée"]);
    // The halves touch: one word in the text, each half keeping its own box.
    expect(all[2]?.end).toBe(all[3]?.start);
    expect(all[2]?.box?.y).toBeLessThan(all[3]?.box?.y ?? 0);
  });

  it("refuses a billion-laughs file before parsing, with a LoadError", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("")}]><alto><Layout><Page><TextBlock><TextLine><String CONTENT="&lol9;"/></TextLine></TextBlock></Page></Layout></alto>`;
    const started = performance.now();
    let error: unknown;
    try {
      loadAlto(enc(lol), "lol.xml");
    } catch (e) {
      error = e;
    }
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).reason).toMatch(/without entity declarations, got a DOCTYPE declaring entities/);
    expect(elapsed).toBeGreaterThanOrEqual(0); // measured, not asserted: a linear scan
  });

  it("decodes numeric references and the XML built-ins only", () => {
    expect(decodeReferences("&#233;t&#xE9; &lt;a&gt; &quot;b&quot; &apos;c&apos; &amp;amp; &unknown; &#0;")).toBe("été <a> \"b\" 'c' &amp; &unknown; &#0;");
  });

  it("gives a LoadError with the reason for malformed, truncated, empty and non-ALTO XML", async () => {
    const cases: Array<[string, string, RegExp]> = [
      ["trunc.xml", ALTO_V2.slice(0, 400), /Expected well-formed ALTO XML, got malformed XML at line \d+/],
      ["bad.xml", "<alto><Layout></Page></Layout></alto>", /malformed XML/],
      ["empty.xml", "", /got an empty file/],
      ["rss.xml", '<?xml version="1.0"?><rss version="2.0"><channel/></rss>', /Expected ALTO XML \(an <alto> root element\) or hOCR \(ocr_page elements\), got a <rss> root element/],
      ["nopage.xml", "<alto><Layout/></alto>", /at least one <Page>/],
      ["page.html", "<html><body><p>Hello</p></body></html>", /Expected hOCR \(elements of class "ocr_page"\), got a <html> document without any/],
    ];
    for (const [path, xml, reason] of cases) {
      const err = await loadDocument(enc(xml), path).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, path).toBeInstanceOf(LoadError);
      expect((err as LoadError).reason, path).toMatch(reason);
      expect((err as LoadError).path).toBe(path);
    }
  });
});

const HOCR = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title><meta name='ocr-system' content='tesseract 5.3.0' /></head><body>
 <div class='ocr_page' id='page_1' title='image "p1.png"; bbox 0 0 2480 3508; ppageno 0; scan_res 300 300'>
  <div class='ocr_carea' title="bbox 300 300 1000 400"><p class='ocr_par' title="bbox 300 300 1000 400">
   <span class='ocr_line' title="bbox 300 300 1000 333; baseline 0 -8">
    <span class='ocrx_word' title='bbox 300 300 450 333; x_wconf 93'>Pour</span>
    <span class='ocrx_word' title='bbox 468 300 478 333; x_wconf 96'>:</span>
    <span class='ocrx_word' title='bbox 496 300 560 333; x_wconf 71'>114</span>
   </span>
  </p></div>
 </div>
 <div class='ocr_page' id='page_2' title='bbox 0 0 2480 3508; ppageno 1'>
  <div class='ocr_carea'><p class='ocr_par'>
   <span class='ocr_line' title="bbox 300 300 1000 333"><span class='ocrx_word' title='bbox 300 300 500 333; x_wconf 88'><strong>Adopt&#233;</strong></span></span>
  </p></div>
 </div>
</body></html>`;

describe("hOCR loader", () => {
  it("reads ocr_page, ocr_line and ocrx_word with x_wconf as a 0..1 confidence and bbox in points", async () => {
    const { model, issues } = await loadDocument(enc(HOCR), "a.hocr");
    expect(model.kind).toBe("hocr");
    expect(issues).toEqual([]);
    expect(model.text).toBe("Pour : 114\fAdopté");
    const all = spans(model);
    expect(all.map((s) => s.confidence)).toEqual([0.93, 0.96, 0.71, 0.88]);
    expect(all[0]?.box?.x).toBeCloseTo(72, 6);
    expect(all[0]?.box?.w).toBeCloseTo(36, 6);
    expect(model.pages.length).toBe(2);
    expect(model.pages[1]?.height).toBeCloseTo(841.92, 2);
  });

  it("reads hOCR written as HTML (unclosed <meta>, <br>) and hyphenated line ends", () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ocr-system" content="x"></head><body>
      <div class="ocr_page" title="bbox 0 0 2480 3508"><p class="ocr_par">
        <span class="ocr_line" title="bbox 300 300 1400 333"><span class="ocrx_word" title="bbox 300 300 600 333; x_wconf 90">Le</span> <span class="ocrx_word" title="bbox 618 300 900 333">conseil</span> <span class="ocrx_word" title="bbox 918 300 1100 333">muni-</span></span><br>
        <span class="ocr_line" title="bbox 300 352 1000 385"><span class="ocrx_word" title="bbox 300 352 500 385">cipal</span> <span class="ocrx_word" title="bbox 518 352 700 385">approuve</span></span>
      </p></div></body></html>`;
    const { model } = loadHocr(enc(html), "b.html");
    expect(model.text).toBe("Le conseil municipal approuve");
    expect(spans(model)[1]?.confidence).toBeUndefined();
  });

  it("refuses entity declarations in hOCR too", () => {
    const evil = `<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><div class="ocr_page">&x;</div></body></html>`;
    expect(() => loadHocr(enc(evil), "evil.hocr")).toThrow(/declaring entities/);
  });
});

describe("OCR versions of corpus cases (tesseract ALTO and hOCR, src/tools/ocr-xml.ts)", () => {
  const root = join(import.meta.dirname, "..");
  const cases: Array<[string, number, string[]]> = [
    ["corpus/grand-besancon/2020-11-09-rapport-31", 19, ["Microtechniques", "2020/005418", "VIGNOT", "Procurations de vote"]],
    ["corpus/written/commune/2021-03-15-beze", 2, ["Bèze", "DETR", "Rénovation"]],
    ["corpus/written/register/2022-04-12-morteau", 2, ["Morteau", "Conseil municipal"]],
  ];
  for (const [dir, pages, words] of cases) {
    it(`${dir}: ALTO and hOCR give the same text, pages and words, with boxes and confidences`, async () => {
      const alto = (await loadDocument(new Uint8Array(readFileSync(join(root, dir, "source.alto.xml"))), "source.alto.xml")).model;
      const hocr = (await loadDocument(new Uint8Array(readFileSync(join(root, dir, "source.hocr"))), "source.hocr")).model;
      expect(alto.kind).toBe("alto");
      expect(hocr.kind).toBe("hocr");
      expect(alto.pages.length).toBe(pages);
      expect(hocr.pages.length).toBe(pages);
      expect(alto.text.split("\f").length).toBe(pages);
      for (const w of words) expect(alto.text, w).toContain(w);
      expect(hocr.text).toBe(alto.text);
      for (const model of [alto, hocr]) {
        const all = spans(model);
        expect(all.length).toBeGreaterThan(100);
        expect(all.every((s) => s.box !== undefined && s.box.w >= 0 && s.confidence !== undefined && s.confidence >= 0 && s.confidence <= 1)).toBe(true);
        expect(all.every((s, i) => s.start < s.end && (i === 0 || (all[i - 1]?.end ?? 0) <= s.start))).toBe(true);
      }
    });
  }
});
