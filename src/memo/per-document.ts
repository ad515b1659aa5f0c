import type { TextView } from "../text/view.js";

/**
 * What a document's deliberations all ask for, worked out once per document: keyed by the document's view
 * (a WeakMap, so nothing outlives the document), then by what it was worked out with (rules, a format).
 */
export type PerDocument<K, T> = WeakMap<TextView, Map<K, T>>;

/** `compute()` for `key` in the document of `view`, remembered in `store`. */
export function perDocument<K, T>(store: PerDocument<K, T>, view: TextView, key: K, compute: () => T): T {
  let byKey = store.get(view);
  if (byKey === undefined) {
    byKey = new Map();
    store.set(view, byKey);
  }
  let found = byKey.get(key);
  if (found === undefined) {
    found = compute();
    byKey.set(key, found);
  }
  return found;
}
