import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/summarize/sentences.js";

describe("splitSentences", () => {
  it("splits plain sentences and drops whitespace", () => {
    expect(splitSentences("  We propose X.  It works!   Does it? ")).toEqual([
      "We propose X.",
      "It works!",
      "Does it?",
    ]);
  });

  it.each([
    ["e.g.", "We use adaptive optimizers, e.g. Adam and Lion. They converge fast."],
    ["i.e.", "The loss is convex, i.e. Hessians are PSD everywhere. They converge fast."],
    ["et al. (year)", "Lattimore et al. (2020) show a degraded bound. They converge fast."],
    ["et al. lower-case", "As shown by Smith et al. in prior work, this holds. They converge fast."],
    ["Fig. 2", "As Fig. 2 shows, the loss drops. They converge fast."],
    ["Eq. 3", "We minimize Eq. 3 with SGD. They converge fast."],
    ["vs.", "We compare Adam vs. SGD on ImageNet. They converge fast."],
    ["decimal", "Our model is 3.5 times faster than the baseline. They converge fast."],
    ["version", "We release v1.2.3 of the toolkit. They converge fast."],
    ["Tab. 2", "Results are in Tab. 2 of the appendix. They converge fast."],
  ])("does not break at %s", (_label, text) => {
    const sentences = splitSentences(text);
    expect(sentences).toHaveLength(2);
    expect(sentences[1]).toBe("They converge fast.");
  });

  it("breaks before a sentence that starts with a mixed-case name", () => {
    expect(splitSentences("We present rStar-Math. rStar-Math achieves 90% on MATH.")).toEqual([
      "We present rStar-Math.",
      "rStar-Math achieves 90% on MATH.",
    ]);
  });

  it("keeps a lower-case continuation in the same sentence", () => {
    expect(splitSentences("Data are non-i.i.d. across clients. We fix it.")).toEqual([
      "Data are non-i.i.d. across clients.",
      "We fix it.",
    ]);
  });

  it("never throws and never loses or adds text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const sentences = splitSentences(text);
        const squeeze = (s: string) => s.replace(/\s+/g, "");
        expect(sentences.map(squeeze).join("")).toBe(squeeze(text));
        for (const sentence of sentences) expect(sentence).toBe(sentence.trim());
        for (const sentence of sentences) expect(sentence).not.toBe("");
      }),
    );
  });
});
