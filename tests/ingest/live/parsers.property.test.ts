import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseArxivAtom } from "../../../src/ingest/arxiv-atom.js";
import { parseArxivRss } from "../../../src/ingest/arxiv-rss.js";
import type { FeedParseResult } from "../../../src/ingest/feed-fields.js";
import { parseHfDailyPapers } from "../../../src/ingest/hf-daily-papers.js";
import { contextFor, readFixture } from "./fixtures.js";

const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 300;
const context = contextFor("fuzz");

const parsers = {
  atom: (text: string) => parseArxivAtom(text, context),
  rss: (text: string) => parseArxivRss(text, context),
  hf: (text: string) => parseHfDailyPapers(text, context),
};

function assertWellFormed(result: FeedParseResult): void {
  for (const paper of result.papers) {
    expect(paper.title.trim()).not.toBe("");
    expect(paper.abstract.trim()).not.toBe("");
    expect(paper.title).not.toMatch(/\n/);
    expect(paper.abstract).not.toMatch(/\n/);
  }
  if (result.unreadable !== undefined) expect(result.papers).toEqual([]);
}

/** XML made of the pieces feeds are made of, shuffled and nested at random, so the fuzzer reaches the entry readers. */
const xmlPiece = fc.oneof(
  fc.constantFrom(
    "<feed>",
    "</feed>",
    "<entry>",
    "</entry>",
    "<rss>",
    "</rss>",
    "<channel>",
    "</channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<summary>",
    "</summary>",
    "<description>",
    "</description>",
    "<id>http://arxiv.org/abs/2406.12345v2</id>",
    "<guid>oai:arXiv.org:2406.12345v1</guid>",
    "arXiv:2406.12345v1 Announce Type: new Abstract: ",
    "<title>Error</title>",
    '<category term="cs.LG"/>',
    "<author><name>A B</name></author>",
    "<dc:creator>A, B and C</dc:creator>",
    "&amp;",
    "&#233;",
    "<![CDATA[",
    "]]>",
  ),
  fc.string({ maxLength: 40 }),
);
const xmlLike = fc.array(xmlPiece, { maxLength: 40 }).map((pieces) => pieces.join(""));

/** JSON shaped like the daily papers list, with fields of the wrong types mixed in. */
const jsonLike = fc
  .array(
    fc.record(
      {
        paper: fc.oneof(
          fc.record(
            {
              id: fc.oneof(fc.constant("2406.12345"), fc.string(), fc.integer()),
              title: fc.oneof(fc.string(), fc.constant(null), fc.integer()),
              summary: fc.oneof(fc.string(), fc.array(fc.string())),
              authors: fc.oneof(
                fc.array(fc.record({ name: fc.oneof(fc.string(), fc.integer()) })),
                fc.string(),
              ),
              upvotes: fc.oneof(fc.integer(), fc.double(), fc.string()),
              ai_keywords: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer())), fc.string()),
            },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
        title: fc.string(),
        summary: fc.string(),
        numComments: fc.oneof(fc.integer(), fc.string()),
        organization: fc.anything(),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 8 },
  )
  .map((items) => JSON.stringify(items));

describe("live-feed parsers on arbitrary input", () => {
  it("never throw, and never produce a paper without a title and an abstract", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), xmlLike, jsonLike, fc.json()), (text) => {
        for (const parse of Object.values(parsers)) assertWellFormed(parse(text));
      }),
      { numRuns: runs },
    );
  });

  it("survive a real feed cut at any point", () => {
    const feeds: [keyof typeof parsers, string][] = [
      ["atom", readFixture("arxiv-atom-page.xml")],
      ["rss", readFixture("arxiv-rss-cs-cl.xml")],
      ["hf", readFixture("hf-daily-papers.json")],
    ];
    for (const [kind, text] of feeds) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: text.length }), (cut) => {
          const result = parsers[kind](text.slice(0, cut));
          assertWellFormed(result);
          // A cut document is either whole (cut at the very end) or unreadable: never a silently shorter list.
          if (cut < text.trimEnd().length) expect(result.unreadable).toBeDefined();
        }),
        { numRuns: Math.min(runs, 200) },
      );
    }
  });
});
