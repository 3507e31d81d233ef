import { describe, expect, it } from "vitest";
import type { Actor, BotEvent, MessageRef, Place, Reply } from "../../src/chat/port.js";
import { memoryLogger, seededCore, testSettings } from "../helpers/core.js";

const placeA: Place = { platform: "slack", workspaceId: "TA", channelId: "C1" };
const placeB: Place = { platform: "slack", workspaceId: "TB", channelId: "C1" };
const alice: Actor = { platform: "slack", workspaceId: "TA", userId: "alice" };
const mallory: Actor = { platform: "slack", workspaceId: "TB", userId: "mallory" };

/** Sends one event; returns the replies and, for channel replies, the refs the fake platform gave them. */
async function send(
  bot: { handle: (e: BotEvent, r: (reply: Reply) => Promise<MessageRef | undefined>) => Promise<void> },
  event: BotEvent,
) {
  const replies: Reply[] = [];
  let n = 0;
  await bot.handle(event, async (reply) => {
    replies.push(reply);
    if (reply.visibility === "private") return undefined;
    n += 1;
    const place = "place" in event ? event.place : placeA;
    return { ...place, messageId: `msg-${Date.now()}-${n}-${Math.random()}` };
  });
  return replies;
}

const command = (text: string, actor = alice, place = placeA): BotEvent => ({
  type: "command",
  text,
  actor,
  place,
});

