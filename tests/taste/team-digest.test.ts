// The team's digest through the chat core: saves steer it, "not for us" removes and sinks, previews consume nothing.
import { describe, expect, it } from "vitest";
import type { Actor, BotEvent, MessageRef, Place, Reply } from "../../src/chat/port.js";
import { ACTIONS } from "../../src/chat/port.js";
import { channelHighlights, NOTHING_NEW } from "../../src/digest/compose.js";
import { postDigestPreview } from "../../src/digest/preview.js";
import { FakePort, seededCore } from "../helpers/core.js";

const place: Place = { platform: "slack", workspaceId: "TA", channelId: "C1" };
const alice: Actor = { platform: "slack", workspaceId: "TA", userId: "alice" };
const bob: Actor = { platform: "slack", workspaceId: "TA", userId: "bob" };
const team = { workspace: "slack:TA", channel: "slack:TA:C1" };

async function send(
  bot: { handle: (e: BotEvent, r: (reply: Reply) => Promise<MessageRef | undefined>) => Promise<void> },
  event: BotEvent,
) {
  const replies: Reply[] = [];
  await bot.handle(event, async (reply) => {
    replies.push(reply);
    return reply.visibility === "private" ? undefined : { ...place, messageId: `m${Math.random()}` };
  });
  return replies;
}

const command = (text: string, actor = alice): BotEvent => ({ type: "command", text, actor, place });

