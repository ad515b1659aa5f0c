/**
 * DuckDB values as plain data the output formats print the same way on every run: numbers keep
 * their exact digits (BIGINT, HUGEINT and DECIMAL are never rounded through a double), nested
 * values become arrays and objects, anything else (dates, times, intervals, UUIDs, blobs) the text
 * DuckDB prints for it.
 */
import {
  DuckDBArrayValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBUnionValue,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";

/** A number as the text that writes it exactly (JSON number syntax, or NaN / Infinity / -Infinity). */
export class NumberText {
  constructor(readonly text: string) {}
}

/** What a result cell holds once converted. */
export type Plain = null | boolean | string | NumberText | readonly Plain[] | { readonly [key: string]: Plain };

/** A MAP with keys that are not all distinct strings stays a list of {key, value} entries. */
function mapToPlain(map: DuckDBMapValue): Plain {
  const entries = map.entries.map((e) => ({ key: toPlain(e.key), value: toPlain(e.value) }));
  const keys = entries.map((e) => e.key);
  if (keys.every((k): k is string => typeof k === "string") && new Set(keys).size === keys.length) {
    return Object.fromEntries(entries.map((e) => [e.key as string, e.value]));
  }
  return entries;
}

/** One DuckDB value as plain data. */
export function toPlain(value: DuckDBValue): Plain {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return new NumberText(String(value));
  if (typeof value === "bigint") return new NumberText(value.toString());
  if (value instanceof DuckDBDecimalValue) return new NumberText(value.toString());
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toPlain);
  if (value instanceof DuckDBStructValue) return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, toPlain(v)]));
  if (value instanceof DuckDBMapValue) return mapToPlain(value);
  if (value instanceof DuckDBUnionValue) return toPlain(value.value);
  return value.toString();
}

/** A cell of a column: a JSON-typed column's text is parsed, so that it nests as JSON rather than as a string. */
export function cellToPlain(value: DuckDBValue, type: DuckDBType): Plain {
  if (type.alias === "JSON" && typeof value === "string") return jsonToPlain(JSON.parse(value) as unknown);
  return toPlain(value);
}

function jsonToPlain(v: unknown): Plain {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") return new NumberText(String(v));
  if (Array.isArray(v)) return v.map(jsonToPlain);
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, jsonToPlain(x)]));
}

/** Plain data as compact JSON; a number that JSON cannot write (NaN, ±Infinity) is written as a string. */
export function plainToJson(p: Plain): string {
  if (p === null) return "null";
  if (typeof p === "boolean") return p ? "true" : "false";
  if (typeof p === "string") return JSON.stringify(p);
  if (p instanceof NumberText) return /^-?\d/u.test(p.text) ? p.text : JSON.stringify(p.text);
  if (Array.isArray(p)) return `[${(p as readonly Plain[]).map(plainToJson).join(",")}]`;
  return `{${Object.entries(p as { readonly [key: string]: Plain }).map(([k, v]) => `${JSON.stringify(k)}:${plainToJson(v)}`).join(",")}}`;
}

/** A cell as one line of text for the table and CSV: strings as they are, nested values as compact JSON. */
export function plainToText(p: Plain): string {
  if (typeof p === "string") return p;
  if (p instanceof NumberText) return p.text;
  return plainToJson(p);
}
