// Reading an HTTP Retry-After header: delay-seconds or an HTTP date, as milliseconds from now.

/** Milliseconds to wait, or undefined when the header is absent or unreadable. Never negative. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
