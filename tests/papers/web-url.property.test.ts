import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WEB_URL_MAX_CHARS, webUrl } from "../../src/papers/web-url.js";

const runs = Number(process.env.FUZZ_RUNS ?? 300);

describe("webUrl", () => {
  it("gives back only http(s) URLs within the length cap, that parse back to themselves", () => {
    const anything = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.webUrl(),
      fc
        .tuple(fc.constantFrom("http://", "https://", "javascript:", "data:", " HTTPS://"), fc.string())
        .map(([scheme, rest]) => scheme + rest),
      fc.anything({ maxDepth: 1 }),
    );
    fc.assert(
      fc.property(anything, (raw) => {
        const url = webUrl(raw);
        if (url === undefined) return;
        expect(url).toMatch(/^https?:\/\/[^/]/);
        expect(url.length).toBeLessThanOrEqual(WEB_URL_MAX_CHARS);
        expect(new URL(url).href).toBe(url);
        expect(webUrl(url)).toBe(url);
        expect(url).not.toMatch(/[<>\s"]/);
      }),
      { numRuns: runs },
    );
  });

  it("keeps real links and refuses the hostile shapes", () => {
    expect(webUrl("https://github.com/owner/repo")).toBe("https://github.com/owner/repo");
    expect(webUrl("  http://example.org/a b ")).toBe("http://example.org/a%20b");
    expect(webUrl(`https://example.com/${"x".repeat(10_000)}`)).toBeUndefined();
    expect(webUrl("javascript:alert(1)")).toBeUndefined();
    expect(webUrl("https://user:pw@example.com/")).toBeUndefined();
    expect(webUrl("/relative/path")).toBeUndefined();
    expect(webUrl(12)).toBeUndefined();
  });
});
