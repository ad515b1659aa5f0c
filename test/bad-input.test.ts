import { afterAll, describe, expect, it } from "vitest";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import { main } from "../src/cli.js";
import { packageRoot } from "../src/paths.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const SEED = join(packageRoot, "corpus", "grand-besancon", "2020-11-09-rapport-31");

async function encryptedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ userPassword: "secret", pdfVersion: "1.7", info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.text("Séance du conseil municipal");
  doc.end();
  return done;
}

/** A one-page PDF whose page tree claims a million pages. */
const PAGE_COUNT_BOMB = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1000000 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

/** A page whose content stream inflates from ~100 KB to `mb` MB of spaces. */
export function inflateBomb(mb = 100): Buffer {
  const z = deflateSync(Buffer.alloc(mb * 1024 * 1024, 0x20), { level: 9 });
  const head = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj
4 0 obj << /Length ${z.length} /Filter /FlateDecode >> stream
`;
  return Buffer.concat([Buffer.from(head), z, Buffer.from("\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")]);
}

const ENTITY_BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&lol3;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>
`;

describe("a folder of bad input", () => {
  it("names every bad file with its reason, keeps every good record, exits 1", async () => {
    const root = mkdtempSync(join(tmpdir(), "delib-bad-"));
    made.push(root);
    const input = join(root, "in");
    mkdirSync(input);
    copyFileSync(join(SEED, "source.txt"), join(input, "a-good.txt"));
    writeFileSync(join(input, "b-zero.pdf"), "");
    writeFileSync(join(input, "c-truncated.pdf"), readFileSync(join(SEED, "source.pdf")).subarray(0, 3000));
    // Deterministic "random" bytes: no %PDF- header anywhere.
    writeFileSync(join(input, "d-random.pdf"), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251)));
    writeFileSync(join(input, "e-encrypted.pdf"), await encryptedPdf());
    writeFileSync(join(input, "f-page-count-bomb.pdf"), PAGE_COUNT_BOMB);
    writeFileSync(join(input, "g-inflate-bomb.pdf"), inflateBomb());
    // Past the 256 MB a stream may inflate to (src/load/pdf/inflate-guard.ts): refused before pdf.js.
    writeFileSync(join(input, "g2-inflate-bomb-300mb.pdf"), inflateBomb(300));
    writeFileSync(join(input, "h-latin1.txt"), Buffer.from("Séance du conseil municipal du 3 mai 2021\n", "latin1"));
    writeFileSync(join(input, "i-entities.xml"), ENTITY_BOMB);
    // Past MAX_TEXT_BYTES (64 MB): refused before it is made a string.
    writeFileSync(join(input, "i2-huge.txt"), Buffer.alloc(65 * 1024 * 1024, 0x61));
    mkdirSync(join(input, "j-loop"));
    symlinkSync("..", join(input, "j-loop", "up"));
    const root0 = userInfo().uid === 0;
    if (!root0) {
      copyFileSync(join(SEED, "source.txt"), join(input, "k-unreadable.txt"));
      chmodSync(join(input, "k-unreadable.txt"), 0o000);
    }
    const out = join(root, "out");
    expect(await main(["extract", input, "--out", out, "--quiet"])).toBe(1);
    const docs = readFileSync(join(out, "documents.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as { path: string; status: string; reason: string | null; issues: Array<{ ruleId: string }> });
    const status = Object.fromEntries(docs.map((d) => [d.path.split("/").at(-1), d.status]));
    expect(status).toEqual({
      "a-good.txt": "ok",
      "b-zero.pdf": "failed",
      "c-truncated.pdf": "failed",
      "d-random.pdf": "failed",
      "e-encrypted.pdf": "failed",
      // pdf.js reads the one page there is, whatever the tree claims; the 100 MB stream is read, holds no text.
      "f-page-count-bomb.pdf": "ok",
      "g-inflate-bomb.pdf": "ok",
      "g2-inflate-bomb-300mb.pdf": "failed",
      "h-latin1.txt": "ok",
      "i-entities.xml": "failed",
      "i2-huge.txt": "failed",
      ...(root0 ? {} : { "k-unreadable.txt": "failed" }),
    });
    // Each failure is one line naming the file and why.
    for (const d of docs.filter((x) => x.status === "failed")) {
      expect(d.reason, d.path).toMatch(new RegExp(`^${d.path.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}: (Expected|cannot be read)`, "u"));
      expect(d.reason, d.path).not.toMatch(/\n/u);
    }
    expect(docs.find((d) => d.path.endsWith("h-latin1.txt"))?.issues.map((i) => i.ruleId)).toContain("text.encoding-fallback");
    expect(readFileSync(join(out, "deliberations.jsonl"), "utf8").split("\n").filter((l) => l !== "")).toHaveLength(1);
  }, 120_000);
});
