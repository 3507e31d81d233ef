import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { splitSentences } from "../../src/summarize/sentences.js";
import { makeTldr, readableText } from "../../src/summarize/tldr.js";
import { loadSeedPapers, seedByTitle } from "./seed-papers.js";

let seeds: Paper[];
beforeAll(() => {
  seeds = loadSeedPapers();
});

const tldrOf = (title: string) => {
  const paper = seedByTitle(seeds, title);
  return makeTldr(paper.abstract, { title: paper.title });
};

describe("makeTldr on seed papers (pinned by hand)", () => {
  it("takes the contribution sentence of Local SGD, not the background one", () => {
    expect(tldrOf("The Role of Local Steps in Local SGD")).toBe(
      "We study the Local SGD method, where agents perform a number of local stochastic gradient steps and occasionally communicate with a central node to improve their local optimization tasks.",
    );
  });

  it("pairs a contribution with its follow-up when both fit", () => {
    expect(tldrOf("MiniMax-M1: Scaling Test-Time Compute Efficiently with Lightning Attention")).toBe(
      "We introduce MiniMax-M1, the world's first open-weight, large-scale hybrid-attention reasoning model. We release two versions of MiniMax-M1 models with 40K and 80K thinking budgets respectively, where the 40K model represents an intermediate phase of the 80K training.",
    );
  });

  it("drops a back-referring lead-in", () => {
    // The abstract says "To address this, we present Tiny Time Mixers (TTM), …".
    expect(
      tldrOf(
        "Tiny Time Mixers (TTMs): Fast Pre-trained Models for Enhanced Zero/Few-Shot Forecasting of Multivariate Time Series",
      ),
    ).toBe(
      "We present Tiny Time Mixers (TTM), a significantly small model based on the lightweight TSMixer architecture. TTM shows significant accuracy gains (12-38%) over popular benchmarks in few/zero-shot forecasting.",
    );
  });

  it("names the KV cache contribution of MiniCache", () => {
    expect(tldrOf("MiniCache: KV Cache Compression in Depth Dimension for Large Language Models")).toBe(
      "We present a simple yet effective approach, called MiniCache, to compress the KV cache across layers from a novel depth perspective, significantly reducing the memory footprint for LLM inference.",
    );
  });

  it("trims an overlong contribution at a clause boundary", () => {
    expect(
      tldrOf(
        "Auto-BI: Automatically Build BI-Models Leveraging Local Join Prediction and Global Schema Graph",
      ),
    ).toBe(
      "We develop an Auto-BI system that can accurately predict BI models given a set of input tables, using a principled graph-based optimization problem we propose called k-Min-Cost-Arborescence (k-MCA), which holistically considers both local join prediction…",
    );
  });

  it("keeps the dollar sign out of a paper that quotes a price", () => {
    const paper = seeds.find((p) => p.abstract.includes("$534,700"));
    expect(paper).toBeDefined();
    const tldr = makeTldr(paper?.abstract ?? "", { title: paper?.title ?? "" });
    expect(tldr).not.toContain("$");
    expect(tldr).not.toContain("534,700");
  });

  it("reads LaTeX in a chosen sentence", () => {
    const abstract =
      "Background matters a lot for everyone in the field today. We prove a rate of $\\tilde{O}(1/\\sqrt{T})$ for {\\em varepsilon}-private SGD.";
    expect(makeTldr(abstract)).toBe("We prove a rate of Õ(1/√T) for ε-private SGD.");
  });
});

describe("makeTldr on all seed papers", () => {
  it("there are 161 distinct seed papers", () => {
    expect(seeds).toHaveLength(161);
  });

  it("gives every paper a short, clean TL;DR of whole sentences or a trimmed one", () => {
    const problems: string[] = [];
    for (const paper of seeds) {
      const tldr = makeTldr(paper.abstract, { title: paper.title });
      const sentences = splitSentences(readableText(paper.abstract));
      // Whole sentences, a sentence cut with "…", or the statement before a sentence's colon.
      const whole = tldr.endsWith("…")
        ? sentences.some((s) => s.includes(tldr.slice(0, -1).slice(-40)))
        : splitSentences(tldr).every((s) => sentences.some((t) => t.endsWith(s.slice(1)))) ||
          sentences.some((s) => s.includes(`${tldr.slice(1, -1)}: `));
      if (tldr === "" || tldr.length > 280 || /[$\\{}]/.test(tldr) || !whole) {
        problems.push(`${paper.title}: ${tldr}`);
      }
      if (!tldr.endsWith("…")) expect(tldr).toMatch(/[.!?]["')\]]?$/);
    }
    expect(problems).toEqual([]);
  });

  it("respects a smaller limit", () => {
    for (const paper of seeds.slice(0, 40)) {
      const tldr = makeTldr(paper.abstract, { maxChars: 120 });
      expect(tldr.length).toBeLessThanOrEqual(120);
      expect(tldr).not.toMatch(/[$\\{}]/);
    }
  });
});

describe("makeTldr on any input", () => {
  it("never throws and never exceeds maxChars", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: -5, max: 400 }), (text, maxChars) => {
        const tldr = makeTldr(text, { maxChars });
        expect(tldr.length).toBeLessThanOrEqual(Math.max(0, maxChars));
        expect(tldr).not.toMatch(/[$\\{}]/);
      }),
    );
  });

  it("handles sentence-like text with LaTeX", () => {
    const pieces = fc.constantFrom(
      "We propose ",
      "$x^2$",
      "\\alpha",
      "{",
      "}",
      ". ",
      "e.g. ",
      "3.5 ",
      "$",
      "model ",
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 80 }),
        fc.integer({ min: 1, max: 300 }),
        (parts, maxChars) => {
          const tldr = makeTldr(parts.join(""), { maxChars });
          expect(tldr.length).toBeLessThanOrEqual(maxChars);
          expect(tldr).not.toMatch(/[$\\{}]/);
        },
      ),
    );
  });

  it("gives nothing for an empty abstract", () => {
    expect(makeTldr("   ")).toBe("");
  });
});
