import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digestCandidates } from "../../src/digest/compose.js";
import { channelKey } from "../../src/places.js";
import { answer, place, say } from "../chat/chat-helpers.js";
import { seededCore } from "../helpers/core.js";

const channel = channelKey(place.platform, place.workspaceId, place.channelId);
const spec = { workspace: "slack:TA", channel, size: 5, topics: [], excluded: [] };

describe("follow, unfollow, follows in chat", () => {
  it("puts a followed author's new paper on top of the next digest, with why", async () => {
    const { bot, store } = await seededCore();
    const before = await say(bot, "today");
    const shown = new Set(before[0]?.cards?.map((c) => c.id));
    const candidates = digestCandidates(store, spec, "2026-11-22");
    const unranked = candidates.find((p) => !shown.has(p.id) && p.authors.length > 0);
    if (!unranked) throw new Error("the seeds have no candidate outside today's highlights");
    const author = unranked.authors[0] as string;
    expect(await answer(bot, `follow author:"${author}"`)).toMatch(/now follows author:/);
    const after = (await say(bot, "today"))[0];
    expect(after?.cards?.[0]?.id === unranked.id || after?.cards?.some((c) => c.id === unranked.id)).toBe(
      true,
    );
    const card = after?.cards?.find((c) => c.id === unranked.id);
    expect(card?.reason).toContain(`follows: author ${author}`);
    // Followed matches come before the ranked ones.
    const firstRanked = after?.cards?.findIndex((c) => !c.reason?.startsWith("follows:")) ?? -1;
    const lastFollowed = after?.cards?.map((c) => c.reason?.startsWith("follows:")).lastIndexOf(true) ?? -1;
    expect(firstRanked === -1 || lastFollowed < firstRanked).toBe(true);
    expect(await answer(bot, "follows")).toMatch(/1\. author:".+" · no match yet/);
  });

  it("lists, switches alerts on, and unfollows by number or by query", async () => {
    const { bot } = await seededCore();
    await answer(bot, "follow org:openbmb");
    await answer(bot, 'follow "speculative decoding"');
    expect(await answer(bot, "follow org:openbmb")).toContain("already follows org:openbmb");
    expect(await answer(bot, "follow ORG:OpenBMB now")).toContain("as soon as it arrives");
    const list = await answer(bot, "follows");
    expect(list).toContain("1. ORG:OpenBMB · alerts");
    expect(list).toContain('2. "speculative decoding"');
    expect(await answer(bot, "unfollow 2")).toContain('no longer follows "speculative decoding"');
    expect(await answer(bot, "unfollow org:OPENBMB")).toContain("no longer follows ORG:OpenBMB");
    expect(await answer(bot, "follows")).toContain("follows nothing yet");
    expect(await answer(bot, "unfollow org:openbmb")).toContain("does not follow org:openbmb");
  });

  it("answers bad input clearly and keeps what was stored", async () => {
    const { bot, store } = await seededCore();
    await answer(bot, "follow org:openbmb");
    expect(await answer(bot, "follow")).toMatch(/Follow what\?.*For example/);
    expect(await answer(bot, "follow foo:bar")).toContain('I don\'t know the filter "foo:"');
    expect(await answer(bot, "follow -survey")).toContain("nothing a paper could match");
    expect(await answer(bot, `follow ${"x".repeat(2 * 1024 * 1024)}`)).toMatch(
      /That command is 2,097,159 characters/,
    );
    expect(await answer(bot, `follow ${"x ".repeat(200)}`)).toMatch(/a follow holds at most 300/);
    for (let i = 0; i < 200; i++) await answer(bot, `follow topic${i}`);
    expect(store.follows(channel)).toHaveLength(100);
    expect(await answer(bot, "follow one more")).toMatch(
      /already follows 100 queries, the most.*Unfollow one first/,
    );
    expect(store.follows(channel)[0]?.query).toBe("org:openbmb");
  });

  it("property: any follow text is followed or refused, never an internal error, and the list stays sound", async () => {
    const { bot, store } = await seededCore();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (text) => {
        const reply = await answer(bot, `follow ${text}`);
        expect(reply).not.toContain("something went wrong");
        expect(new Set(store.follows(channel).map((f) => f.key)).size).toBe(store.follows(channel).length);
      }),
      { numRuns: 60 },
    );
  });
});

describe("mute, unmute, mutes in chat", () => {
  it("hides a muted author from the digest but not from search", async () => {
    const { bot } = await seededCore();
    const first = (await say(bot, "today"))[0]?.cards?.[0];
    const paper = first ? (await seededCore()).store.corpus.find(first.id) : undefined;
    if (!paper) throw new Error("no highlight to mute");
    const word = paper.title.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w)) as string;
    expect(await answer(bot, `mute ${word}`)).toContain(`Muted ${word}`);
    expect((await say(bot, "today"))[0]?.cards?.some((c) => c.id === paper.id) ?? false).toBe(false);
    expect((await say(bot, `search ${paper.title}`))[0]?.cards?.some((c) => c.id === paper.id)).toBe(true);
    expect(await answer(bot, "mutes")).toContain(`1. ${word}`);
    expect(await answer(bot, `mute ${word}`)).toContain("already muted");
    expect(await answer(bot, "unmute 1")).toContain(`Unmuted ${word}`);
    expect((await say(bot, "today"))[0]?.cards?.[0]?.id).toBe(paper.id);
  });

  it("keeps digest on -word working: it becomes a mute, listed and taken back with unmute", async () => {
    const { bot, store } = await seededCore();
    expect(await answer(bot, "digest on 09:00 berlin merging -vision")).toContain("excluding: vision");
    expect(store.mutes(channel).map((m) => [m.kind, m.key])).toEqual([["word", "vision"]]);
    expect(await answer(bot, "digest status")).toContain("excluding: vision");
    expect(await answer(bot, "unmute vision")).toContain("Unmuted vision");
    expect(await answer(bot, "digest status")).not.toContain("excluding");
  });

  it("reads a subscription's -words from before mutes as mutes", async () => {
    const { bot, store } = await seededCore();
    await answer(bot, "digest on 09:00 berlin");
    const subscription = store.subscription(channel);
    if (!subscription) throw new Error("no subscription");
    await store.putSubscription({ ...subscription, excluded: ["vision"] });
    expect(await answer(bot, "mutes")).toContain("1. vision");
    expect(await answer(bot, "unmute vision")).toContain("Unmuted vision");
    expect(store.subscription(channel)?.excluded).toEqual([]);
  });

  it("answers bad mutes clearly", async () => {
    const { bot } = await seededCore();
    expect(await answer(bot, "mute")).toMatch(/Mute what\?/);
    expect(await answer(bot, "mute cat:not a category")).toContain("isn't an arXiv category");
    expect(await answer(bot, `mute ${"y".repeat(2 * 1024 * 1024)}`)).toMatch(/That command is/);
    expect(await answer(bot, `mute ${"y".repeat(500)}`)).toMatch(/a mute holds at most 100/);
    expect(await answer(bot, "unmute vision")).toContain("vision is not muted here");
  });
});
