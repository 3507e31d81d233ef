// The search index: ranking, word forms, prefixes, typos, phrases, filters, sorting, paging, updates.
import { beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { loadSeedCorpus } from "../eval/search-seeds.js";

function paper(id: string, fields: Partial<Paper> = {}): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: "A study of something else entirely.",
    authors: [],
    categories: [],
    links: {},
    sightings: [],
    ...fields,
  };
}

const papers: Paper[] = [
  paper("merge", {
    title: "Merging Models with Fisher-Weighted Averaging",
    abstract: "We merge fine-tuned models by averaging their parameters weighted by the Fisher information.",
    authors: ["Michael Matena", "Colin Raffel"],
    categories: ["cs.LG"],
    published: "2021-11-18",
    upvotes: 3,
  }),
  paper("sgd", {
    title: "The Role of Local Steps in Local SGD",
    abstract:
      "We study local stochastic gradient descent where workers take local steps between communication rounds.",
    authors: ["Tiancheng Qin", "S. Rasoul Etesami", "César A. Uribe"],
    categories: ["cs.LG", "math.OC"],
    published: "2022-03-14",
    upvotes: 10,
  }),
  paper("moe", {
    title: "A Survey of Mixture of Experts Inference",
    abstract:
      "Mixture of experts models route each token to a few experts; we survey quantization and serving.",
    organization: "Microsoft",
    categories: ["cs.CL"],
    published: "2024-12-01",
    upvotes: 1,
  }),
  paper("quant", {
    title: "Vector Quantization for Large Language Models",
    abstract:
      "Post-training quantization of weights to two bits keeps the accuracy of large language models.",
    authors: ["Yifei Liu"],
    organization: "Microsoft Research",
    categories: ["cs.LG"],
    published: "2024-09-25",
    upvotes: 7,
    keyphrases: ["vector quantization", "low-bit weights"],
  }),
  paper("experts", {
    title: "Experts Everywhere",
    abstract: "Experts of many kinds mix in this paper, but not as a mixture model.",
    published: "2023-05-01",
  }),
];

const ids = (text: string, limit = 10): string[] =>
  index()
    .search(parseQuery(text), { limit })
    .hits.map((hit) => hit.id);

let shared: SearchIndex;
const index = (): SearchIndex => shared;

