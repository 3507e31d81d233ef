import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUserError } from "../../src/errors.js";
import { parseCompactListing, splitTitleAndAuthors } from "../../src/ingest/compact-listing.js";
import { parseDailyPapersPage } from "../../src/ingest/daily-papers-page.js";
import { parseListing } from "../../src/ingest/parse-listing.js";
import { readSeed, SEEN_AT } from "../helpers/seeds.js";

const context = { ref: "fuzz.txt", asOf: "2026-11-22", seenAt: SEEN_AT };
const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 300;

/** Text built from the pieces real listings are made of, shuffled, so the fuzzer reaches deep states. */
const listingLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "",
        "·",
        "  • 3 authors",
        "Oct 28, 2024 2",
        "Jun 16",
        "byAK and the research community",
        "Dec 9",
      ),
      fc.constantFrom(
        "89.6AIMay 26",
        "LGMar 14, 2022",
        "A Title Of A PaperJane Doe, John Roe",
        "openbmb OpenBMB",
      ),
      fc.string({ maxLength: 200 }),
      fc.string({ minLength: 80, maxLength: 400 }),
    ),
    { maxLength: 60 },
  )
  .map((lines) => lines.join("\n"));

function assertPapersWellFormed(papers: { title: string; abstract: string }[]): void {
  for (const paper of papers) {
    expect(paper.title.trim()).not.toBe("");
    expect(paper.abstract.trim().length).toBeGreaterThanOrEqual(80);
  }
}

describe("listing parsers on arbitrary text", () => {
  it("never throw, and never produce a paper without a title and an abstract", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), listingLike), (text) => {
        assertPapersWellFormed(parseDailyPapersPage(text, context).papers);
        assertPapersWellFormed(parseCompactListing(text, context).papers);
        try {
          assertPapersWellFormed(parseListing(text, context).papers);
        } catch (error) {
          if (!isUserError(error)) throw error;
        }
      }),
      { numRuns: runs },
    );
  });

  it("survive a seed file cut at any point, keeping the papers before the cut", () => {
    const text = readSeed("001_8cc7a68ddb44f31e.txt");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), (cut) => {
        try {
          const result = parseListing(text.slice(0, cut), context);
          assertPapersWellFormed(result.papers);
          expect(result.papers.length).toBeLessThanOrEqual(32);
        } catch (error) {
          if (!isUserError(error)) throw error;
        }
      }),
      { numRuns: runs },
    );
  });

  it("rejects text in neither layout with a message that says so", () => {
    expect(() => parseListing("hello\nworld\n", context)).toThrow(/not a paper listing/);
    expect(() => parseListing("", context)).toThrow(/not a paper listing/);
  });
});

describe("splitting glued titles and authors", () => {
  const word = fc.stringMatching(/^[A-Z][a-z]{2,9}$/);
  const titleWord = fc.oneof(
    word,
    fc.stringMatching(/^[a-z]{2,8}$/),
    fc.constantFrom("SGD", "LLM", "RL", "MoE"),
  );
  const name = fc.tuple(word, word).map(([first, last]) => `${first} ${last}`);

  it("finds the boundary when the title ends in a lower-case word or an acronym", () => {
    fc.assert(
      fc.property(
        fc.array(titleWord, { minLength: 2, maxLength: 12 }),
        fc.oneof(word, fc.constantFrom("SGD", "LLM")),
        fc.array(name, { minLength: 1, maxLength: 6 }),
        (words, lastWord, authors) => {
          const title = [...words, lastWord].join(" ");
          const split = splitTitleAndAuthors(`${title}${authors.join(", ")}`);
          expect(split?.title).toBe(title);
          expect(split?.authors).toEqual(authors);
        },
      ),
      { numRuns: runs },
    );
  });

  it("reads a trailing et al.", () => {
    expect(splitTitleAndAuthors("Big ModelsMiniMax, Aili Chen, Aonian Li et al.")).toEqual({
      title: "Big Models",
      authors: ["MiniMax", "Aili Chen", "Aonian Li"],
      etAl: true,
    });
  });
});
