/**
 * pdf.js's legacy build (the one for Node) bundles core-js, which replaces some of Node 20's own built-ins
 * with polyfills written in JavaScript, for the whole process: `Array.prototype.push` (for a V8 corner
 * case with non-writable lengths), `JSON.parse` and `JSON.stringify` (for the JSON-with-source proposal).
 * Every push and every JSON call of the pipeline then runs the slower copy: about 20 % of the time spent
 * loading a PDF. This module keeps the engine's own functions, from before pdf.js is evaluated, so that
 * src/load/pdfjs/index.ts can put them back once pdf.js is in. Neither pdf.js nor delib uses what the
 * polyfills add.
 *
 * It must be evaluated before pdf.js: src/load/pdfjs/index.ts imports it first. Where pdf.js (hence
 * core-js) already ran, what is here may be the polyfills themselves: nothing is kept then.
 */

/** core-js's mark on the global object once it ran. */
const CORE_JS_MARK = "__core-js_shared__";

interface Natives {
  push: typeof Array.prototype.push;
  parse: typeof JSON.parse;
  stringify: typeof JSON.stringify;
}

const kept: Natives | undefined = CORE_JS_MARK in globalThis ? undefined : { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };

/** Puts back the engine's own functions that core-js replaced; true when it could (pdf.js was not loaded before this module). */
export function restoreNatives(): boolean {
  if (kept === undefined) return false;
  const restore = <T extends object, K extends keyof T>(owner: T, key: K, value: T[K]): void => {
    // Same shape as the engine's own property: writable, configurable, not enumerable.
    Object.defineProperty(owner, key, { value, writable: true, configurable: true, enumerable: false });
  };
  restore(Array.prototype, "push", kept.push);
  restore(JSON, "parse", kept.parse);
  restore(JSON, "stringify", kept.stringify);
  return true;
}
