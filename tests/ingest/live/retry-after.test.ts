import { describe, expect, it } from "vitest";
import { retryAfterMs } from "../../../src/ingest/fetch/retry-after.js";

describe("reading Retry-After", () => {
  const now = Date.parse("2024-06-18T08:30:00Z");
  it("reads seconds and HTTP dates, and nothing else", () => {
    expect(retryAfterMs("1", now)).toBe(1000);
    expect(retryAfterMs(" 120 ", now)).toBe(120_000);
    expect(retryAfterMs("Tue, 18 Jun 2024 08:30:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Tue, 18 Jun 2024 08:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
