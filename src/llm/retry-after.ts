// Bounds how long a model server may make us wait: the SDK honours Retry-After however long it is.

/** Milliseconds a response asks to wait (`retry-after-ms`, or `Retry-After` in seconds or as a date). */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * A fetch for the SDK: a response asking for a longer wait than `maxWaitMs` is marked
 * `x-should-retry: false`, which the SDK obeys, so the caller falls back now instead of sleeping.
 */
export function fetchWithRetryCap(
  maxWaitMs: number,
  nowMs: () => number,
  inner: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const wait = retryAfterMs(response.headers, nowMs());
    if (wait === undefined || wait <= maxWaitMs) return response;
    const headers = new Headers(response.headers);
    headers.set("x-should-retry", "false");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
