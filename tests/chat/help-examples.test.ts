// Every example the help text and the command table give works, as written, on the seed papers a fresh start has.
import { afterEach, describe, expect, it, vi } from "vitest";
import { COMMAND_SPECS } from "../../src/chat/command-specs.js";
import { helpText } from "../../src/chat/commands/help.js";
import { UserError } from "../../src/errors.js";
import type { ArxivRef } from "../../src/papers/ids.js";
import type { ParsedPaper } from "../../src/papers/paper.js";
import { seededCore } from "../helpers/core.js";
import { say } from "./chat-helpers.js";

/** What `/papers add` would fetch: arXiv is not reachable from the tests. */
async function fetchPaper(ref: ArxivRef): Promise<ParsedPaper> {
  return {
    arxivId: ref.id,
    title: "Attention Is All You Need",
    abstract:
      "We propose the Transformer, a network architecture based solely on attention mechanisms, dispensing with recurrence and convolutions entirely.",
    authors: ["Ashish Vaswani"],
    categories: ["cs.CL"],
    published: "2017-06-12",
    links: { abstract: `https://arxiv.org/abs/${ref.id}` },
    sighting: { source: "arxiv", ref: ref.id, seenAt: "2026-11-22T12:00:00Z" },
  };
}

/** "/papers search local sgd" from each line of the help text that shows one. */
function helpExamples(): string[] {
  return [...helpText(["bookmark"]).matchAll(/(?:e\.g\.|:) \/papers (.+)$/gm)].map((m) => m[1] as string);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the examples in the help text", () => {
  it("are all in the command table, which has one for every command", () => {
    const tableExamples = COMMAND_SPECS.flatMap((spec) => spec.examples);
    expect(helpExamples().length).toBeGreaterThanOrEqual(COMMAND_SPECS.length);
    for (const example of helpExamples()) expect([...tableExamples, "local sgd"]).toContain(example);
  });

  it("each work on the seed papers: no user error, and papers where papers are promised", async () => {
    const { bot, deps } = await seededCore();
    deps.fetchPaper = fetchPaper;
    const refused = vi.spyOn(UserError.prototype, "describe");
    for (const example of [...COMMAND_SPECS.flatMap((spec) => spec.examples), "local sgd"]) {
      refused.mockClear();
      const replies = await say(bot, example);
      const text = replies.map((r) => r.text).join(" ");
      // A fresh start has no language model: `ask` then says so and how an operator adds one, and nothing else.
      const refusals = refused.mock.contexts.map((error) => (error as UserError).code);
      if (example.startsWith("ask ")) expect(refusals, `"${example}": ${text}`).toEqual(["no-model"]);
      else expect(refused, `"${example}" was refused: ${text}`).not.toHaveBeenCalled();
      expect(text, example).not.toMatch(/something went wrong/);
      expect(replies.length, example).toBeGreaterThan(0);
      if (/^(search|show|similar|add|local)/.test(example))
        expect(replies.at(-1)?.cards?.length ?? 0, `"${example}" gave no paper: ${text}`).toBeGreaterThan(0);
    }
  });
});
