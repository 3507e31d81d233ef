import { describe, expect, it } from "vitest";
import { parseArxivAtom } from "../../../src/ingest/arxiv-atom.js";
import { contextFor, readFixture, SEEN_AT } from "./fixtures.js";

const REF = "https://export.arxiv.org/api/query?search_query=cat%3Acs.LG";

describe("the arXiv API Atom feed", () => {
  const result = parseArxivAtom(readFixture("arxiv-atom-page.xml"), contextFor(REF));

  it("reads every entry as a paper, with the paging counts", () => {
    expect(result.papers.map((p) => p.arxivId)).toEqual(["2406.11794", "2405.01234", "2406.10002"]);
    expect(result.warnings).toEqual([]);
    expect(result.unreadable).toBeUndefined();
    expect(result.apiError).toBeUndefined();
    expect(result).toMatchObject({ totalResults: 3, startIndex: 0, itemsPerPage: 3, entryCount: 3 });
  });

  it("maps everything the entry knows onto the paper", () => {
    expect(result.papers[0]).toEqual({
      arxivId: "2406.11794",
      arxivVersion: 1,
      title:
        "Sparse Mixture-of-Experts Routing with Learned Capacity Factors for Long-Context Language Models",
      abstract:
        "Mixture-of-experts (MoE) layers let language models grow their parameter count without a matching " +
        "growth in compute, but fixed expert capacity wastes tokens on long inputs. We learn a per-layer " +
        "capacity factor jointly with the router and show that it recovers dropped tokens while keeping " +
        "throughput within 3% of a dense baseline on contexts of up to 128k tokens.",
      authors: ["Mara Lindqvist", "Tomás Okonkwo", "Yuki Hayashi"],
      categories: ["cs.LG", "cs.CL"],
      published: "2024-06-17",
      links: { abstract: "https://arxiv.org/abs/2406.11794", pdf: "https://arxiv.org/pdf/2406.11794" },
      sighting: { source: "arxiv", ref: REF, observedOn: "2024-06-18", seenAt: SEEN_AT },
    });
  });

  it("strips the version, cleans LaTeX in the title, and keeps only arXiv categories", () => {
    const second = result.papers[1];
    expect(second?.arxivId).toBe("2405.01234");
    expect(second?.arxivVersion).toBe(2);
    expect(second?.title).toBe("ε-Greedy Exploration with O(√T) Regret in Linear Bandits");
    expect(second?.categories).toEqual(["stat.ML", "cs.LG"]);
    expect(second?.authors).toEqual(["Ingrid Nakamura", "Paul R. Adeyemi"]);
    expect(second?.published).toBe("2024-05-02");
    // The abstract keeps its LaTeX: it is the author's text, and the title is what lists show.
    expect(second?.abstract).toMatch(/^We revisit \$\\epsilon\$-greedy/);
    expect(second?.abstract).not.toMatch(/\n|\s{2}/);
  });

  it("decodes entities and character references", () => {
    const third = result.papers[2];
    expect(third?.title).toBe("Gradient Noise & Generalization in Overparameterized Networks");
    expect(third?.authors).toEqual(["Ana Beatriz Souña"]);
    expect(third?.abstract).toContain("<i>aligned</i>");
  });

  it("reads the error feed as arXiv's refusal, not as a paper titled Error", () => {
    const error = parseArxivAtom(readFixture("arxiv-atom-error.xml"), contextFor(REF));
    expect(error.papers).toEqual([]);
    expect(error.apiError).toBe("incorrect id format for 2406.1");
    expect(error.warnings).toEqual([
      { line: 10, message: "arXiv refused the query: incorrect id format for 2406.1" },
    ]);
  });

  it("reads an empty result as no papers and no warnings", () => {
    const empty = parseArxivAtom(readFixture("arxiv-atom-empty.xml"), contextFor(REF));
    expect(empty).toMatchObject({ papers: [], warnings: [], totalResults: 0, entryCount: 0 });
    expect(empty.unreadable).toBeUndefined();
  });

  it("skips an entry without a title or abstract, pointing at its line", () => {
    const text = readFixture("arxiv-atom-page.xml").replace(
      /<title>Gradient Noise[^<]*<\/title>/,
      "<title>   </title>",
    );
    const partial = parseArxivAtom(text, contextFor(REF));
    expect(partial.papers).toHaveLength(2);
    expect(partial.warnings).toEqual([{ line: 67, message: "entry has no title; skipped" }]);
  });

  it("reports malformed XML with its line, and text that is not a feed", () => {
    const broken = parseArxivAtom("<feed>\n<entry>\n<title>x</entry>\n</feed>", contextFor(REF));
    expect(broken.papers).toEqual([]);
    expect(broken.unreadable).toMatch(/^not well-formed XML/);
    expect(broken.warnings[0]?.line).toBe(3);
    expect(parseArxivAtom("<html><body>Service Unavailable</body></html>", contextFor(REF)).unreadable).toBe(
      "not an Atom feed: it has no <feed> element",
    );
    expect(parseArxivAtom("", contextFor(REF)).unreadable).toBe("the document is empty");
  });
});
