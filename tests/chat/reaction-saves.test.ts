// Removing a reaction un-saves only what a reaction saved: a save by command or button stays.
import { describe, expect, it } from "vitest";
import type { Bot, MessageRef } from "../../src/chat/port.js";
import { ACTIONS } from "../../src/chat/port.js";
import type { Store } from "../../src/store/store.js";
import { seededCore } from "../helpers/core.js";
import { alice, place, say, send } from "./chat-helpers.js";

async function postedPaper(store: Store): Promise<{ paperId: string; ref: MessageRef }> {
  const paperId = "p96e1e4140c";
  const ref: MessageRef = { ...place, messageId: `digest-${Math.random()}` };
  await store.recordPost({ ref, paperIds: [paperId], postedAt: "2026-11-22T09:00:00Z", kind: "digest" });
  return { paperId, ref };
}

function react(bot: Bot, ref: MessageRef, added: boolean) {
  return send(bot, { type: "reaction", emoji: "star", added, target: ref, actor: alice });
}

const saved = (store: Store) => store.savesOf("slack:TA", "alice").map((s) => s.paperId);

describe("reaction bookkeeping", () => {
  it("a reaction removed un-saves the paper that reaction saved", async () => {
    const { bot, store } = await seededCore();
    const { paperId, ref } = await postedPaper(store);
    await react(bot, ref, true);
    expect(saved(store)).toEqual([paperId]);
    await react(bot, ref, false);
    expect(saved(store)).toEqual([]);
  });

  it("a save by command stays when a reaction that was never added is removed", async () => {
    const { bot, store } = await seededCore();
    const { paperId, ref } = await postedPaper(store);
    await say(bot, `save ${paperId}`);
    await react(bot, ref, false);
    expect(saved(store)).toEqual([paperId]);
  });

  it("a save by button stays when a reaction added on top of it is removed", async () => {
    const { bot, store } = await seededCore();
    const { paperId, ref } = await postedPaper(store);
    await send(bot, { type: "action", action: ACTIONS.save, value: paperId, actor: alice, place });
    await react(bot, ref, true);
    await react(bot, ref, false);
    expect(saved(store)).toEqual([paperId]);
  });
});

describe("export", () => {
  it("counts one saved paper in good English", async () => {
    const { bot } = await seededCore();
    await say(bot, "save p96e1e4140c");
    const [reply] = await say(bot, "export");
    expect(reply?.text).toMatch(/^BibTeX for your 1 saved paper:\n@misc/);
  });
});
