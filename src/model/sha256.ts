import { createHash } from "node:crypto";

/** sha256 of bytes, hex: how documents.jsonl and records name the file read. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
