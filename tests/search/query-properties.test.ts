// Property tests: no typed text makes the parser or the index throw anything but a UserError.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { isUserError } from "../../src/errors.js";
import { parseQuery, type SearchQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { loadSeedCorpus } from "../eval/search-seeds.js";

/** Text made of the pieces queries are made of, so filters and quotes come up often. */
const queryish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '"',
        "“",
        "-",
        ":",
        "author:",
        "org:",
        "cat:",
        "since:",
        "until:",
        "sort:",
        "foo:",
        "http://x.y/z",
        "2406.12345",
        "-survey",
        "local",
        "sgd",
        "merg",
        "quantizaton",
        "2024-02-30",
        "top",
        "new",
        "cited",
        " ",
      ),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

function parseOrUserError(text: string): SearchQuery | undefined {
  try {
    return parseQuery(text);
  } catch (error) {
    if (isUserError(error)) return undefined;
    throw error;
  }
}

describe("parseQuery on arbitrary text", () => {
  it("returns a query or throws a UserError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), queryish), (text) => {
        parseOrUserError(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("copes with 100 KB strings quickly", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), (unit) => {
        const text = unit.repeat(Math.ceil(100_000 / unit.length));
        const started = performance.now();
        parseOrUserError(text);
        expect(performance.now() - started).toBeLessThan(2_000);
      }),
      { numRuns: 20 },
    );
  });
});

describe("SearchIndex.search on arbitrary queries", () => {
  let index: SearchIndex;
  beforeAll(() => {
    index = SearchIndex.build(loadSeedCorpus().all());
  });

  it("never throws (but refuses sort:cited, as no seed paper has a citation count), and pages stay within their bounds", () => {
    fc.assert(
      fc.property(
        queryish,
        fc.integer({ min: -5, max: 200 }),
        fc.integer({ min: -5, max: 300 }),
        (text, limit, offset) => {
          const query = parseOrUserError(text);
          if (!query) return;
          if (query.sort === "cited") {
            expect(() => index.search(query, { limit, offset })).toThrow(/citation count/);
            return;
          }
          const page = index.search(query, { limit, offset });
          expect(page.hits.length).toBeLessThanOrEqual(100);
          expect(page.total).toBeGreaterThanOrEqual(page.hits.length);
          for (const hit of page.hits) expect(Number.isFinite(hit.score)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws on 100 KB queries", () => {
    const query = parseOrUserError("merging local sgd quantization ".repeat(3_500));
    expect(query).toBeDefined();
    if (query) expect(index.search(query).hits.length).toBeGreaterThan(0);
  });
});
