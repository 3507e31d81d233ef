// sort:cited: most cited first by Semantic Scholar's count, papers without one last, refused while no paper has one.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isUserError } from "../../src/errors.js";
import type { Paper } from "../../src/papers/paper.js";
import { readIndexFile, writeIndexFile } from "../../src/search/index-file.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";

function paper(id: string, title: string, citationCount?: number): Paper {
  return {
    id,
    title,
    abstract: `A study: ${title.toLowerCase()}.`,
    authors: [],
    categories: ["cs.LG"],
    links: {},
    sightings: [],
    published: "2024-01-01",
    upvotes: 1,
    ...(citationCount === undefined
      ? {}
      : { scholar: { checkedAt: "2026-12-01T00:00:00.000Z", citationCount } }),
  };
}

const papers = [
  paper("few", "Merging models a little", 3),
  paper("unknown", "Merging models without a count"),
  paper("many", "Merging models a lot", 120),
  paper("none", "Merging models nobody cites", 0),
  paper("other", "Quantization of weights", 500),
];

function ids(index: SearchIndex, text: string): string[] {
  return index.search(parseQuery(text)).hits.map((hit) => hit.id);
}

function refusal(index: SearchIndex, text: string): string | undefined {
  try {
    index.search(parseQuery(text));
  } catch (error) {
    if (isUserError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("sort:cited", () => {
  it("reads its aliases", () => {
    expect(parseQuery("merging sort:cited").sort).toBe("cited");
    expect(parseQuery("merging sort:citations").sort).toBe("cited");
  });

  it("orders by citation count, a known zero above an unknown count, and keeps only papers with every word", () => {
    const index = SearchIndex.build(papers);
    expect(ids(index, "merging models sort:cited")).toEqual(["many", "few", "none", "unknown"]);
    expect(ids(index, "sort:cited")).toEqual(["other", "many", "few", "none", "unknown"]);
    expect(ids(index, "cat:cs.LG sort:cited").slice(0, 2)).toEqual(["other", "many"]);
  });

  it("is refused with a UserError while no paper has a citation count", () => {
    const index = SearchIndex.build([paper("a", "Merging models"), paper("b", "Merging more models")]);
    expect(refusal(index, "merging sort:cited")).toBe("no-citations");
    expect(refusal(index, "sort:cited")).toBe("no-citations");
    // Whether the words match anything does not change the answer (it once did: a query with no
    // known word returned nothing instead, and the property test in query-properties flaked on it).
    expect(refusal(index, "zyxwvut sort:cited")).toBe("no-citations");
    expect(refusal(index, 'sort:cited "A')).toBe("no-citations");
    expect(ids(index, "merging sort:top")).toHaveLength(2);
  });

  it("follows counts as papers are updated and removed", () => {
    const index = SearchIndex.build([paper("a", "Merging models", 5), paper("b", "Merging more models")]);
    index.update(paper("b", "Merging more models", 9));
    expect(ids(index, "merging sort:cited")).toEqual(["b", "a"]);
    index.update(paper("b", "Merging more models"));
    expect(ids(index, "merging sort:cited")).toEqual(["a", "b"]);
    index.remove("a");
    expect(refusal(index, "merging sort:cited")).toBe("no-citations");
  });

  it("survives the index file, and a restart picks up counts changed since it was written", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "paperbot-cited-")), "search-index.bin");
    await writeIndexFile(file, SearchIndex.build(papers).toSnapshot());
    const snapshot = await readIndexFile(file);
    if (!snapshot) throw new Error("the index file was not read back");
    const now = papers.map((p) => (p.id === "few" ? paper("few", p.title, 1_000) : p));
    const { index, changed } = SearchIndex.restore(snapshot, now);
    expect(changed).toBe(1);
    expect(ids(index, "merging models sort:cited")).toEqual(["few", "many", "none", "unknown"]);
  });
});
