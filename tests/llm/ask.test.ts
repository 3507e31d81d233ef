// Reading the model's answer: its JSON (or plain text), and the quoted sentence checked against the abstract.
import { describe, expect, it } from "vitest";
import { describeAnswer, findQuotedSentence, parseModelReply } from "../../src/llm/ask.js";
import { cleanModelText } from "../../src/llm/model-text.js";
import type { Paper } from "../../src/papers/paper.js";

const paper = {
  id: "2401.00001",
  title: "The Role of Local Steps in Local SGD",
  abstract:
    "We study local SGD with heterogeneous data. We show that local steps reduce communication by a factor of ten on CIFAR-10. Our analysis covers convex objectives only.",
  authors: [],
  categories: [],
  links: {},
  sightings: [],
} as Paper;

describe("the model's answer", () => {
  it("is read from JSON, with prose or code fences around it", () => {
    expect(parseModelReply('```json\n{"answered": true, "answer": "Ten times.", "quote": "x"}\n```')).toEqual(
      {
        answered: true,
        answer: "Ten times.",
        quote: "x",
      },
    );
    expect(parseModelReply('{"answered": false, "answer": "It does not say."}').answered).toBe(false);
    expect(parseModelReply("Just prose {not json").answer).toBe("Just prose {not json");
  });

  it("quotes a sentence only when the abstract has it, in the abstract's own words", () => {
    expect(findQuotedSentence(paper, "local steps reduce communication by a factor of ten")).toBe(
      "We show that local steps reduce communication by a factor of ten on CIFAR-10.",
    );
    expect(findQuotedSentence(paper, "“Our analysis covers  convex objectives only”")).toBe(
      "Our analysis covers convex objectives only.",
    );
    expect(
      findQuotedSentence(paper, "local steps reduce communication by a factor of one hundred"),
    ).toBeUndefined();
    expect(findQuotedSentence(paper, "SGD")).toBeUndefined();
  });

  it("says when the abstract does not answer, and when the model's quote is not in it", () => {
    const base = { paperId: paper.id, question: "Does it work for transformers?", answer: "", model: "m" };
    const none = describeAnswer({ ...base, answered: false, quoteNotFound: false }, paper.title);
    expect(none).toContain("The abstract does not answer this.");
    const invented = describeAnswer(
      { ...base, answered: true, answer: "Yes.", quoteNotFound: true },
      paper.title,
    );
    expect(invented).toContain("not in the abstract");
    expect(invented).not.toContain("From the abstract");
  });

  it("cleans model text to one capped paragraph without control characters or a TL;DR label", () => {
    expect(cleanModelText('TL;DR: "Local steps\n\u0007help."', 100)).toBe("Local steps help.");
    const capped = cleanModelText("word ".repeat(100), 40);
    expect(capped.length).toBeLessThanOrEqual(40);
    expect(capped.endsWith("…")).toBe(true);
  });
});
