// A figure Slack cannot fetch never costs the card: the real Bolt client posts it again without images.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../../adapters/slack/index.js";
import { card, createFakeBot } from "../../fakes/fake-bot.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { localAdapterOptions } from "../../fakes/slack-requests.js";
import { slackReplies } from "./canned-replies.js";

let api: FakeSlackApi;
let adapter: SlackAdapter;

beforeAll(async () => {
  api = await startFakeSlackApi();
  adapter = createSlackAdapter({ botToken: "xoxb-test-token", ...localAdapterOptions(api) });
  await adapter.start(createFakeBot(slackReplies));
});
afterAll(async () => {
  await adapter.stop();
  await api.close();
});

const place = { platform: "slack" as const, workspaceId: "T0TEAM", channelId: "C0DIGEST" };
const withFigure = {
  text: "Today",
  cards: [card("2406.11794", "Sparse MoE", { image: "https://cdn.example/broken.png" })],
};

function sentBlocks(index: number): string {
  const blocks = api.callsTo("chat.postMessage")[index]?.params.blocks;
  return typeof blocks === "string" ? blocks : JSON.stringify(blocks);
}

describe("a card whose figure Slack cannot download", () => {
  it("is posted again without the image when Slack refuses the blocks", async () => {
    api.calls.length = 0;
    api.fail("chat.postMessage", { kind: "error", error: "invalid_blocks" });
    const ref = await adapter.post(place, withFigure);
    expect(ref.messageId).toMatch(/^\d+\.\d+$/);
    expect(api.callsTo("chat.postMessage")).toHaveLength(2);
    expect(sentBlocks(0)).toContain("https://cdn.example/broken.png");
    expect(sentBlocks(1)).not.toContain("image_url");
    expect(sentBlocks(1)).toContain("Sparse MoE");
  });

  it("is not retried for other refusals, nor when the message has no image", async () => {
    api.calls.length = 0;
    api.fail("chat.postMessage", { kind: "error", error: "not_in_channel" });
    await expect(adapter.post(place, withFigure)).rejects.toMatchObject({ kind: "forbidden" });
    api.fail("chat.postMessage", { kind: "error", error: "invalid_blocks" });
    await expect(
      adapter.post(place, { text: "x", cards: [card("2406.1", "No figure")] }),
    ).rejects.toMatchObject({
      kind: "invalid",
    });
    expect(api.callsTo("chat.postMessage")).toHaveLength(2);
  });
});
