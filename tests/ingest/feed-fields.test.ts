import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseSpaces, feedDay } from "../../src/ingest/feed-fields.js";

const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 300;

/** Text with every kind of whitespace JavaScript's `\s` knows, in runs and alone. */
const spaced = fc
  .array(
    fc.oneof(
      fc.constantFrom(" ", "  ", "\n  ", "\t", "\r\n", "\u00a0", "\u2009", "\u3000", "\ufeff", "\v", "\f"),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(""));

describe("feed field clean-up", () => {
  it("collapses whitespace exactly as replacing every run by one space and trimming", () => {
    fc.assert(
      fc.property(spaced, (text) => {
        expect(collapseSpaces(text)).toBe(text.replace(/\s+/g, " ").trim());
      }),
      { numRuns: runs },
    );
  });

  it("reads a timestamp's day as a Date round trip would, refusing days that do not exist", () => {
    const viaDate = (year: number, month: number, day: number): string | undefined => {
      const date = new Date(Date.UTC(year, month - 1, day));
      const exists =
        date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
      return exists ? date.toISOString().slice(0, 10) : undefined;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T17:59:58Z`;
          expect(feedDay(iso)).toBe(viaDate(year, month, day));
        },
      ),
      { numRuns: runs * 10 },
    );
    expect(feedDay("2024-02-29T00:00:00Z")).toBe("2024-02-29");
    expect(feedDay("2100-02-29T00:00:00Z")).toBeUndefined();
    expect(feedDay("Mon, 17 Jun 2024 00:00:00 -0400")).toBe("2024-06-17");
  });
});
