/**
 * The pipeline, written down once:
 * load → assemble text → running lines (src/text/running.ts) → detect format → segment → per deliberation:
 * extract → refine (resolve names) → de-duplicate annexes (src/annexes/) → budget tables from the kept annexes
 * and the prefecture's stamp → build the record → check (src/check/, one module per check).
 * Writing and the checks report are the batch's job (src/batch/). Every stage reports problems as issues,
 * never as exceptions.
 */
import { readFileSync } from "node:fs";
import type { Issue } from "./model/issue.js";
import type { DocumentResult } from "./model/result.js";
import { loadDocument } from "./load/index.js";
import type { OcrMode } from "./load/ocr/choose.js";
import { LoadError } from "./load/load-error.js";
import { matchingView } from "./text/markup.js";
import { toSource, type TextView } from "./text/view.js";
import { pageAt, type DocumentModel } from "./model/document.js";
import type { CutShort } from "./segment/truncation.js";
import { loadRuleBook } from "./rules/format.js";
import { detectFormat } from "./format/detect.js";
import { segment } from "./segment/segment.js";
import { buildRecord } from "./record/build.js";
import { sha256Hex } from "./model/sha256.js";
import { harmoniseNumberForms } from "./refine/number-form.js";
import { isScdlDeliberations, notScdlDeliberations, scdlRecords, SCDL_FORMAT } from "./scdl/records.js";
import { runChecks } from "./check/run.js";
import { runningLinesOf } from "./text/running.js";

/** Loader issues that mean part of the document could not be read: its status is then "partial". */
const PARTIAL_WHEN: ReadonlySet<string> = new Set(["pdf.truncated", "pdf.page-without-text", "pdf.ocr-failed"]);

export interface ProcessOptions {
  /** Force a rule set instead of detecting one ("grand-besancon/2020"). */
  format?: string;
  /** The path written into records (defaults to the path read). */
  displayPath?: string;
  /** PDF pages without a usable text layer: "auto" (default) OCRs them, "off" reads them as empty. */
  ocr?: OcrMode;
  /** A PDF with more pages fails unread (default DEFAULT_MAX_PAGES). */
  maxPages?: number;
}

function now(): number {
  return performance.now();
}

/** Runs one document through every stage. Never throws for bad input: a failed document says why. */
export async function processDocument(path: string, options: ProcessOptions = {}): Promise<DocumentResult> {
  const shown = options.displayPath ?? path;
  const timings: Record<string, number> = {};
  const result: DocumentResult = { path: shown, sha256: "", kind: null, pages: 0, status: "ok", reason: null, format: null, records: [], issues: [], timings, text: "" };
  let t = now();
  const lap = (stage: string): void => {
    const n = now();
    timings[stage] = Math.round((n - t) * 10) / 10;
    t = n;
  };
  let bytes: Uint8Array;
  try {
    // A plain Uint8Array copy: pdf.js refuses Buffers and may detach what it is given. Read at once: each
    // reading process reads one document at a time, and an asynchronous read only left its core idle.
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    return failed(result, `${shown}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  result.sha256 = sha256Hex(bytes);
  try {
    const loaded = await loadDocument(bytes, shown, {
      ...(options.ocr === undefined ? {} : { ocr: options.ocr }),
      ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
    });
    lap("load");
    const { model } = loaded;
    result.kind = model.kind;
    result.pages = model.pages.length;
    result.text = model.text;
    if (model.pageSources !== undefined) result.pageSources = model.pageSources;
    result.running = runningLinesOf(model);
    result.issues.push(...loaded.issues);
    // Structured data, not minutes: an SCDL deliberations file has its values in columns.
    if (isScdlDeliberations(model.text)) {
      const scdl = scdlRecords(model, { path: shown, sha256: result.sha256 });
      result.format = SCDL_FORMAT;
      result.issues.push(...scdl.issues);
      for (const record of scdl.records) {
        record.issues.push(...runChecks(record));
        result.records.push(record);
      }
      lap("extract");
      return result;
    }
    // "Nom;Statut;…" (a table of attendance kept beside the minutes): a CSV file holds no minutes to read.
    if (shown.toLowerCase().endsWith(".csv")) {
      result.issues.push(notScdlDeliberations(shown, model.text));
      return result;
    }
    const view: TextView = matchingView(model);
    const detection = detectFormat(view.text, loadRuleBook(), options.format);
    result.format = detection.format.ref;
    result.issues.push(...detection.issues);
    lap("detect");
    if (result.issues.some((i) => PARTIAL_WHEN.has(i.ruleId))) result.status = "partial";
    const segments = segment(view, detection.format);
    if (segments.cutShort !== undefined) result.issues.push(cutShortIssue(model, view, segments.cutShort));
    lap("segment");
    if (segments.deliberations.length === 0) {
      result.issues.push(notADeliberation(detection.format.ref));
      return result;
    }
    // One deliberation that trips a bug of ours costs that record only: the others are kept.
    segments.deliberations.forEach((d, i) => {
      try {
        const record = buildRecord(model, view, detection.format, segments, d, i, { path: shown, sha256: result.sha256 });
        record.issues.push(...runChecks(record));
        result.records.push(record);
      } catch (e) {
        result.status = "partial";
        result.issues.push({ severity: "error", ruleId: "record.internal-error", message: `Expected a record for deliberation #${i}, got an internal error: ${(e as Error).message}`, place: null });
      }
    });
    harmoniseNumberForms(result.records);
    lap("extract");
    return result;
  } catch (e) {
    if (e instanceof LoadError) return failed(result, e.message);
    // A bug of ours must not stop the batch either: the document fails with the error's message.
    return failed(result, `${shown}: internal error while processing (${(e as Error).message})`);
  }
}

function failed(result: DocumentResult, reason: string): DocumentResult {
  return { ...result, status: "failed", reason, records: [] };
}

function notADeliberation(format: string): Issue {
  return {
    severity: "info",
    ruleId: "segment.no-deliberation",
    message: `Expected at least one deliberation heading (rules ${format}), got none: no record`,
    place: null,
  };
}

function cutShortIssue(model: DocumentModel, view: TextView, cut: CutShort): Issue {
  const { start, end } = toSource(view, cut.range.start, cut.range.end);
  return {
    severity: "warning",
    ruleId: "segment.cut-short",
    message: `Expected the text to run to page ${cut.of} of its page marks, got a last mark on page ${cut.page}: the text stops early; its last item is kept even without a decision`,
    place: { page: pageAt(model, start), start, end },
  };
}
