/**
 * A pure function of a string, memoised in a cache that is emptied when full: a batch of 10,000 documents
 * keeps at most `limit` entries, and the strings one document compares over and over (its list tokens, the
 * vocabulary's phrases) stay cached while it is read.
 */
export function boundedMemo<T>(fn: (key: string) => T, limit: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
