// Issue 9.7: workspace B, with every forged id it can think of, never reads or changes workspace A's saves,
// subscriptions or posts; only the configured policy changes a channel's schedule.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor, Bot, BotEvent, MessageRef, Place, Reply } from "../../src/chat/port.js";
import type { Store } from "../../src/store/store.js";
import { seededCore, testSettings } from "../helpers/core.js";
import { recordFigure, sized } from "./stress.js";

const placeA: Place = { platform: "slack", workspaceId: "TA", channelId: "CA" };
const placeB: Place = { platform: "slack", workspaceId: "TB", channelId: "CB" };
const adminA: Actor = { platform: "slack", workspaceId: "TA", userId: "UAADMIN", isAdmin: true };
const memberA: Actor = { platform: "slack", workspaceId: "TA", userId: "UAMEMBER", isAdmin: false };

let counter = 0;
async function send(bot: Bot, event: BotEvent): Promise<Reply[]> {
  const replies: Reply[] = [];
  await bot.handle(event, async (reply) => {
    replies.push(reply);
    counter += 1;
    const place = "place" in event ? event.place : event.target;
    return {
      platform: place.platform,
      workspaceId: place.workspaceId,
      channelId: place.channelId,
      messageId: `m${counter}`,
    };
  });
  return replies;
}

const command = (text: string, actor: Actor, place: Place): BotEvent => ({
  type: "command",
  text,
  actor,
  place,
});

/** Everything of workspace A that B must never change. */
function snapshotA(store: Store) {
  return JSON.stringify({
    saves: store.savesIn("slack:TA"),
    subscriptions: store.subscriptions().filter((s) => s.workspaceId === "TA"),
    posts: store.postsIn("slack:TA:CA"),
    run: store.lastDigestRun("slack:TA:CA"),
  });
}

describe("workspace isolation and the schedule policy", () => {
  it("B's commands, buttons and reactions, with A's ids forged in, never touch or reveal A's data", async () => {
    const settings = testSettings();
    const { bot, store } = await seededCore({
      settings: { ...settings, digest: { ...settings.digest, whoMayChange: "admins" } },
    });
    const papers = [...store.corpus.all()].map((p) => p.id);
    // Workspace A: saves, a schedule, a posted highlights message, a results cursor.
    for (const id of papers.slice(0, 3)) await send(bot, command(`save ${id}`, memberA, placeA));
    await send(bot, command("digest on 10:00 UTC llm", adminA, placeA));
    const [today] = await send(bot, command("today", memberA, placeA));
    const [results] = await send(bot, command("search learning", memberA, placeA));
    const aMessage = store.postsIn("slack:TA:CA")[0]?.ref as MessageRef;
    expect(today?.cards?.length).toBeGreaterThan(0);
    expect(results?.more).toBeDefined();
    const before = snapshotA(store);

    const idsOfA = [
      ...papers.slice(0, 3),
      results?.more as string,
      "slack:TA",
      "slack:TA:CA",
      "TA",
      "CA",
      "UAMEMBER",
      aMessage.messageId,
    ];
    const forgedText = fc.oneof(
      fc.constantFrom(...idsOfA),
      fc.constantFrom(...idsOfA).map((id) => `${id} --workspace slack:TA`),
      fc.string({ maxLength: 40 }),
    );
    const actorB = fc.record({
      platform: fc.constant("slack" as const),
      workspaceId: fc.constant("TB"),
      userId: fc.constantFrom("UB1", "UAMEMBER", "UAADMIN"), // B may reuse A's user ids: they are B's own users
      isAdmin: fc.boolean(),
    });
    // B acts in its own channel, or claims a place in A (which the core must refuse).
    const placeOfB = fc.constantFrom(placeB, placeA, { ...placeB, channelId: "CA" });
    const eventOfB: fc.Arbitrary<BotEvent> = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            "save",
            "unsave",
            "show",
            "saved team",
            "export team",
            "digest off",
            "digest status",
            "digest size 3",
            "digest on 11:00 UTC",
            "similar",
            "today",
            "",
          ),
          forgedText,
          actorB,
          placeOfB,
        )
        .map(([verb, arg, actor, place]) => command(`${verb} ${arg}`.trim(), actor, place)),
      fc.tuple(fc.constantFrom("save", "unsave", "more"), forgedText, actorB, placeOfB).map(
        ([action, value, actor, place]): BotEvent => ({
          type: "action",
          action,
          value,
          actor,
          place,
          message: aMessage,
        }),
      ),
      fc
        .tuple(fc.constantFrom("bookmark", "star", "one", "two"), fc.boolean(), actorB)
        .map(
          ([emoji, added, actor]): BotEvent => ({ type: "reaction", emoji, added, target: aMessage, actor }),
        ),
    );

    const runs = sized(40, 1_000);
    await fc.assert(
      fc.asyncProperty(fc.array(eventOfB, { minLength: 1, maxLength: 8 }), async (events) => {
        for (const event of events) {
          const replies = await send(bot, event);
          for (const reply of replies) {
            const text = JSON.stringify(reply);
            // Nothing of A's schedule comes back.
            expect(text).not.toMatch(/daily at 10:00|topics: llm/);
            expect(text).not.toMatch(/something went wrong/);
          }
          expect(snapshotA(store)).toBe(before);
        }
      }),
      { numRuns: runs },
    );
    recordFigure("isolation: forged event sequences", runs);
    // B's own team view shows only B's saves.
    const [teamB] = await send(bot, command("saved team", { ...adminA, workspaceId: "TB" }, placeB));
    for (const id of papers.slice(0, 3)) {
      if (store.savesIn("slack:TB").every((s) => s.paperId !== id)) expect(teamB?.text).not.toContain(id);
    }
  }, 60_000);

  it("only the policy decides who changes a schedule: a member of A cannot, B's admin cannot, A's admin can", async () => {
    const settings = testSettings();
    const { bot, store } = await seededCore({
      settings: { ...settings, digest: { ...settings.digest, whoMayChange: "admins" } },
    });
    await send(bot, command("digest on 10:00 UTC", adminA, placeA));
    const attempts: [Actor, Place][] = [
      [memberA, placeA],
      [{ ...adminA, workspaceId: "TB" }, placeA],
      [{ ...memberA, isAdmin: undefined }, placeA],
    ];
    for (const [actor, place] of attempts) {
      for (const text of [
        "digest off",
        "digest on 23:00 UTC",
        "digest size 9",
        "digest on 08:00 UTC -everything",
      ]) {
        const [reply] = await send(bot, command(text, actor, place));
        expect(reply?.visibility).toBe("private");
        expect(reply?.text).toMatch(/Only workspace admins|another workspace/);
      }
    }
    expect(store.subscriptions()).toEqual([
      expect.objectContaining({ channel: "slack:TA:CA", time: "10:00", size: 5 }),
    ]);
    await send(bot, command("digest size 3", adminA, placeA));
    expect(store.subscription("slack:TA:CA")?.size).toBe(3);
  });
});
