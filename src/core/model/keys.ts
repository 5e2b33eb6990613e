// How setting keys compare when one value names another.

/** Keys seen so far: a fleet repeats the same few thousand keys across its services' files. */
const normalized = new Map<string, string>();
const MAX_REMEMBERED = 50_000;

/** `APP_TOPICS_IN`, `app.topics.in` and `app-topics-in` are one key (Spring's relaxed binding). */
export function normalizeKey(key: string): string {
  let n = normalized.get(key);
  if (n === undefined) {
    n = key.toLowerCase().replace(/[._-]/g, '');
    if (normalized.size >= MAX_REMEMBERED) normalized.clear();
    normalized.set(key, n);
  }
  return n;
}
