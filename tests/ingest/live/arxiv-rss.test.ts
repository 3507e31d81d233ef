import { describe, expect, it } from "vitest";
import { parseArxivRss } from "../../../src/ingest/arxiv-rss.js";
import { contextFor, readFixture, SEEN_AT } from "./fixtures.js";

const REF = "https://rss.arxiv.org/rss/cs.CL";

describe("the arXiv listing RSS", () => {
  const result = parseArxivRss(readFixture("arxiv-rss-cs-cl.xml"), contextFor(REF));

  it("reads each item with an id, a title and an abstract, and warns about the one without a title", () => {
    expect(result.papers.map((p) => p.arxivId)).toEqual(["2406.11801", "2406.11815", "2311.04567"]);
    expect(result.warnings).toEqual([{ line: 62, message: "item has no title; skipped" }]);
    expect(result.unreadable).toBeUndefined();
  });

  it("maps a new item onto a paper, the announcement day as its sighting", () => {
    expect(result.papers[0]).toEqual({
      arxivId: "2406.11801",
      arxivVersion: 1,
      title: "Retrieval-Augmented Decoding for Low-Resource Machine Translation",
      abstract:
        "Neural machine translation for low-resource languages suffers from rare words that the model has seen " +
        "only a handful of times. We retrieve example sentences at decoding time and bias the output " +
        "distribution towards their translations, gaining 2.1 BLEU on average across twelve pairs.",
      authors: ["Lena Müller", "Kwame Mensah", "Priya Raghunathan"],
      categories: ["cs.CL", "cs.AI"],
      published: "2024-06-18",
      links: { abstract: "https://arxiv.org/abs/2406.11801", pdf: "https://arxiv.org/pdf/2406.11801" },
      sighting: { source: "rss", ref: REF, observedOn: "2024-06-18", seenAt: SEEN_AT },
    });
  });

  it("splits author lists joined with 'and', and dates only new papers", () => {
    const [, cross, replaced] = result.papers;
    expect(cross?.authors).toEqual(["Chen Wei", "Sofia Alvarez"]);
    expect(cross?.published).toBeUndefined();
    expect(replaced?.authors).toEqual(["Oskar Nilsson", "Fatima Zahra Benali", "Daniel Park"]);
    expect(replaced?.arxivVersion).toBe(3);
    expect(replaced?.published).toBeUndefined();
    expect(replaced?.title).toBe("Tokenizer-Free Language Modeling with Byte-Level n-gram Hashing");
  });

  it("reads an older-style item: HTML description, id in the title suffix and link", () => {
    const text = `<?xml version="1.0"?><rss version="2.0"><channel><title>cs.CL</title>
      <item><title>Old Style Title. (arXiv:1706.03762v7 [cs.CL] UPDATED)</title>
      <link>http://arxiv.org/abs/1706.03762</link>
      <description>&lt;p&gt;The dominant sequence transduction models are based on recurrent networks.&lt;/p&gt;</description>
      <dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">&lt;a href="x"&gt;Ashish V&lt;/a&gt;, &lt;a href="y"&gt;Noam S&lt;/a&gt;</dc:creator>
      </item></channel></rss>`;
    const old = parseArxivRss(text, contextFor(REF));
    expect(old.papers).toHaveLength(1);
    expect(old.papers[0]).toMatchObject({
      arxivId: "1706.03762",
      title: "Old Style Title.",
      abstract: "The dominant sequence transduction models are based on recurrent networks.",
      authors: ["Ashish V", "Noam S"],
      sighting: { observedOn: "2024-06-18" },
    });
  });

  it("reads an empty listing (weekends) as no papers, and rejects what is not RSS", () => {
    const empty = parseArxivRss(
      '<rss version="2.0"><channel><title>cs.CL</title></channel></rss>',
      contextFor(REF),
    );
    expect(empty).toEqual({ papers: [], warnings: [] });
    expect(parseArxivRss("<feed></feed>", contextFor(REF)).unreadable).toMatch(/not an RSS feed/);
    expect(parseArxivRss("<rss><channel>", contextFor(REF)).unreadable).toMatch(/not well-formed XML/);
  });
});
