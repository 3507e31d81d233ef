import { describe, expect, it } from "vitest";
import { mergePaper, newPaper } from "../../src/papers/merge.js";
import type { ParsedPaper } from "../../src/papers/paper.js";

function hf(day: string, extras: Partial<ParsedPaper>): ParsedPaper {
  return {
    arxivId: "2406.11794",
    title: "Sparse MoE Routing",
    abstract: "An abstract long enough to be a paper's abstract, more or less.",
    authors: [],
    categories: [],
    links: {},
    ...extras,
    extrasObservedOn: day,
    sighting: { source: "huggingface", ref: `hf?date=${day}`, observedOn: day, seenAt: `${day}T08:00:00Z` },
  };
}

const OLD = hf("2024-06-18", {
  thumbnail: "https://cdn.example/old.png",
  githubRepo: "https://github.com/a/moe",
  githubStars: 10,
});
const NEW = hf("2024-06-25", { githubRepo: "https://github.com/a/moe", githubStars: 1234 });

describe("merging the thumbnail, code and project page", () => {
  it("keeps the newest stars whatever order the sightings arrive in, and loses nothing known", () => {
    for (const [first, second] of [
      [OLD, NEW],
      [NEW, OLD],
    ] as const) {
      const merged = mergePaper(newPaper(first), second);
      expect(merged).toMatchObject({
        thumbnail: "https://cdn.example/old.png",
        githubRepo: "https://github.com/a/moe",
        githubStars: 1234,
        extrasObservedOn: "2024-06-25",
      });
    }
  });

  it("keeps stars with the repository they belong to", () => {
    const moved = hf("2024-06-30", { githubRepo: "https://github.com/b/moe2" });
    const merged = mergePaper(newPaper(NEW), moved);
    expect(merged.githubRepo).toBe("https://github.com/b/moe2");
    expect(merged.githubStars).toBeUndefined();
    expect(Object.keys(merged)).not.toContain("githubStars");
  });

  it("leaves the extras alone when a source without them sees the paper", () => {
    const arxiv: ParsedPaper = {
      ...hf("2024-07-01", {}),
      extrasObservedOn: undefined,
      sighting: { source: "arxiv", ref: "api", seenAt: "2024-07-01T00:00:00Z" },
    };
    const merged = mergePaper(newPaper(NEW), arxiv);
    expect(merged).toMatchObject({ githubStars: 1234, extrasObservedOn: "2024-06-25" });
  });
});
