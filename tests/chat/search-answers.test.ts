// Searches that ask for nothing, headers that quote once, and cards that know the reader saved them.
import { describe, expect, it } from "vitest";
import { seededCore } from "../helpers/core.js";
import { answer, say } from "./chat-helpers.js";

describe("search answers", () => {
  it('a lone " or "" asks what to search for, instead of listing everything', async () => {
    const { bot } = await seededCore();
    for (const text of ['"', '""', 'search ""', "search “”"])
      expect(await answer(bot, text)).toMatch(/^Search for what\?/);
  });

  it("quotes the query in the header once", async () => {
    const { bot } = await seededCore();
    const [reply] = await say(bot, '"model merging"');
    expect(reply?.heading).toMatch(/^Papers for "model merging" \(1–5 of \d+\)$/);
    const [plain] = await say(bot, "model merging");
    expect(plain?.heading).toMatch(/^Papers for "model merging" \(/);
  });

  it("marks the cards of papers the reader saved, and only theirs", async () => {
    const { bot } = await seededCore();
    await say(bot, "save The Role of Local Steps");
    const [reply] = await say(bot, "local sgd");
    const cards = reply?.cards ?? [];
    expect(cards.find((c) => c.id === "p96e1e4140c")?.saved).toBe(true);
    expect(cards.filter((c) => c.saved)).toHaveLength(1);
    const [someoneElse] = await say(bot, "local sgd", {
      platform: "slack",
      workspaceId: "TA",
      userId: "bob",
    });
    expect(someoneElse?.cards?.some((c) => c.saved)).toBe(false);
    const [shown] = await say(bot, "show p96e1e4140c");
    expect(shown?.cards?.[0]?.saved).toBe(true);
  });
});
