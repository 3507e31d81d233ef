// A bounded memory of recent events, so an event a platform delivers twice (a Slack retry, a Discord replay) is handled once.

export interface Recent<V> {
  /** The value remembered for `key`, unless it was forgotten (too old, or pushed out). */
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** True when `key` was remembered; otherwise remembers it (as `true`) and returns false. */
  seen(key: string): boolean;
  readonly size: number;
}

/**
 * Insertion-ordered Map as an LRU: the oldest entry goes first when full. In-memory on purpose: a
 * duplicate arrives within minutes (a Slack retry, a gateway resume replaying recent events), not across restarts.
 */
export function createRecent<V>(
  options: { max?: number; ttlMs?: number; now?: () => number } = {},
): Recent<V> {
  const { max = 10_000, ttlMs = 10 * 60_000, now = Date.now } = options;
  const entries = new Map<string, { value: V; at: number }>();
  const recent: Recent<V> = {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now() - entry.at > ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, at: now() });
      if (entries.size > max) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    seen(key) {
      if (recent.get(key) !== undefined) return true;
      recent.set(key, true as V);
      return false;
    },
    get size() {
      return entries.size;
    },
  };
  return recent;
}
