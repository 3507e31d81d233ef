// The query language: what each piece of a typed query means, and the errors people get instead.
import { describe, expect, it } from "vitest";
import { isUserError, type UserError } from "../../src/errors.js";
import { parseQuery } from "../../src/search/query.js";

function errorOf(text: string): UserError {
  try {
    parseQuery(text);
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error(`parseQuery("${text}") did not throw`);
}

describe("parseQuery", () => {
  it("reads free words, lower-cased and accent-free, and marks the last as a possible prefix", () => {
    const query = parseQuery("Local SGD César");
    expect(query.words).toEqual(["local", "sgd", "cesar"]);
    expect(query.lastWordIsPrefix).toBe(true);
  });

  it("reads quoted phrases, straight or curly, and a forgotten closing quote", () => {
    expect(parseQuery('"mixture of experts" routing').phrases).toEqual([["mixture", "of", "experts"]]);
    expect(parseQuery("“model merging”").phrases).toEqual([["model", "merging"]]);
    expect(parseQuery('"low rank adaptation').phrases).toEqual([["low", "rank", "adaptation"]]);
    expect(parseQuery('"merging" x').words).toEqual(["merging", "x"]);
    expect(parseQuery('routing "mixture of experts"').lastWordIsPrefix).toBe(false);
  });

  it("reads exclusions of words and phrases", () => {
    const query = parseQuery('moe -survey -"load balancing" -local-sgd');
    expect(query.words).toEqual(["moe"]);
    expect(query.excludeWords).toEqual(["survey"]);
    expect(query.excludePhrases).toEqual([
      ["load", "balancing"],
      ["local", "sgd"],
    ]);
  });

  it("reads every filter, with its aliases and quoted values", () => {
    const query = parseQuery(
      'author:Qin by:"S. Rasoul Etesami" org:MiniMax cat:cs.LG since:2024-01-15 until:2025 sort:top',
    );
    expect(query.authors).toEqual([["qin"], ["s", "rasoul", "etesami"]]);
    expect(query.orgs).toEqual([["minimax"]]);
    expect(query.categories).toEqual(["cs.lg"]);
    expect(query.since).toBe("2024-01-15");
    expect(query.until).toBe("2025-12-31");
    expect(query.sort).toBe("top");
    expect(query.words).toEqual([]);
    expect(query.lastWordIsPrefix).toBe(false);
  });

  it("widens a month or a year to the whole period", () => {
    expect(parseQuery("since:2024-02").since).toBe("2024-02-01");
    expect(parseQuery("until:2024-02").until).toBe("2024-02-29");
    expect(parseQuery("since:2023").since).toBe("2023-01-01");
  });

  it("accepts a space after a filter's colon", () => {
    expect(parseQuery("author: qin sgd")).toMatchObject({ authors: [["qin"]], words: ["sgd"] });
  });

  it("keeps URLs, arXiv ids and other colon words as words", () => {
    expect(parseQuery("https://arxiv.org/abs/2406.12345").words).toEqual([
      "https",
      "arxiv",
      "org",
      "abs",
      "2406.12345",
    ]);
    expect(parseQuery("arXiv:2406.12345").words).toEqual(["arxiv", "2406.12345"]);
    expect(parseQuery("ratio 10:30 2406.12345").words).toEqual(["ratio", "10", "30", "2406.12345"]);
    expect(parseQuery('"re:invent"').phrases).toEqual([["re", "invent"]]);
  });

  it("sorts by aliases", () => {
    expect(parseQuery("sort:newest").sort).toBe("new");
    expect(parseQuery("sort:upvotes").sort).toBe("top");
    expect(parseQuery("sort:relevance").sort).toBe("relevance");
  });

  it("refuses an unknown filter, saying which filters exist", () => {
    const error = errorOf("moe foo:bar");
    expect(error.code).toBe("unknown-filter");
    expect(error.describe()).toContain("foo:");
    expect(error.describe()).toContain("author:");
    expect(error.describe()).toContain("quotes");
  });

  it("refuses bad dates, saying how to write one", () => {
    for (const text of ["since:yesterday", "since:2024-13-01", "until:2023-02-29", "since:24"]) {
      const error = errorOf(text);
      expect(error.code).toBe("bad-date");
      expect(error.describe()).toContain("2024-03-31");
    }
    expect(errorOf("since:2025 until:2024").code).toBe("empty-date-range");
  });

  it("refuses bad sorts, categories, empty names and negated filters", () => {
    expect(errorOf("sort:random").code).toBe("bad-sort");
    expect(errorOf("cat:12").code).toBe("bad-category");
    expect(errorOf("author:").code).toBe("empty-filter");
    expect(errorOf('author:"!!"').code).toBe("empty-filter");
    expect(errorOf("-cat:cs.CV").code).toBe("negated-filter");
  });

  it("gives an empty query for empty or punctuation-only text", () => {
    for (const text of ["", "   ", "!!! ???", '""', "-"]) {
      const query = parseQuery(text);
      expect(query.words).toEqual([]);
      expect(query.phrases).toEqual([]);
    }
  });

  it("keeps at most 32 words", () => {
    expect(parseQuery("word ".repeat(500)).words).toHaveLength(32);
  });
});
