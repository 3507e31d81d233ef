// What a new user tripped over in the seed summaries: cut TL;DRs, dangling openers, junk key phrases, raw LaTeX.
import { describe, expect, it } from "vitest";
import { isUsefulPhrase } from "../../src/summarize/keyphrases.js";
import { answer } from "../chat/chat-helpers.js";
import { seededCore, summarizedSeedPapers } from "../helpers/core.js";

const papers = summarizedSeedPapers();
const byId = (id: string) => papers.find((p) => p.id === id);

describe("seed TL;DRs", () => {
  it("open on their own feet, not on a connective", () => {
    for (const id of ["p30e725536c", "p734068ca5e", "p993fbcadaa"])
      expect(byId(id)?.tldr).not.toMatch(/^(?:Next|Regarding|Based on)\b/);
    expect(papers.filter((p) => /^(?:Next|Regarding|Based on|Then|Also),?\s/.test(p.tldr ?? ""))).toEqual([]);
  });

  it("end with a whole statement where the contribution has one before a list", () => {
    expect(byId("p7abd8c8cfd")?.tldr).toMatch(/we introduce FSMoE, .* three novel techniques\.$/);
    expect(papers.filter((p) => p.tldr?.endsWith("…")).length).toBeLessThanOrEqual(1);
  });

  it("say what a paper that makes something makes, not only the problem it studies", () => {
    expect(byId("p8422743f5f")?.tldr ?? "").not.toMatch(/^We study/);
  });
});

describe("seed key phrases", () => {
  it("are no single generic words, tiny acronyms or fragments", () => {
    const all = papers.flatMap((p) => p.keyphrases ?? []);
    for (const junk of ["hours", "minutes", "entries", "concerns", "IL", "current models", "large batched"])
      expect(all).not.toContain(junk);
    expect(all.filter((phrase) => !isUsefulPhrase(phrase))).toEqual([]);
    expect(papers.every((p) => (p.keyphrases ?? []).length >= 3)).toBe(true);
  });
});

describe("show", () => {
  it("prints the abstract with its LaTeX read, as the TL;DR is", async () => {
    const { bot } = await seededCore();
    const text = await answer(bot, "show Scalable and Independent Learning of Nash");
    expect(text).toContain("Abstract:");
    expect(text).not.toMatch(/\$|\\epsilon/);
  });
});
