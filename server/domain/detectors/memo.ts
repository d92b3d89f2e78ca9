/**
 * Memoizes a pure function of one string. Detectors test the same few hundred actions and user
 * agents a million times in a backfill (the reader shares one instance per distinct value, so the
 * lookup's hash is already cached); the bound keeps a stream of unique values from growing it.
 */
export function memoByString<R>(
  fn: (value: string) => R,
  maxEntries = 50_000,
): (value: string) => R {
  const cache = new Map<string, R>();
  return (value) => {
    let r = cache.get(value);
    if (r === undefined && !cache.has(value)) {
      if (cache.size >= maxEntries) cache.clear();
      r = fn(value);
      cache.set(value, r);
    }
    return r as R;
  };
}
