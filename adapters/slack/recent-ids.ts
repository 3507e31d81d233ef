// Remembers the ids of recently handled Slack events, so a re-delivery (X-Slack-Retry-Num) is handled once.

export interface RecentIds {
  /** True when `id` was seen before; otherwise remembers it and returns false. */
  seen(id: string): boolean;
  readonly size: number;
}

/** An in-memory set that forgets its oldest ids past `max` (Slack retries within minutes, so that suffices). */
export function createRecentIds(max = 5_000): RecentIds {
  const ids = new Set<string>();
  return {
    seen(id) {
      if (ids.has(id)) return true;
      ids.add(id);
      if (ids.size > max) {
        const oldest = ids.values().next().value;
        if (oldest !== undefined) ids.delete(oldest);
      }
      return false;
    },
    get size() {
      return ids.size;
    },
  };
}
