// `paperbot start` with Slack variables: the real core behind a real Bolt app, signed requests, a fake Slack Web API.
import { afterEach, describe, expect, it } from "vitest";
import { PLATFORMS } from "../../adapters/platforms.js";
import type { SlackSecrets } from "../../adapters/slack/platform.js";
import { loadConfig } from "../../src/config.js";
import { LowStore } from "../../src/store/low-store.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { reactionEventBody, SIGNING_SECRET, sendSigned, slashCommandBody } from "../fakes/slack-requests.js";
import { freePort, type RunningApp, startApp, tempDataDir, waitUntil } from "./app-harness.js";

let app: RunningApp | undefined;
let slack: FakeSlackApi | undefined;
afterEach(async () => {
  await app?.stop();
  await slack?.close();
  app = undefined;
  slack = undefined;
});

describe("paperbot start with Slack over HTTP", () => {
  it("serves /papers as Slack calls it: private results, channel highlights, saves by reaction once", async () => {
    slack = await startFakeSlackApi();
    slack.setChannel("C0CHAN", { id: "C0CHAN", is_member: true, name: "papers" });
    const dir = await tempDataDir();
    const port = await freePort();
    app = startApp(
      {
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      },
      dir,
    );
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${url}/healthz`)).ok, "the Slack receiver");
    const form = "application/x-www-form-urlencoded";

    // A search: acknowledged at once, answered privately through response_url.
    const searched = await sendSigned(
      `${url}/slack/events`,
      slashCommandBody({ text: "search model merging", responseUrl: slack.responseUrl("s1") }),
      form,
    );
    expect(searched.status).toBe(200);
    await slack.waitFor(() => slack?.responses.some((r) => r.id === "s1") ?? false, 10_000);
    const results = slack.responses.find((r) => r.id === "s1")?.body as {
      response_type: string;
      blocks: { type: string }[];
      text: string;
    };
    expect(results.response_type).toBe("ephemeral");
    expect(results.text).toMatch(/Papers for "model merging"/);
    expect(results.blocks.filter((b) => b.type === "section").length).toBeGreaterThanOrEqual(5);

    // Today's highlights go to the channel with chat.postMessage, no link_names, and are recorded.
    await sendSigned(
      `${url}/slack/events`,
      slashCommandBody({ text: "today", responseUrl: slack.responseUrl("t1") }),
      form,
    );
    await slack.waitFor(() => (slack?.callsTo("chat.postMessage").length ?? 0) > 0, 10_000);
    const post = slack.callsTo("chat.postMessage")[0];
    expect(post?.token).toBe("xoxb-test-token");
    expect(post?.params.link_names).toBeUndefined();
    const ts = post?.answer?.ts as string;

    // 2️⃣ on that message saves its second paper; Slack's retried delivery counts once.
    const reaction = reactionEventBody({ eventId: "Ev1", added: true, reaction: "two", ts });
    await sendSigned(`${url}/slack/events`, reaction, "application/json");
    await sendSigned(`${url}/slack/events`, reaction, "application/json", {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    let saves: unknown[] = [];
    for (let i = 0; i < 50 && saves.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      saves = (await LowStore.openReadOnly(dir)).savesIn("slack:T0TEAM");
    }
    expect(saves).toHaveLength(1);

    // Turning the digest on where the bot is not a member says how to invite it.
    slack.setChannel("C0OUT", { id: "C0OUT", is_member: false, name: "random" });
    await sendSigned(
      `${url}/slack/events`,
      slashCommandBody({ text: "digest on 09:00", channelId: "C0OUT", responseUrl: slack.responseUrl("d1") }),
      form,
    );
    await slack.waitFor(() => slack?.responses.some((r) => r.id === "d1") ?? false, 10_000);
    const digestOn = slack.responses.find((r) => r.id === "d1")?.body as {
      response_type: string;
      text: string;
    };
    expect(digestOn.response_type).toBe("ephemeral");
    expect(digestOn.text).toMatch(/not a member of this channel yet.*\/invite @paperbot/s);

    // A badly signed request is refused.
    const forged = await sendSigned(
      `${url}/slack/events`,
      slashCommandBody({ text: "help", responseUrl: slack.responseUrl("x") }),
      form,
      { secret: "wrong" },
    );
    expect(forged.status).toBe(401);
  }, 90_000);

  it("fails at start with a message naming the variable when a token is malformed", () => {
    expect(() =>
      loadConfig({
        env: { SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "s" },
        platforms: PLATFORMS,
      }),
    ).toThrow(/SLACK_BOT_TOKEN does not look like a bot token/);
    expect(() => loadConfig({ env: { SLACK_BOT_TOKEN: "xoxb-ok" }, platforms: PLATFORMS })).toThrow(
      /SLACK_SIGNING_SECRET/,
    );
    expect(() => loadConfig({ env: { DISCORD_TOKEN: "abc" }, platforms: PLATFORMS })).toThrow(
      /DISCORD_APPLICATION_ID/,
    );
    expect(
      (
        loadConfig({ env: { SLACK_BOT_TOKEN: "xoxb-ok", SLACK_APP_TOKEN: "xapp-1" }, platforms: PLATFORMS })
          .secrets.platforms.slack as SlackSecrets | undefined
      )?.appToken,
    ).toBe("xapp-1");
  });
});
