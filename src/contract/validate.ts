/**
 * Validation of delib's outputs against the contract's JSON Schemas (src/contract/*.schema.json).
 *
 * The schemas stay in src/contract/ (tsc does not copy JSON): they are read with fs from the package
 * root, found by walking up from this module, so this works from src/ (vitest) and dist/ (built CLI).
 * Ajv is built once, lazily, on the first validation.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import Ajv2020Module from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";

export interface ValidationResult {
  ok: boolean;
  errors: string[];
}

const SCHEMA_FILES = {
  record: "record.schema.json",
  document: "document.schema.json",
  issueLine: "issue-line.schema.json",
} as const;

type SchemaName = keyof typeof SCHEMA_FILES;

/** Where the schema files live: `<package root>/src/contract/` (tsc does not copy JSON into dist/). */
export function contractDir(): string {
  return join(packageRoot, "src", "contract");
}

/** Reads one schema file as parsed JSON. */
export function loadSchema(name: SchemaName): Record<string, unknown> {
  const file = join(contractDir(), SCHEMA_FILES[name]);
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

// ajv is CommonJS: under NodeNext its default import is the module object, whose `.default` is the class
// (at run time `module.exports.default` is the class as well).
const Ajv2020 = Ajv2020Module.default;

let validators: Record<SchemaName, ValidateFunction> | null = null;

function compiled(): Record<SchemaName, ValidateFunction> {
  if (validators !== null) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const schemas = {
    record: loadSchema("record"),
    document: loadSchema("document"),
    issueLine: loadSchema("issueLine"),
  };
  // Register all first: document and issue-line schemas refer to record.schema.json#/$defs/….
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const get = (name: SchemaName): ValidateFunction => {
    const id = schemas[name]["$id"];
    const fn = typeof id === "string" ? ajv.getSchema(id) : undefined;
    if (fn === undefined) throw new Error(`delib: schema ${SCHEMA_FILES[name]} did not compile`);
    return fn;
  };
  validators = { record: get("record"), document: get("document"), issueLine: get("issueLine") };
  return validators;
}

/** One readable line per ajv error: `/json/pointer: message (detail)`. */
function describe(error: ErrorObject): string {
  const where = error.instancePath === "" ? "/" : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = "";
  if (typeof params["additionalProperty"] === "string") detail = ` (${params["additionalProperty"]})`;
  else if (Array.isArray(params["allowedValues"])) detail = ` (${JSON.stringify(params["allowedValues"])})`;
  else if (params["allowedValue"] !== undefined) detail = ` (${JSON.stringify(params["allowedValue"])})`;
  return `${where}: ${error.message ?? error.keyword}${detail}`;
}

function run(name: SchemaName, value: unknown): ValidationResult {
  const validate = compiled()[name];
  const ok = validate(value) === true;
  const errors = ok ? [] : [...new Set((validate.errors ?? []).map(describe))];
  return { ok, errors };
}

/** A deliberations.jsonl line (one record). */
export function validateRecord(value: unknown): ValidationResult {
  return run("record", value);
}

/** A documents.jsonl line. */
export function validateDocumentLine(value: unknown): ValidationResult {
  return run("document", value);
}

/** An issues.jsonl line. */
export function validateIssueLine(value: unknown): ValidationResult {
  return run("issueLine", value);
}
