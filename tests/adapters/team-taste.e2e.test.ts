// Issue 14 through the real adapters and the real core: a save steers the next digest; 👎 (either name)
// and the "Not for us" button on a posted digest card remove the paper for good and sink its kind.
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createSlackAdapter } from "../../adapters/slack/index.js";
import type { ChatPort, MessageRef, Place } from "../../src/chat/port.js";
import type { Core } from "../../src/core.js";
import { channelHighlights } from "../../src/digest/compose.js";
import { digestPaperMessage } from "../../src/digest/post-digest.js";
import type { Paper } from "../../src/papers/paper.js";
import type { Store } from "../../src/store/store.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/fake-discord.js";
import { buttonPayload } from "../fakes/discord/payloads.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import {
  blockActionsBody,
  localAdapterOptions,
  reactionEventBody,
  sendSigned,
} from "../fakes/slack-requests.js";
import { seededCore } from "../helpers/core.js";

const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const FORM = "application/x-www-form-urlencoded";

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

type TestCore = Core & { store: Store };

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The merging papers of the seeds: three to save, three to mark not for us, and the rest. */
function mergingPapers(core: TestCore): Paper[] {
  const merging = [...core.store.corpus.all()].filter((p) => /merging/i.test(p.title));
  if (merging.length < 7) throw new Error("the seeds have enough merging papers");
  return merging;
}

const isMerging = (title: string) => /merg/i.test(title);

/** A digest post of one paper, through the adapter, recorded as the scheduler records it. */
async function postDigestCard(
  core: TestCore,
  port: ChatPort,
  place: Place,
  paper: Paper,
): Promise<MessageRef> {
  const ref = await port.post(place, digestPaperMessage(paper, "new"));
  await core.store.recordPost({
    ref,
    paperIds: [paper.id],
    postedAt: core.deps.now().toISOString(),
    kind: "digest",
  });
  return ref;
}

/** Scores (at size 200) of the team's candidates, by paper id. */
function scores(core: TestCore, team: { workspace: string; channel: string }): Map<string, number> {
  const highlights = channelHighlights(
    core.deps,
    { workspace: team.workspace as never, channel: team.channel as never, size: 200 },
    core.deps.now(),
  );
  return new Map(highlights.map((h) => [h.paper.id, h.score]));
}

/** A paper most like `paper` that is neither saved nor dismissed: the one that should sink. */
function neighbourOf(core: TestCore, paper: Paper, leaveOut: readonly Paper[]): string {
  const hit = core.search.similar(paper.id, 10).find((h) => !leaveOut.some((p) => p.id === h.id));
  if (!hit) throw new Error("a neighbour");
  return hit.id;
}

describe("team taste through the Slack adapter (Bolt over signed HTTP, fake Web API)", () => {
  it("Save clicks steer the digest; -1, thumbsdown and Not for us remove papers and sink their neighbours", async () => {
    const api: FakeSlackApi = await startFakeSlackApi();
    cleanups.push(() => api.close());
    const core = await seededCore();
    const adapter = createSlackAdapter({
      botToken: "xoxb-test-token",
      ...localAdapterOptions(api),
      processBeforeResponse: true,
    });
    await adapter.start(core.bot);
    cleanups.push(() => adapter.stop());
    const events = `${adapter.url}/slack/events`;
    const team = { workspace: "slack:T0TEAM", channel: "slack:T0TEAM:C0CHAN" };
    const place: Place = { platform: "slack", workspaceId: "T0TEAM", channelId: "C0CHAN" };
    const merging = mergingPapers(core);
    const [saved, dismissed] = [merging.slice(0, 3), merging.slice(3, 6)];

    const digest = () => channelHighlights(core.deps, team as never, core.deps.now());
    expect(digest().filter((h) => isMerging(h.paper.title)).length).toBeLessThan(3);
    for (const [i, paper] of saved.entries()) {
      const click = blockActionsBody({
        actionId: "paperbot:save:card0",
        value: paper.id,
        userId: `U0SAVER${i}`,
        responseUrl: api.responseUrl(`save${i}`),
      });
      expect((await sendSigned(events, click, FORM)).status).toBe(200);
    }
    expect(core.store.savesIn("slack:T0TEAM")).toHaveLength(3);
    const steered = digest();
    expect(steered.filter((h) => isMerging(h.paper.title)).length).toBeGreaterThanOrEqual(3);
    expect(steered.flatMap((h) => h.reasons).join("\n")).toMatch(/someone here saved|people here saved/);

    const neighbour = neighbourOf(core, dismissed[2] as Paper, [...saved, ...dismissed]);
    const before = scores(core, team).get(neighbour);
    expect(before).toBeDefined();

    // 👎 arrives from Slack as "-1" or as "thumbsdown", depending on the client.
    for (const [i, reaction] of ["-1", "thumbsdown"].entries()) {
      const ref = await postDigestCard(core, adapter, place, dismissed[i] as Paper);
      const body = reactionEventBody({ eventId: `EvDown${i}`, added: true, reaction, ts: ref.messageId });
      expect((await sendSigned(events, body, "application/json")).status).toBe(200);
    }
    // The card's own "Not for us" button, as the adapter rendered it.
    const ref = await postDigestCard(core, adapter, place, dismissed[2] as Paper);
    const blocks = JSON.stringify(api.callsTo("chat.postMessage").at(-1)?.params.blocks ?? "");
    const button =
      /"action_id":"(paperbot:dismiss:[^"]+)"[^}]*?"value":"([^"]+)"|"value":"([^"]+)"[^}]*?"action_id":"(paperbot:dismiss:[^"]+)"/.exec(
        blocks,
      );
    expect(button, "the posted card carries a Not for us button").not.toBeNull();
    const actionId = (button?.[1] ?? button?.[4]) as string;
    const value = (button?.[2] ?? button?.[3]) as string;
    expect(value).toBe(dismissed[2]?.id);
    const click = blockActionsBody({
      actionId,
      value,
      messageTs: ref.messageId,
      userId: "U0CRITIC",
      responseUrl: api.responseUrl("dismiss"),
    });
    expect((await sendSigned(events, click, FORM)).status).toBe(200);

    expect(
      core.store
        .dismissalsIn("slack:T0TEAM")
        .map((d) => d.paperId)
        .sort(),
    ).toEqual(dismissed.map((p) => p.id).sort());
    const after = scores(core, team);
    for (const paper of dismissed) expect(after.has(paper.id)).toBe(false);
    expect(after.get(neighbour)).toBeLessThan(before as number);
  }, 60_000);
});

