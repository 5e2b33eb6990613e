// How setting keys compare when one value names another.

/** `APP_TOPICS_IN`, `app.topics.in` and `app-topics-in` are one key (Spring's relaxed binding). */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[._-]/g, '');
}
