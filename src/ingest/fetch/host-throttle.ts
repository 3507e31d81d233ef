// A polite pace per host: requests to one host start at most once per interval (arXiv asks for one every 3 s).
import pThrottle from "p-throttle";

export interface HostIntervals {
  /** Milliseconds between request starts for a host not listed below. */
  defaultMs: number;
  /** Per host (`export.arxiv.org`, or `127.0.0.1:8080` with its port). */
  hosts?: Record<string, number>;
}

export const DEFAULT_HOST_INTERVALS: HostIntervals = {
  defaultMs: 1000,
  hosts: { "export.arxiv.org": 3000, "arxiv.org": 3000, "rss.arxiv.org": 3000 },
};

/** Resolves when a request to `host` may start; concurrent callers queue in order. */
export type HostGate = (host: string) => Promise<void>;

/** A `signal` that aborts rejects every waiting caller at once, so stopping never waits out a host's pace. */
export function createHostThrottle(
  intervals: HostIntervals = DEFAULT_HOST_INTERVALS,
  signal?: AbortSignal,
): HostGate {
  const gates = new Map<string, () => Promise<void>>();
  return async (host) => {
    let gate = gates.get(host);
    if (!gate) {
      const interval = intervals.hosts?.[host] ?? intervals.defaultMs;
      // Strict mode spaces every pair of calls, not just the count per window.
      gate = pThrottle({ limit: 1, interval, strict: true, signal })(async () => undefined);
      gates.set(host, gate);
    }
    await gate();
  };
}