describe("SearchIndex", () => {
  beforeAll(() => {
    shared = SearchIndex.build(papers);
  });

  it("ranks a title match above an abstract mention", () => {
    expect(ids("quantization")[0]).toBe("quant");
    expect(ids("quantization")).toContain("moe");
  });

  it("matches other forms of a word (stemming) and skips stop words", () => {
    expect(ids("merged")).toEqual(["merge"]);
    expect(ids("the averages of the weights")[0]).toBe("merge");
    expect(ids("the of")).toEqual([]);
  });

  it("treats the last word as a prefix, and a word mid-query only when it is clipped", () => {
    expect(ids("quantiz")).toContain("quant");
    expect(ids("fisher aver")).toEqual(["merge"]);
    expect(ids("quant")).toContain("quant");
    // "quant" is no word of the papers, so mid-query it is read as clipped ("quantization")...
    expect(ids("quant fisher").slice(0, 2)).toEqual(["merge", "quant"]);
    // ...but a known word is not, unless a word it begins is commoner ("fish" is not a start here).
    expect(ids("merge fisher")).toEqual(["merge"]);
  });

  it("forgives one typo in a longer word, but not in short ones", () => {
    expect(ids("quantizaton")[0]).toBe("quant");
    expect(ids("stochastc gradient")[0]).toBe("sgd");
    expect(ids("lcoal sgd")[0]).toBe("sgd"); // swapped letters
    expect(ids("sdg")).toEqual([]);
  });

  it("splits two words typed as one", () => {
    expect(ids("postraining")).toEqual([]);
    expect(ids("vectorquantization")[0]).toBe("quant");
  });

  it("matches an exact phrase word for word", () => {
    expect(ids('"mixture of experts"')).toEqual(["moe"]);
    expect(ids('"experts of mixture"')).toEqual([]);
    expect(ids('"unknownword here"')).toEqual([]);
  });

  it("leaves out excluded words and phrases", () => {
    expect(ids("experts")).toEqual(expect.arrayContaining(["moe", "experts"]));
    expect(ids("experts -survey")).toEqual(["experts"]);
    expect(ids('experts -"mixture of experts"')).toEqual(["experts"]);
    expect(ids("-survey")).not.toContain("moe");
  });

  it("filters by author, organisation, category and date", () => {
    expect(ids("author:qin")).toEqual(["sgd"]);
    expect(ids("author:cesar")).toEqual(["sgd"]);
    expect(ids('author:"rasoul etesami"')).toEqual(["sgd"]);
    expect(ids('author:"qin etesami"')).toEqual([]);
    expect(ids("org:microsoft")).toEqual(["moe", "quant"]);
    expect(ids('org:"microsoft research" quantization')).toEqual(["quant"]);
    expect(ids("cat:cs.LG")).toEqual(["quant", "sgd", "merge"]);
    expect(ids("cat:oc")).toEqual(["sgd"]);
    expect(ids("cat:math")).toEqual(["sgd"]);
    expect(ids("quantization since:2024-10")).toEqual(["moe"]);
    expect(ids("until:2022")).toEqual(["sgd", "merge"]);
    expect(ids("author:nobody")).toEqual([]);
  });

  it("lists filter-only queries newest first, and sorts by date or upvotes on request", () => {
    expect(ids("cat:cs.LG")).toEqual(["quant", "sgd", "merge"]);
    expect(ids("cat:cs.LG sort:top")).toEqual(["sgd", "quant", "merge"]);
    expect(ids("sort:new")).toEqual(["moe", "quant", "experts", "sgd", "merge"]);
    // Sorted by date, every word must match, not just one.
    expect(ids("quantization models sort:new")).toEqual(["moe", "quant"]);
  });

  it("pages through results", () => {
    const first = index().search(parseQuery("sort:new"), { limit: 2 });
    expect(first).toMatchObject({ total: 5, nextOffset: 2 });
    const second = index().search(parseQuery("sort:new"), { limit: 2, offset: 2 });
    const third = index().search(parseQuery("sort:new"), { limit: 2, offset: 4 });
    expect(third.nextOffset).toBeUndefined();
    const all = [...first.hits, ...second.hits, ...third.hits].map((hit) => hit.id);
    expect(all).toEqual(["moe", "quant", "experts", "sgd", "merge"]);
    expect(index().search(parseQuery("sort:new"), { offset: 50 }).hits).toEqual([]);
  });

  it("finds similar papers by content, never the paper itself", () => {
    const similar = index().similar("moe", 3);
    expect(similar.map((hit) => hit.id)).not.toContain("moe");
    expect(similar[0]?.id).toBe("experts");
    expect(index().similar("missing", 3)).toEqual([]);
  });
});

describe("SearchIndex updates", () => {
  it("adds and updates papers without a rebuild", () => {
    const live = SearchIndex.build(papers.slice(0, 2));
    expect(live.size).toBe(2);
    live.add(papers[3] as Paper);
    expect(live.search(parseQuery("quantization")).hits.map((hit) => hit.id)).toEqual(["quant"]);

    live.update({
      ...(papers[3] as Paper),
      title: "Pyramid Codebooks",
      abstract: "Codebooks for weights.",
      keyphrases: [],
    });
    expect(live.search(parseQuery("quantization")).hits).toEqual([]);
    expect(live.search(parseQuery("pyramid")).hits.map((hit) => hit.id)).toEqual(["quant"]);

    live.update({ ...(papers[0] as Paper), upvotes: 99 });
    expect(live.search(parseQuery("sort:top")).hits[0]?.id).toBe("merge");

    live.add({ ...(papers[1] as Paper), categories: ["cs.DC"] }); // add of a known id updates it
    expect(live.size).toBe(3);
    expect(live.search(parseQuery("cat:cs.DC")).hits.map((hit) => hit.id)).toEqual(["sgd"]);
    expect(live.search(parseQuery("cat:cs.LG")).hits.map((hit) => hit.id)).toEqual(["quant", "merge"]);

    live.remove("sgd");
    expect(live.has("sgd")).toBe(false);
    expect(live.search(parseQuery("local sgd")).hits).toEqual([]);
    expect(live.search(parseQuery("author:qin")).hits).toEqual([]);
  });
});

describe("SearchIndex on the seeds", () => {
  it("answers a query in well under 50 ms", () => {
    const seeds = SearchIndex.build(loadSeedCorpus().all());
    expect(seeds.size).toBe(161);
    const queries = ["local sgd", "quantizaton llm", '"mixture of experts" -survey', "author:qin", "minic"];
    for (const text of queries) seeds.search(parseQuery(text)); // warm up
    for (const text of queries) {
      const started = performance.now();
      const page = seeds.search(parseQuery(text));
      expect(performance.now() - started).toBeLessThan(50);
      expect(page.hits.length).toBeGreaterThan(0);
    }
  });
});
