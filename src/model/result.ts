import type { Issue } from "./issue.js";
import type { PageSource, SourceKind } from "./document.js";
import type { DelibRecord } from "./record.js";
import type { RunningLine } from "../text/running.js";

export type DocumentStatus = "ok" | "partial" | "failed";

/** One input document after the pipeline: its records, its problems, and how it went. */
export interface DocumentResult {
  /** Path as given to the batch, relative to the working directory, with "/" separators. */
  path: string;
  sha256: string;
  kind: SourceKind | null;
  pages: number;
  status: DocumentStatus;
  /** Why the document failed, in one line naming the file; null unless failed. */
  reason: string | null;
  format: string | null;
  records: DelibRecord[];
  /** Document-level issues (loading, format detection, segmentation): record-level ones live on records. */
  issues: Issue[];
  /** PDFs: per page, text layer or OCR, and why; absent for other inputs. */
  pageSources?: PageSource[];
  /** Running headers, footers and page numbers (src/text/running.ts); absent when the document could not be read. */
  running?: RunningLine[];
  /** Milliseconds per stage. Not deterministic: written to documents.jsonl only when asked. */
  timings: Record<string, number>;
  /** The assembled text, kept so tests can check provenance; never written out. */
  text: string;
}
