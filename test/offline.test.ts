import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../src/paths.js";

/** Issue 4: nothing is downloaded at run time. OCR with the network cut in the process and its workers. */
describe("offline", () => {
  it("OCRs a scanned page with tesseract.js while every socket, DNS lookup and fetch throws", () => {
    const r = spawnSync(process.execPath, ["--require", join(packageRoot, "test", "offline", "cut-network.cjs"), join(packageRoot, "test", "offline", "ocr-one-page.mjs")], {
      cwd: packageRoot,
      encoding: "utf8",
      env: { ...process.env, DELIB_OCR_ENGINE: "tesseract.js", DELIB_OCR_CACHE: "off" },
      timeout: 120_000,
    });
    expect(r.stderr).not.toContain("NETWORK ATTEMPT");
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { sources: Array<{ source: string }>; words: number; issues: string[] };
    expect(out.sources.map((s) => s.source)).toEqual(["ocr"]);
    expect(out.words).toBeGreaterThan(100);
    expect(out.issues).not.toContain("pdf.ocr-failed");
  }, 150_000);

  it("the network cut is real, in worker threads too (tesseract.js runs in them): a fetch there is refused", () => {
    const inWorker = "new (require('node:worker_threads').Worker)(\"fetch('https://registry.npmjs.org').then(() => process.exit(0), () => process.exit(3))\", { eval: true }).on('exit', (code) => process.exit(code))";
    const r = spawnSync(process.execPath, ["--require", join(packageRoot, "test", "offline", "cut-network.cjs"), "-e", inWorker], { encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toContain("NETWORK ATTEMPT: fetch https://registry.npmjs.org");
    expect(r.status).toBe(3);
  });
});
