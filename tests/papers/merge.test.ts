import { describe, expect, it } from "vitest";
import { Corpus } from "../../src/papers/corpus.js";
import { normalizeTitle, parseArxivReference, titleId } from "../../src/papers/ids.js";
import type { ParsedPaper } from "../../src/papers/paper.js";

const ABSTRACT = "We propose a method that does a thing well and we show that it works on many benchmarks.";

function parsed(overrides: Partial<ParsedPaper> = {}): ParsedPaper {
  return {
    title: "Local SGD at Scale",
    abstract: ABSTRACT,
    authors: [],
    categories: [],
    links: {},
    sighting: { source: "seed", ref: "a.txt", observedOn: "2025-01-01", seenAt: "2026-01-01T00:00:00Z" },
    ...overrides,
  };
}

describe("paper identity", () => {
  it("gives a title the same id whatever its case, punctuation, spacing or LaTeX", () => {
    const id = titleId("D^{2}MoE: Dual Routing");
    expect(titleId("d²moe -- dual   routing")).toBe(id);
    expect(titleId("D²MoE: Dual Routing")).toBe(id);
    expect(id).toMatch(/^p[0-9a-f]{10}$/);
    expect(normalizeTitle("César  Uribe's SGD!")).toBe("cesar uribe s sgd");
  });

  it("reads every arXiv id and link form", () => {
    const forms: [string, string, number | undefined][] = [
      ["2406.12345", "2406.12345", undefined],
      ["2406.12345v2", "2406.12345", 2],
      ["arXiv:2406.12345", "2406.12345", undefined],
      ["https://arxiv.org/abs/2406.12345", "2406.12345", undefined],
      ["https://arxiv.org/pdf/2406.12345v1", "2406.12345", 1],
      ["https://arxiv.org/pdf/2406.12345v1.pdf", "2406.12345", 1],
      ["https://huggingface.co/papers/2406.12345", "2406.12345", undefined],
      ["<https://arxiv.org/abs/2406.12345>", "2406.12345", undefined],
      ["math/0309136", "math/0309136", undefined],
      ["https://arxiv.org/abs/math/0309136v2", "math/0309136", 2],
    ];
    for (const [text, id, version] of forms) {
      expect(parseArxivReference(text), text).toEqual(version ? { id, version } : { id });
    }
    for (const text of ["hello", "2406.123", "https://example.com/abs/2406.12345", "12345.6789"]) {
      expect(parseArxivReference(text), text).toBeUndefined();
    }
  });
});

describe("merging the same paper from several sources", () => {
  it("matches by normalized title and keeps the newest upvote count, whatever the order", () => {
    const older = parsed({ upvotes: 5, upvotesObservedOn: "2025-12-09" });
    const newer = parsed({
      title: "Local SGD at scale",
      upvotes: 6,
      upvotesObservedOn: "2026-03-03",
      sighting: { source: "seed", ref: "b.txt", observedOn: "2026-03-03", seenAt: "2026-01-01T00:00:00Z" },
    });
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const corpus = new Corpus();
      for (const p of order) corpus.upsert(p);
      expect(corpus.size).toBe(1);
      const [paper] = [...corpus.all()];
      expect(paper?.upvotes).toBe(6);
      expect(paper?.sightings).toHaveLength(2);
    }
  });

  it("never loses what a source knew, and joins an arXiv id to a title-matched paper", () => {
    const corpus = new Corpus();
    const first = corpus.upsert(
      parsed({ organization: "OpenBMB", published: "2025-06-09", authorCount: 12 }),
    );
    const second = corpus.upsert(
      parsed({
        arxivId: "2506.07900",
        authors: ["A. Author", "B. Author"],
        categories: ["cs.CL"],
        links: { abstract: "https://arxiv.org/abs/2506.07900" },
        sighting: { source: "arxiv", ref: "feed", seenAt: "2026-02-01T00:00:00Z" },
      }),
    );
    expect(second.outcome).toBe("updated");
    expect(second.paper.id).toBe(first.paper.id);
    expect(second.paper).toMatchObject({
      arxivId: "2506.07900",
      organization: "OpenBMB",
      published: "2025-06-09",
      authorCount: 12,
      authors: ["A. Author", "B. Author"],
      categories: ["cs.CL"],
    });
    expect(corpus.find("arXiv:2506.07900")?.id).toBe(first.paper.id);
    expect(corpus.find("https://arxiv.org/abs/2506.07900v3")?.id).toBe(first.paper.id);
  });

  it("reports a paper seen again with nothing new as unchanged", () => {
    const corpus = new Corpus();
    corpus.upsert(parsed());
    expect(corpus.upsert(parsed()).outcome).toBe("unchanged");
  });

  it("gives a paper with an arXiv id that id", () => {
    const corpus = new Corpus();
    expect(corpus.upsert(parsed({ arxivId: "2401.00001" })).paper.id).toBe("2401.00001");
  });
});
