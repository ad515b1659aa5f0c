/**
 * A pure function of a string, memoised in a cache that is emptied when it holds `limit` entries: a batch of
 * 10,000 documents keeps at most that many, and the strings one document compares over and over (its list
 * tokens, the vocabulary's phrases) stay cached while it is read. Keys longer than `maxKeyLength` are worked
 * out every time, never kept, so the cache's size in bytes stays bounded too.
 */
export function boundedMemo<T>(fn: (key: string) => T, limit: number, maxKeyLength = Number.POSITIVE_INFINITY): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (key.length > maxKeyLength) return fn(key);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