describe("team taste through the Discord adapter (discord.js against the fake Discord)", () => {
  it("Save buttons steer the digest; a 👎 reaction and the Not for us button remove papers and sink their neighbours", async () => {
    const fake: FakeDiscord = await startFakeDiscord({
      applicationId: "1100000000000000001",
      bot: { id: "4400000000000000004", username: "paperbot" },
      guilds: [{ id: GUILD, name: "ml-lab", channels: [{ id: CHANNEL, name: "papers" }] }],
    });
    cleanups.push(() => fake.close());
    const core = await seededCore();
    const adapter = createDiscordAdapter({
      token: "fake.token.value",
      applicationId: fake.world.applicationId,
      apiUrl: fake.apiUrl,
    });
    await adapter.start(core.bot);
    cleanups.push(() => adapter.stop());
    const team = { workspace: `discord:${GUILD}`, channel: `discord:${GUILD}:${CHANNEL}` };
    const place: Place = { platform: "discord", workspaceId: GUILD, channelId: CHANNEL };
    const merging = mergingPapers(core);
    const [saved, dismissed] = [merging.slice(0, 3), merging.slice(3, 5)];
    const person = (n: number) => ({ id: `55000000000000000${10 + n}`, username: `reader${n}` });

    const digest = () => channelHighlights(core.deps, team as never, core.deps.now());
    expect(digest().filter((h) => isMerging(h.paper.title)).length).toBeLessThan(3);
    for (const [i, paper] of saved.entries()) {
      fake.interact(
        buttonPayload(fake.world, {
          guildId: GUILD,
          channelId: CHANNEL,
          user: person(i),
          customId: `pb:save:${paper.id}`,
          message: { id: `77000000000000000${10 + i}` },
        }),
      );
    }
    await until(() => core.store.savesIn(team.workspace as never).length === 3, "three saves");
    expect(digest().filter((h) => isMerging(h.paper.title)).length).toBeGreaterThanOrEqual(3);

    const neighbour = neighbourOf(core, dismissed[1] as Paper, [...saved, ...dismissed]);
    const before = scores(core, team).get(neighbour);
    expect(before).toBeDefined();

    const reacted = await postDigestCard(core, adapter, place, dismissed[0] as Paper);
    fake.react({
      guildId: GUILD,
      channelId: CHANNEL,
      messageId: reacted.messageId,
      user: person(7),
      emoji: "👎",
      added: true,
    });
    await until(() => core.store.dismissalsIn(team.workspace as never).length === 1, "the 👎 dismissal");

    const carded = await postDigestCard(core, adapter, place, dismissed[1] as Paper);
    const posted = fake.rest.requests.filter(
      (r) => r.method === "POST" && r.path === `/channels/${CHANNEL}/messages`,
    );
    const customId = /"custom_id":"(pb:dismiss:[^"]+)"/.exec(JSON.stringify(posted.at(-1)?.body ?? ""))?.[1];
    expect(customId, "the posted card carries a Not for us button").toBe(`pb:dismiss:${dismissed[1]?.id}`);
    fake.interact(
      buttonPayload(fake.world, {
        guildId: GUILD,
        channelId: CHANNEL,
        user: person(8),
        customId: customId as string,
        message: { id: carded.messageId },
      }),
    );
    await until(
      () => core.store.dismissalsIn(team.workspace as never).length === 2,
      "the button's dismissal",
    );

    const after = scores(core, team);
    for (const paper of dismissed) expect(after.has(paper.id)).toBe(false);
    expect(after.get(neighbour)).toBeLessThan(before as number);
  }, 60_000);
});
