import { describe, expect, it } from "vitest";
import { parseHfDailyPapers } from "../../../src/ingest/hf-daily-papers.js";
import { contextFor, readFixture, SEEN_AT } from "./fixtures.js";

const REF = "https://huggingface.co/api/daily_papers";

describe("the Hugging Face daily papers JSON", () => {
  const result = parseHfDailyPapers(readFixture("hf-daily-papers.json"), contextFor(REF));

  it("reads items with a title and an abstract, and warns about the empty one", () => {
    expect(result.papers.map((p) => p.arxivId)).toEqual(["2406.11794", "2406.11801"]);
    expect(result.warnings).toEqual([{ line: 1, message: "item 3 has no title; skipped" }]);
  });

  it("maps the paper, its upvotes, comments, organisation and Hugging Face's own summary", () => {
    expect(result.papers[0]).toEqual({
      arxivId: "2406.11794",
      arxivVersion: undefined,
      title:
        "Sparse Mixture-of-Experts Routing with Learned Capacity Factors for Long-Context Language Models",
      abstract:
        "Mixture-of-experts (MoE) layers let language models grow their parameter count without a matching " +
        "growth in compute, but fixed expert capacity wastes tokens on long inputs. We learn a per-layer " +
        "capacity factor jointly with the router.",
      authors: ["Mara Lindqvist", "Tomás Okonkwo", "Yuki Hayashi"],
      organization: "Example Lab",
      categories: [],
      published: "2024-06-17",
      upvotes: 42,
      upvotesObservedOn: "2024-06-18",
      comments: 3,
      links: {
        abstract: "https://arxiv.org/abs/2406.11794",
        pdf: "https://arxiv.org/pdf/2406.11794",
        huggingFace: "https://huggingface.co/papers/2406.11794",
      },
      sourceSummary:
        "A learned per-layer expert capacity keeps MoE throughput near dense models on 128k-token contexts.",
      sourceKeywords: ["mixture-of-experts", "expert capacity", "long context", "routing"],
      thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2406.11794.png",
      githubRepo: "https://github.com/example-lab/capacity-moe",
      githubStars: 1234,
      projectPage: "https://example-lab.github.io/capacity-moe/",
      extrasObservedOn: "2024-06-18",
      sighting: { source: "huggingface", ref: REF, observedOn: "2024-06-18", seenAt: SEEN_AT },
    });
  });

  it("leaves out what an item does not have", () => {
    const second = result.papers[1];
    expect(second?.organization).toBeUndefined();
    expect(second?.sourceSummary).toBeUndefined();
    expect(second?.sourceKeywords).toBeUndefined();
    expect(second?.comments).toBe(0);
    expect(second?.upvotes).toBe(7);
    for (const key of ["thumbnail", "githubRepo", "githubStars", "projectPage", "extrasObservedOn"]) {
      expect(second?.[key as keyof typeof second], key).toBeUndefined();
    }
  });

  const withExtras = (paper: Record<string, unknown>, item: Record<string, unknown> = {}) =>
    parseHfDailyPapers(
      JSON.stringify([
        { paper: { id: "2406.00001", title: "T", summary: "An abstract.", ...paper }, ...item },
      ]),
      contextFor(REF),
    ).papers[0];

  it("drops a thumbnail, repository or project page that is not a plain http(s) link of sane length", () => {
    const hostile = withExtras(
      {
        githubRepo: "javascript:alert(1)",
        githubStars: 99,
        projectPage: `https://example.com/${"a".repeat(10_000)}`,
      },
      { thumbnail: "https://user:secret@example.com/x.png" },
    );
    expect(hostile?.thumbnail).toBeUndefined();
    expect(hostile?.githubRepo).toBeUndefined();
    expect(hostile?.projectPage).toBeUndefined();
    expect(hostile?.githubStars, "stars without a repository mean nothing").toBeUndefined();
    for (const bad of [42, null, "", "   ", "ftp://example.com/x", "not a url", ["https://a.example/"]]) {
      expect(withExtras({ githubRepo: bad })?.githubRepo, String(bad)).toBeUndefined();
    }
  });

  it("keeps a repository whose name would ping, percent-encoded, and ignores stars that are not a count", () => {
    const paper = withExtras({ githubRepo: "https://github.com/<!channel>/x", githubStars: -3 });
    expect(paper?.githubRepo).toBe("https://github.com/%3C!channel%3E/x");
    expect(paper?.githubStars).toBeUndefined();
    expect(
      withExtras({ githubRepo: "https://github.com/a/b", githubStars: 1.5 })?.githubStars,
    ).toBeUndefined();
  });

  it("falls back to the item's title and summary, and keeps a paper whose id is not an arXiv id", () => {
    const text = JSON.stringify([
      {
        paper: { id: "hf-internal-77", authors: [{ name: "A. B." }] },
        title: "A Title",
        summary: "An abstract.",
      },
    ]);
    const [paper] = parseHfDailyPapers(text, contextFor(REF)).papers;
    expect(paper).toMatchObject({
      arxivId: undefined,
      title: "A Title",
      abstract: "An abstract.",
      authors: ["A. B."],
      links: { huggingFace: "https://huggingface.co/papers/hf-internal-77" },
    });
  });

  it("reads bad JSON, an error object and a non-array as unreadable", () => {
    expect(parseHfDailyPapers("[{", contextFor(REF)).unreadable).toMatch(/^not JSON/);
    expect(parseHfDailyPapers('{"error":"Invalid date"}', contextFor(REF)).unreadable).toBe(
      "Hugging Face answered with an error: Invalid date",
    );
    expect(parseHfDailyPapers('{"papers":[]}', contextFor(REF)).unreadable).toMatch(/expected a JSON array/);
    expect(parseHfDailyPapers("[]", contextFor(REF))).toEqual({ papers: [], warnings: [] });
    expect(parseHfDailyPapers("[1, null, []]", contextFor(REF)).warnings).toHaveLength(3);
  });
});