describe("the chat core", () => {
  it("saves once for a reaction delivered twice, and un-saves when it is removed", async () => {
    const { bot, store } = await seededCore();
    const paper = [...store.corpus.all()][0];
    if (!paper) throw new Error("no papers");
    const ref: MessageRef = { ...placeA, messageId: "1700000000.000100" };
    await store.recordPost({ ref, paperIds: [paper.id], postedAt: "2026-11-22T00:00:00Z", kind: "digest" });
    const reaction = (added: boolean): BotEvent => ({
      type: "reaction",
      emoji: "bookmark",
      added,
      target: ref,
      actor: alice,
    });
    expect(await send(bot, reaction(true))).toEqual([]);
    await send(bot, reaction(true));
    expect(store.savesOf("slack:TA", "alice").map((s) => s.paperId)).toEqual([paper.id]);
    await send(bot, reaction(false));
    expect(store.savesOf("slack:TA", "alice")).toEqual([]);
  });

  it("reads number emojis on a list and ignores a save emoji that cannot say which paper", async () => {
    const { bot, store } = await seededCore();
    const [a, b, c] = [...store.corpus.all()];
    const ref: MessageRef = { ...placeA, messageId: "list" };
    await store.recordPost({
      ref,
      paperIds: [a?.id ?? "", b?.id ?? "", c?.id ?? ""],
      postedAt: "x",
      kind: "reply",
    });
    await send(bot, { type: "reaction", emoji: "bookmark", added: true, target: ref, actor: alice });
    expect(store.savesOf("slack:TA", "alice")).toEqual([]);
    await send(bot, { type: "reaction", emoji: "two", added: true, target: ref, actor: alice });
    expect(store.savesOf("slack:TA", "alice").map((s) => s.paperId)).toEqual([b?.id]);
    await send(bot, { type: "reaction", emoji: "keycap_ten", added: true, target: ref, actor: alice });
    expect(store.savesOf("slack:TA", "alice")).toHaveLength(1);
  });

  it("ignores reactions on messages it never posted, and from another workspace", async () => {
    const { bot, store } = await seededCore();
    const paper = [...store.corpus.all()][0];
    const ref: MessageRef = { ...placeA, messageId: "mine" };
    await store.recordPost({ ref, paperIds: [paper?.id ?? ""], postedAt: "x", kind: "digest" });
    expect(
      await send(bot, {
        type: "reaction",
        emoji: "bookmark",
        added: true,
        target: { ...ref, messageId: "not-mine" },
        actor: alice,
      }),
    ).toEqual([]);
    await send(bot, { type: "reaction", emoji: "bookmark", added: true, target: ref, actor: mallory });
    expect(store.savesIn("slack:TA")).toEqual([]);
    expect(store.savesIn("slack:TB")).toEqual([]);
  });

  it("keeps workspaces apart: saves, cursors and schedules of one are invisible to another", async () => {
    const { bot, store } = await seededCore();
    const [searchReply] = await send(bot, command("search learning"));
    expect(searchReply?.more).toBeDefined();
    await send(bot, {
      type: "action",
      action: "save",
      value: searchReply?.cards?.[0]?.id ?? "",
      actor: alice,
      place: placeA,
    });
    const forgedMore = await send(bot, {
      type: "action",
      action: "more",
      value: searchReply?.more ?? "",
      actor: mallory,
      place: placeB,
    });
    expect(forgedMore[0]?.text).toMatch(/That result list has expired/);
    const teamB = await send(bot, command("saved team", mallory, placeB));
    expect(teamB[0]?.text).toBe("Nobody here has saved a paper yet.");
    await send(bot, command("digest on 09:00", alice, placeA));
    const statusB = await send(bot, command("digest status", mallory, placeB));
    expect(statusB[0]?.text).toMatch(/This channel has no digest/);
    // An actor claiming a place in another workspace is refused.
    const crossed = await send(bot, command("digest off", mallory, placeA));
    expect(crossed[0]?.text).toMatch(/another workspace/);
    expect(store.subscriptions()).toHaveLength(1);
  });

  it("answers a forged button value with a clear private error and stores nothing", async () => {
    const { bot, store } = await seededCore();
    const replies = await send(bot, {
      type: "action",
      action: "save",
      value: "<!channel> 9999.99999",
      actor: alice,
      place: placeA,
    });
    expect(replies).toEqual([
      expect.objectContaining({ visibility: "private", text: expect.stringMatching(/I don't know a paper/) }),
    ]);
    expect(store.savesIn("slack:TA")).toEqual([]);
    const unknown = await send(bot, {
      type: "action",
      action: "rm -rf",
      value: "x",
      actor: alice,
      place: placeA,
    });
    expect(unknown[0]?.text).toMatch(/not one I know/);
  });

  it("lets only admins change a channel's digest when the policy says so", async () => {
    const settings = testSettings();
    const { bot, store } = await seededCore({
      settings: { ...settings, digest: { ...settings.digest, whoMayChange: "admins" } },
    });
    const refused = await send(bot, command("digest on 10:00"));
    expect(refused[0]).toMatchObject({
      visibility: "private",
      text: expect.stringMatching(/Only workspace admins/),
    });
    expect(store.subscriptions()).toEqual([]);
    await send(bot, command("digest on 10:00", { ...alice, isAdmin: true }));
    expect(store.subscriptions()).toHaveLength(1);
    expect((await send(bot, command("digest status")))[0]?.text).toMatch(/daily at 10:00/);
  });

  it("answers an internal failure with a short apology and logs it", async () => {
    const { log, lines } = memoryLogger();
    const { createBot } = await import("../../src/chat/bot.js");
    const { deps } = await seededCore();
    const broken = createBot({
      ...deps,
      log,
      search: {
        ...deps.search,
        search: () => {
          throw new Error("index exploded");
        },
      },
    });
    const replies = await send(broken, command("search anything"));
    expect(replies).toEqual([
      {
        text: "Sorry, something went wrong on my side. It has been logged; please try again.",
        visibility: "private",
      },
    ]);
    expect(lines().some((line) => line.includes("index exploded"))).toBe(true);
  });

  it("records channel replies with papers so reactions on them save", async () => {
    const { bot, store } = await seededCore();
    const [today] = await send(bot, command("today"));
    expect(today?.visibility).toBe("channel");
    expect(today?.cards?.length).toBe(5);
    const posts = store.postsIn("slack:TA:C1");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.paperIds).toEqual(today?.cards?.map((c) => c.id));
  });

  it("completes paper ids and time zones", async () => {
    const { bot } = await seededCore();
    const zones = await bot.complete("timezone", "berl", alice);
    expect(zones.map((z) => z.value)).toContain("Europe/Berlin");
    const papers = await bot.complete("paper", "local sgd", alice);
    expect(papers.length).toBeGreaterThan(0);
    expect(papers[0]?.label.length).toBeLessThanOrEqual(100);
  });
});
