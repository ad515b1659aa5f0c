/**
 * OCR with the native `tesseract` command (Debian's tesseract-ocr + tesseract-ocr-fra), on request
 * (DELIB_OCR_ENGINE=tesseract): 1.16–1.24 s per 300-dpi page one at a time against 1.30–1.57 s for
 * tesseract.js, 0.62–0.65 s against 0.83–0.90 s per page with two at once (npm run bench, 2 cores,
 * 2026-11-29), but less accurate on our scans (see chooseEngine).
 * One process per page, the image on stdin, TSV on stdout.
 */
import { spawn, spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { toPgm } from "./pgm.js";
import { OCR_DPI } from "./rasterise.js";
import { parseTsv } from "./tsv.js";
import type { GrayImage, OcrEngine, OcrWord } from "./types.js";

const COMMAND = "tesseract";
/** --oem 1: LSTM only (what tesseract.js runs too); --psm 3: automatic page segmentation (two columns). */
const ARGS = ["stdin", "stdout", "-l", "fra", "--oem", "1", "--psm", "3", "--dpi", String(OCR_DPI), "tsv"];

/** True when `tesseract` runs here and has the French model. */
export function nativeTesseractAvailable(): boolean {
  const r = spawnSync(COMMAND, ["--list-langs"], { encoding: "utf8", timeout: 10_000 });
  return r.status === 0 && `${r.stdout}\n${r.stderr}`.split(/\r?\n/u).some((l) => l.trim() === "fra");
}

let nativeId: string | undefined;

/** What decides what native tesseract reads, for the OCR cache: its version, the French model file, the arguments. */
export function nativeTesseractId(): string {
  if (nativeId === undefined) {
    const version = spawnSync(COMMAND, ["--version"], { encoding: "utf8", timeout: 10_000 });
    const langs = spawnSync(COMMAND, ["--list-langs"], { encoding: "utf8", timeout: 10_000 });
    const dir = /"([^"]+)"/u.exec(`${langs.stdout}${langs.stderr}`)?.[1];
    let model = "fra.traineddata ?";
    try {
      if (dir !== undefined) {
        const st = statSync(join(dir, "fra.traineddata"));
        model = `fra.traineddata ${st.size} ${st.mtimeMs}`;
      }
    } catch {
      // keep "?": the version and arguments still tell runs apart
    }
    const first = `${version.stdout}${version.stderr}`.split(/\r?\n/u)[0] ?? "";
    nativeId = `${first.trim()} ${model} ${ARGS.join(" ")}`;
  }
  return nativeId;
}

function runOnce(image: GrayImage): Promise<OcrWord[]> {
  return new Promise((resolve, reject) => {
    // One OpenMP thread: on 2 cores tesseract's default threading is 2.5–6× slower (STACK.md).
    const child = spawn(COMMAND, ARGS, { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.stdin.on("error", () => {}); // an early exit is reported by "close"
    child.on("close", (code) => {
      if (code === 0) resolve(parseTsv(Buffer.concat(out).toString("utf8")));
      else reject(new Error(`Expected tesseract to exit with 0, got ${code ?? "a signal"}: ${Buffer.concat(err).toString("utf8").trim().slice(0, 200)}`));
    });
    child.stdin.end(toPgm(image));
  });
}

/** Native tesseract, at most `parallelism` processes at once. */
export function createNativeTesseract(parallelism: number): OcrEngine {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    name: "tesseract",
    parallelism,
    async recognize(image: GrayImage): Promise<OcrWord[]> {
      // A finishing job hands its slot straight to the next waiting one.
      if (running >= parallelism) await new Promise<void>((r) => waiting.push(r));
      else running++;
      try {
        return await runOnce(image);
      } finally {
        const next = waiting.shift();
        if (next === undefined) running--;
        else next();
      }
    },
    async terminate(): Promise<void> {},
  };
}
