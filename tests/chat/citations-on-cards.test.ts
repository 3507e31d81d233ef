// Citations reach the views people read: `saved team` (and every other card) shows what Semantic Scholar says.
import { describe, expect, it } from "vitest";
import type { BotEvent, Place, Reply } from "../../src/chat/port.js";
import { seededCore } from "../helpers/core.js";

const place: Place = { platform: "slack", workspaceId: "TA", channelId: "C1" };
const command = (text: string, userId: string): BotEvent => ({
  type: "command",
  text,
  actor: { platform: "slack", workspaceId: "TA", userId },
  place,
});

describe("citations on cards", () => {
  it("shows a team's saved papers with their citations", async () => {
    const { bot, store } = await seededCore();
    const [cited, plain] = [...store.corpus.all()];
    if (!cited || !plain) throw new Error("no papers");
    await store.putPapers([
      {
        ...cited,
        scholar: {
          checkedAt: "2026-11-22T09:00:00Z",
          citationCount: 1234,
          influentialCitationCount: 5,
          venue: "ICLR",
          year: 2025,
        },
      },
    ]);
    const replies: Reply[] = [];
    const respond = async (reply: Reply) => {
      replies.push(reply);
      return undefined;
    };
    await bot.handle(command(`save ${cited.id}`, "alice"), respond);
    await bot.handle(command(`save ${cited.id}`, "bob"), respond);
    await bot.handle(command(`save ${plain.id}`, "bob"), respond);
    replies.length = 0;
    await bot.handle(command("saved team", "alice"), respond);
    const cards = replies[0]?.cards ?? [];
    expect(cards.map((card) => [card.id, card.citations])).toEqual([
      [cited.id, "cited by 1.2k (5 influential) · ICLR 2025"],
      [plain.id, undefined],
    ]);
  });
});