describe("the team's digest", () => {
  it("follows the team's saves: after three merging papers, merging leads, with reasons the store backs", async () => {
    const core = await seededCore();
    const merging = [...core.store.corpus.all()].filter((p) => /merging/i.test(p.title)).slice(0, 3);
    const before = channelHighlights(core.deps, team, core.deps.now());
    expect(before.filter((h) => /merg/i.test(h.paper.title)).length).toBeLessThan(3);
    for (const [i, paper] of merging.entries()) {
      await send(core.bot, command(`save ${paper.id}`, i === 0 ? alice : bob));
    }
    const after = channelHighlights(core.deps, team, core.deps.now());
    expect(after.filter((h) => /merg/i.test(h.paper.title)).length).toBeGreaterThanOrEqual(3);
    expect(after.some((h) => h.paper.id === merging[0]?.id)).toBe(false);
    const reasons = after.flatMap((h) => h.reasons).join("\n");
    expect(reasons).toMatch(
      /close to “.*”, which someone here saved|people here saved papers on|person here saved papers on/,
    );
  });

  it("never offers a paper marked not for us again, and papers like it sink (👎, button, command)", async () => {
    const core = await seededCore();
    const quant = [...core.store.corpus.all()].filter((p) => /quantiz/i.test(p.title));
    const [first, second, third] = quant;
    if (!first || !second || !third) throw new Error("the seeds have quantization papers");
    // A team that reads about quantization…
    for (const paper of quant.slice(3, 6)) await send(core.bot, command(`save ${paper.id}`));
    const rankOf = (id: string) =>
      channelHighlights(core.deps, { ...team, size: 10 }, core.deps.now()).findIndex(
        (h) => h.paper.id === id,
      );
    // …marks one paper not for us by 👎 on the digest message that carried it,
    const ref: MessageRef = { ...place, messageId: "digest-1" };
    await core.store.recordPost({
      ref,
      paperIds: [first.id],
      postedAt: "2026-11-21T09:00:00Z",
      kind: "digest",
    });
    await send(core.bot, { type: "reaction", emoji: "-1", added: true, target: ref, actor: bob });
    await send(core.bot, { type: "reaction", emoji: "-1", added: true, target: ref, actor: bob });
    expect(core.store.dismissalsIn("slack:TA").map((d) => d.paperId)).toEqual([first.id]);
    // …one by the card's button, one by the command.
    await send(core.bot, { type: "action", action: ACTIONS.dismiss, value: second.id, actor: alice, place });
    const replies = await send(core.bot, command(`dismiss ${third.id}`));
    expect(replies[0]?.text).toMatch(/not for us/);
    for (const paper of [first, second, third]) {
      expect(rankOf(paper.id)).toBe(-1);
    }
    expect(core.store.dismissalsIn("slack:TA")).toHaveLength(3);
    // Taking it back brings it back.
    await send(core.bot, command(`undismiss ${third.id}`));
    expect(core.store.dismissalsIn("slack:TA")).toHaveLength(2);
  });

  it("ranks a dismissed paper's near neighbours lower than before", async () => {
    const core = await seededCore();
    const merging = [...core.store.corpus.all()].filter((p) => /merging/i.test(p.title));
    for (const paper of merging.slice(0, 2)) await send(core.bot, command(`save ${paper.id}`));
    const target = merging[2];
    if (!target) throw new Error("the seeds have merging papers");
    const neighbour = core.search
      .similar(target.id, 5)
      .find((hit) => !merging.slice(0, 3).some((p) => p.id === hit.id));
    if (!neighbour) throw new Error("a neighbour");
    const scoreOf = (id: string) =>
      channelHighlights(core.deps, { ...team, size: 100 }, core.deps.now()).find((h) => h.paper.id === id)
        ?.score ?? Number.NEGATIVE_INFINITY;
    const before = scoreOf(neighbour.id);
    await send(core.bot, command(`dismiss ${target.id}`));
    expect(scoreOf(neighbour.id)).toBeLessThan(before);
  });

  it("answers today the same way when asked again, and a preview marks nothing as shown", async () => {
    const core = await seededCore();
    const first = await send(core.bot, command("today"));
    const second = await send(core.bot, command("today"));
    expect(first[0]?.cards?.map((c) => c.id)).toEqual(second[0]?.cards?.map((c) => c.id));
    const port = new FakePort();
    await postDigestPreview(core.deps, port, place, core.deps.now());
    const third = await send(core.bot, command("today"));
    expect(third[0]?.cards?.map((c) => c.id)).toEqual(first[0]?.cards?.map((c) => c.id));
  });

  it("counts a today posted to the channel as shown from the next day, and a preview never", async () => {
    const tomorrow = new Date("2026-11-23T12:00:00Z");
    const all = (deps: Parameters<typeof channelHighlights>[0]) =>
      channelHighlights(deps, { ...team, size: 500 }, tomorrow).map((h) => h.paper.id);

    const previewed = await seededCore();
    const port = new FakePort();
    await postDigestPreview(previewed.deps, port, place, previewed.deps.now());
    const previewIds = channelHighlights(previewed.deps, team, previewed.deps.now()).map((h) => h.paper.id);
    expect(previewIds).toHaveLength(5);
    expect(all(previewed.deps)).toEqual(expect.arrayContaining(previewIds));

    const asked = await seededCore();
    const shown = (await send(asked.bot, command("today")))[0]?.cards?.map((c) => c.id) ?? [];
    await send(asked.bot, command("today"));
    expect(shown).toHaveLength(5);
    expect(asked.store.postsIn(team.channel).filter((p) => p.kind === "today")).toHaveLength(2);
    const next = all(asked.deps);
    expect(next.length).toBeGreaterThan(0);
    for (const id of shown) expect(next).not.toContain(id);
  });

  it("offers no paper published after the digest's day, and says so in one sentence when nothing is left", async () => {
    const core = await seededCore();
    const day = new Date("2026-01-15T12:00:00Z");
    // The seeds arrived on 2026-11-22: a digest for an earlier day has nothing to offer…
    expect(channelHighlights(core.deps, team, day)).toEqual([]);
    // …except papers stored by then, and of those only the ones already published.
    const papers = [...core.store.corpus.all()];
    const future = papers.find((p) => (p.published ?? "") > "2026-01-15");
    const past = papers.find((p) => (p.published ?? "9") < "2026-01-01");
    if (!future || !past) throw new Error("the seeds span 2026-01-15");
    const storedEarly = (paper: typeof future) => ({
      ...paper,
      id: `early-${paper.id}`,
      sightings: paper.sightings.map((s) => ({ ...s, seenAt: "2026-01-10T08:00:00.000Z" })),
    });
    await core.store.putPapers([storedEarly(future), storedEarly(past)]);
    expect(channelHighlights(core.deps, team, day).map((h) => h.paper.id)).toEqual([`early-${past.id}`]);
    const replies = await send(core.bot, command("today"));
    expect(replies[0]?.text).not.toBe(NOTHING_NEW);
    const early = await seededCore({ now: () => new Date("2026-01-01T12:00:00Z") });
    expect((await send(early.bot, command("today")))[0]?.text).toBe(NOTHING_NEW);
  });
});
