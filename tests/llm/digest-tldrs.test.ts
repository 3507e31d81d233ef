// TL;DRs in a channel's language are written ahead of its digest, so the digest posts them without calling the model.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareDigestTldrs } from "../../src/chat/digest-tldrs.js";
import { localizedPorts } from "../../src/chat/model-tldrs.js";
import { createCore } from "../../src/core.js";
import { postDigest } from "../../src/digest/post-digest.js";
import { createModelServices } from "../../src/llm/services.js";
import { channelKey } from "../../src/places.js";
import type { Subscription } from "../../src/store/records.js";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/openai-server.js";
import { FakePort, memoryLogger, seededStore, testSettings } from "../helpers/core.js";

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
  fake.answerWith(() => "Eine deutsche Zusammenfassung.");
});
afterEach(async () => {
  await fake.close();
});

const now = new Date("2026-11-22T12:00:00Z");

function subscription(channelId: string, time: string): Subscription {
  return {
    channel: channelKey("slack", "T1", channelId),
    platform: "slack",
    workspaceId: "T1",
    channelId,
    time,
    timeZone: "UTC",
    size: 3,
    topics: [],
    excluded: [],
    createdBy: "U1",
    createdAt: now.toISOString(),
  };
}

async function setUp() {
  const store = await seededStore();
  const settings = testSettings();
  const log = memoryLogger().log;
  const llm = createModelServices({
    secrets: { url: fake.url, model: "fake-chat" },
    settings,
    store,
    log,
    now: () => now,
  });
  const core = await createCore({ store, settings, log, now: () => now, llm });
  const setLanguage = (channelId: string, language: string) =>
    store.putChannelSettings({
      channel: channelKey("slack", "T1", channelId),
      language,
      updatedBy: "U1",
      updatedAt: now.toISOString(),
    });
  return { ...core, store, setLanguage };
}

describe("model TL;DRs ahead of the digest", () => {
  it("writes the next digest's TL;DRs once when it is due within two hours, and the digest posts them without a call", async () => {
    const { deps, store, localize, setLanguage } = await setUp();
    await store.putSubscription(subscription("C1", "13:00"));
    await setLanguage("C1", "de");
    expect(await prepareDigestTldrs(deps, now)).toBe(3);
    expect(fake.requests).toHaveLength(3);
    expect(await prepareDigestTldrs(deps, now)).toBe(3);
    expect(fake.requests).toHaveLength(3);

    const port = new FakePort();
    const digestPort = localizedPorts({ slack: port }, localize).slack;
    if (!digestPort) throw new Error("the localized port is missing");
    await postDigest(
      { ...deps, port: digestPort },
      subscription("C1", "13:00"),
      "2026-11-22",
      new Date("2026-11-22T13:00:00Z"),
    );
    const cards = port.posts.flatMap((p) => p.reply.cards ?? []);
    expect(cards).toHaveLength(3);
    expect(cards.every((c) => c.tldr === "Eine deutsche Zusammenfassung.")).toBe(true);
    expect(fake.requests).toHaveLength(3);
  });

  it("leaves channels without a language, and digests further away, alone", async () => {
    const { deps, store, setLanguage } = await setUp();
    await store.putSubscription(subscription("C1", "13:00"));
    await store.putSubscription(subscription("C2", "18:00"));
    await setLanguage("C2", "fr");
    await setLanguage("C3", "de");
    expect(await prepareDigestTldrs(deps, now)).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it("does nothing without a model", async () => {
    const store = await seededStore();
    const core = await createCore({
      store,
      settings: testSettings(),
      log: memoryLogger().log,
      now: () => now,
    });
    await store.putSubscription(subscription("C1", "13:00"));
    expect(await prepareDigestTldrs(core.deps, now)).toBe(0);
  });
});
