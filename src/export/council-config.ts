import { readFileSync } from "node:fs";
import { UsageError } from "../model/usage-error.js";
import type { DelibRecord } from "../model/record.js";
import { matieres } from "./scdl/nomenclature.js";

/**
 * What delib cannot read in a deliberation and a council states once for all of them (`--council-config file.json`):
 *
 *     { "councils": [ { "match": { "name": "Grand Besançon Métropole" },
 *                       "COLL_NOM": "…", "COLL_SIRET": "24250049600018", "DELIB_URL": "https://…/{number}.pdf",
 *                       "matieres": { "2020/005418": "7.5" } } ] }
 *
 * `match` names the council by `name` (record.council.name, exactly), `format` (the rule set id, "grand-besancon/2020")
 * or `pathPrefix` (the start of record.source.path); every key given must hold; the first entry that matches applies.
 * Every value is optional; none has a default: a council without COLL_SIRET gets none.
 */
export interface CouncilEntry {
  match: { name?: string; format?: string; pathPrefix?: string };
  COLL_NOM?: string;
  COLL_SIRET?: string;
  /** A URL template: {number} (URL-encoded DELIB_ID), {date} (DELIB_DATE) and {id} (the record id, URL-encoded) are replaced. */
  DELIB_URL?: string;
  /** DELIB_MATIERE_CODE by deliberation number, as the council classified its acts. */
  matieres?: Record<string, string>;
}

export interface CouncilConfig {
  file: string;
  councils: CouncilEntry[];
}

/** A council config that cannot be used: reported as a usage error (the file and the key named). */
export class CouncilConfigError extends UsageError {}

const SIRET = /^\d{14}$/u;
const PLACEHOLDERS = /\{(number|date|id)\}/gu;

/** True when a 14-digit SIRET passes INSEE's check: Luhn, or for La Poste's establishments (SIREN 356000000) a digit sum multiple of 5. */
export function siretChecksumOk(siret: string): boolean {
  if (!SIRET.test(siret)) return false;
  const digits = [...siret].map(Number);
  if (siret.startsWith("356000000")) return digits.reduce((s, d) => s + d, 0) % 5 === 0;
  const sum = digits.reduce((s, d, i) => {
    // Luhn from the right: every second digit (odd index from the left, for 14 digits) is doubled.
    const v = i % 2 === 0 ? d * 2 : d;
    return s + (v > 9 ? v - 9 : v);
  }, 0);
  return sum % 10 === 0;
}

function fail(file: string, where: string, expected: string, got: unknown): never {
  throw new CouncilConfigError(`${file}: ${where}: expected ${expected}, got ${JSON.stringify(got) ?? "nothing"}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const ENTRY_KEYS = new Set(["match", "COLL_NOM", "COLL_SIRET", "DELIB_URL", "matieres", "$comment"]);
const MATCH_KEYS = new Set(["name", "format", "pathPrefix"]);

/** Reads and checks a council config; every fault is an error naming the file and the key. */
export function loadCouncilConfig(file: string): CouncilConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CouncilConfigError(`${file}: expected a readable council config file, got ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CouncilConfigError(`${file}: expected JSON, got ${(e as Error).message}`);
  }
  if (isObject(json)) for (const k of Object.keys(json)) if (k !== "councils" && k !== "$comment") fail(file, k, "only the keys councils and $comment", k);
  if (!isObject(json) || !Array.isArray(json["councils"])) fail(file, "councils", "an array of council entries", isObject(json) ? json["councils"] : json);
  const councils = (json["councils"] as unknown[]).map((raw, i): CouncilEntry => {
    const at = `councils[${i}]`;
    if (!isObject(raw)) fail(file, at, "an object", raw);
    for (const k of Object.keys(raw)) if (!ENTRY_KEYS.has(k)) fail(file, `${at}.${k}`, `one of the keys ${[...ENTRY_KEYS].join(", ")}`, k);
    const match = raw["match"];
    if (!isObject(match) || Object.keys(match).length === 0) fail(file, `${at}.match`, "an object with name, format or pathPrefix", match);
    for (const [k, v] of Object.entries(match)) {
      if (!MATCH_KEYS.has(k)) fail(file, `${at}.match.${k}`, "one of the keys name, format, pathPrefix", k);
      if (typeof v !== "string" || v === "") fail(file, `${at}.match.${k}`, "a non-empty string", v);
    }
    const entry: CouncilEntry = { match: match as CouncilEntry["match"] };
    const name = raw["COLL_NOM"];
    if (name !== undefined) {
      if (typeof name !== "string" || name.trim() === "") fail(file, `${at}.COLL_NOM`, "a non-empty string", name);
      entry.COLL_NOM = name;
    }
    const siret = raw["COLL_SIRET"];
    if (siret !== undefined) {
      if (typeof siret !== "string" || !SIRET.test(siret)) fail(file, `${at}.COLL_SIRET`, "a SIRET of 14 digits as a string (SIREN + NIC; a 9-digit SIREN is not one)", siret);
      if (!siretChecksumOk(siret)) fail(file, `${at}.COLL_SIRET`, "a SIRET whose check digit holds (Luhn)", siret);
      entry.COLL_SIRET = siret;
    }
    const url = raw["DELIB_URL"];
    if (url !== undefined) {
      if (typeof url !== "string" || !isHttpUrl(url.replace(PLACEHOLDERS, "x"))) fail(file, `${at}.DELIB_URL`, "an http(s) URL template ({number}, {date}, {id} replaced)", url);
      entry.DELIB_URL = url;
    }
    const codes = raw["matieres"];
    if (codes !== undefined) {
      if (!isObject(codes)) fail(file, `${at}.matieres`, "an object of deliberation number → ACTES code", codes);
      for (const [number, code] of Object.entries(codes)) {
        if (typeof code !== "string" || !matieres().has(code)) fail(file, `${at}.matieres["${number}"]`, "an ACTES level-2 code of rules/scdl/actes-matieres.json (\"7.5\")", code);
      }
      entry.matieres = codes as Record<string, string>;
    }
    return entry;
  });
  return { file, councils };
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === "http:" || u.protocol === "https:") && !/\s/u.test(text);
  } catch {
    return false;
  }
}

/** The first entry whose every match key holds for the record, or undefined. */
export function councilOf(config: CouncilConfig | undefined, record: DelibRecord): CouncilEntry | undefined {
  return config?.councils.find(({ match }) => {
    if (match.name !== undefined && record.council.name !== match.name) return false;
    if (match.format !== undefined && record.format.split("@")[0] !== match.format) return false;
    if (match.pathPrefix !== undefined && !record.source.path.startsWith(match.pathPrefix)) return false;
    return true;
  });
}

/** The entry's DELIB_URL for a record, placeholders filled; null without a template. */
export function deliberationUrl(entry: CouncilEntry | undefined, record: DelibRecord): string | null {
  if (entry?.DELIB_URL === undefined) return null;
  if (entry.DELIB_URL.includes("{number}") && record.number === null) return null;
  if (entry.DELIB_URL.includes("{date}") && record.sitting.date === null) return null;
  return entry.DELIB_URL.replace(PLACEHOLDERS, (_, key: string) => (key === "number" ? encodeURIComponent(record.number ?? "") : key === "date" ? (record.sitting.date ?? "") : encodeURIComponent(record.id)));
}
