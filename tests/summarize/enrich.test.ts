import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { summarizePapers } from "../../src/summarize/enrich.js";
import { KeyphraseModel } from "../../src/summarize/keyphrases.js";
import { loadSeedPapers } from "./seed-papers.js";

describe("summarizePapers", () => {
  it("returns copies with tldr and keyphrases, leaving the input untouched", () => {
    const seeds = loadSeedPapers();
    const before = JSON.stringify(seeds);
    const model = new KeyphraseModel(seeds);
    const start = performance.now();
    const out = summarizePapers(seeds, model);
    const ms = performance.now() - start;
    expect(JSON.stringify(seeds)).toBe(before);
    expect(out).toHaveLength(seeds.length);
    for (const [i, paper] of out.entries()) {
      expect(paper).not.toBe(seeds[i]);
      expect(paper.id).toBe(seeds[i]?.id);
      expect(paper.tldr?.length ?? 0).toBeGreaterThan(0);
      expect(paper.keyphrases?.length ?? 0).toBeGreaterThanOrEqual(3);
    }
    // All 161 seeds in well under a second (measured ~100 ms warm-up included).
    expect(ms).toBeLessThan(2000);
  });

  it("honours the limits it is given and drops a stale tldr it cannot replace", () => {
    const paper: Paper = {
      id: "p1",
      title: "Local SGD for everyone",
      abstract:
        "We study local SGD with periodic averaging across many workers and prove faster convergence.",
      authors: [],
      categories: [],
      links: {},
      sightings: [],
      tldr: "old",
    };
    const model = new KeyphraseModel([paper]);
    const [short] = summarizePapers([paper], model, { maxChars: 60, maxKeyphrases: 2 });
    expect(short?.tldr?.length ?? 0).toBeLessThanOrEqual(60);
    expect(short?.tldr).toMatch(/…$/);
    expect(short?.keyphrases).toHaveLength(2);
    const [none] = summarizePapers([{ ...paper, abstract: "   " }], model);
    expect(none).not.toHaveProperty("tldr");
  });
});
