import { describe, expect, it } from "vitest";
import { Corpus } from "../../src/papers/corpus.js";
import { parsedSeedPapers, seedCorpus } from "../helpers/seeds.js";

describe("a corpus opened from stored papers", () => {
  const stored = () => [...seedCorpus().all()];

  it("finds and merges by title without an arXiv id, though it indexes titles only when first asked", () => {
    const corpus = new Corpus(stored());
    const paper = stored().find((p) => p.arxivId) ?? stored()[0];
    if (!paper) throw new Error("no seed papers");
    expect(corpus.find(`  ${paper.title.toUpperCase()} `)?.id).toBe(paper.id);
    const parsed = parsedSeedPapers().find((p) => p.arxivId === paper.arxivId);
    if (!parsed) throw new Error("no parsed twin");
    const again = corpus.upsert({ ...parsed, arxivId: undefined, title: paper.title.toLowerCase() });
    expect(again.paper.id).toBe(paper.id);
    expect(corpus.size).toBe(stored().length);
  });

  it("knows a title added after its title index was built, and one added before", () => {
    const corpus = new Corpus(stored());
    const first = {
      ...stored()[0],
      id: "p0000000001",
      arxivId: undefined,
      title: "A Paper Added Early",
    } as never;
    corpus.replace(first);
    expect(corpus.find("a paper added early")?.id).toBe("p0000000001");
    corpus.replace({ ...stored()[1], id: "p0000000002", arxivId: undefined, title: "Added Late" } as never);
    expect(corpus.find("ADDED LATE")?.id).toBe("p0000000002");
  });
});
