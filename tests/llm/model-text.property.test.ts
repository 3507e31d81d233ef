// Whatever a model writes: cleaned text stays within its cap with no control characters, and a "quote" is shown only if the paper has it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findQuotedSentence, parseModelReply } from "../../src/llm/ask.js";
import { cleanModelText } from "../../src/llm/model-text.js";
import type { Paper } from "../../src/papers/paper.js";
import { splitSentences } from "../../src/summarize/sentences.js";

const runs = Number(process.env.FUZZ_RUNS ?? 300);

const paper = {
  id: "p1",
  title: "Sparse mixtures of experts at scale",
  abstract:
    "We train sparse models. Routing uses a learned gate, e.g. top-2 routing. Results improve by 3.5 points on MMLU.",
  authors: [],
  categories: [],
  links: {},
  sightings: [],
} as Paper;
const sentences = [paper.title, ...splitSentences(paper.abstract)];

describe("model output, whatever it is", () => {
  it("cleans to at most maxChars with no control or bidi characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.integer({ min: 1, max: 400 }), (text, max) => {
        const clean = cleanModelText(text, max);
        expect(clean.length).toBeLessThanOrEqual(max);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
        expect(clean).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
        // A cut never leaves half of a surrogate pair the input did not have.
        if (!/[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "")))
          expect(clean).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
      { numRuns: runs },
    );
  });

  it("never yields a quote that is not one of the paper's sentences", () => {
    const fragments = fc.oneof(
      fc.string(),
      fc
        .constantFrom(...sentences)
        .chain((s) =>
          fc
            .tuple(fc.nat(s.length), fc.nat(s.length))
            .map(([a, b]) => s.slice(Math.min(a, b), Math.max(a, b))),
        ),
    );
    fc.assert(
      fc.property(fragments, (quote) => {
        const found = findQuotedSentence(paper, quote);
        if (found !== undefined) expect(sentences).toContain(found);
      }),
      { numRuns: runs },
    );
  });

  it("parses any text into an answer without throwing", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const reply = parseModelReply(text);
        expect(typeof reply.answer).toBe("string");
        expect(typeof reply.quote).toBe("string");
      }),
      { numRuns: runs },
    );
  });
});
