// Inputs the stress fuzzing found: each parser must skip a paper whose title is nothing once LaTeX is cleaned away.
import { describe, expect, it } from "vitest";
import { parseCompactListing } from "../../src/ingest/compact-listing.js";
import { parseDailyPapersPage } from "../../src/ingest/daily-papers-page.js";

const context = { ref: "fuzz", asOf: "2026-11-22", seenAt: "2026-11-22T12:00:00Z" };
const abstract = "An abstract long enough to count as one, about nothing in particular at all. ".repeat(2);

describe("parser regressions from the stress fuzzing", () => {
  it("compact listing: a title that is only LaTeX ($) is skipped with a warning, not stored empty", () => {
    // Shrunk from seed -1323050153 of tests/ingest/parsers.property.test.ts at FUZZ_RUNS=10000.
    const result = parseCompactListing(`89.6AIMay 26\n                  $Aa     \n${abstract}`, context);
    expect(result.papers.filter((p) => p.title.trim() === "")).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it("daily papers page: a title that is only LaTeX is skipped too", () => {
    const page = [
      "new",
      "Daily Papers",
      "byAK and the research community",
      "Dec 9",
      "$ $",
      abstract,
      "·",
      "Oct 28, 2024 2",
    ];
    const result = parseDailyPapersPage(page.join("\n\n"), context);
    expect(result.papers.filter((p) => p.title.trim() === "")).toEqual([]);
  });
});
