/**
 * The last few values asked for, found by a caller's test and worked out again once forgotten: for values a
 * hot path asks for over and over in a short while (a deliberation's slices, what a text holds), where a
 * Map's hashing of long string keys would cost more than a few pointer comparisons. Memory stays flat.
 */
export function recentCache<T>(size: number): (matches: (entry: T) => boolean, make: () => T) => T {
  const kept: T[] = [];
  return (matches, make) => {
    for (const e of kept) if (matches(e)) return e;
    const entry = make();
    kept.unshift(entry);
    if (kept.length > size) kept.pop();
    return entry;
  };
}
