// Follows, mutes and alerts through the real Bolt app (signed slash commands over HTTP) and the real core, against the fake Slack API.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../../adapters/slack/index.js";
import { runAlerts } from "../../../src/chat/post-alerts.js";
import type { Core } from "../../../src/core.js";
import type { Paper } from "../../../src/papers/paper.js";
import { channelKey } from "../../../src/places.js";
import type { Store } from "../../../src/store/store.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { localAdapterOptions, sendSigned, slashCommandBody } from "../../fakes/slack-requests.js";
import { memoryLogger, seededCore } from "../../helpers/core.js";

const NOW = new Date("2026-11-22T12:00:00Z");
let api: FakeSlackApi;
let adapter: SlackAdapter;
let core: Core & { store: Store };
let responses = 0;

beforeEach(async () => {
  api = await startFakeSlackApi();
  core = await seededCore({ now: () => NOW });
  adapter = createSlackAdapter({
    botToken: "xoxb-test-token",
    ...localAdapterOptions(api),
    processBeforeResponse: true,
  });
  await adapter.start(core.bot);
}, 60_000);
afterEach(async () => {
  await adapter.stop();
  await api.close();
});

async function command(text: string): Promise<void> {
  responses += 1;
  const body = slashCommandBody({ text, responseUrl: api.responseUrl(`r${responses}`) });
  const res = await sendSigned(`${adapter.url}/slack/events`, body, "application/x-www-form-urlencoded");
  expect(res.status).toBe(200);
  await adapter.idle();
}

const posted = () => api.callsTo("chat.postMessage").map((call) => JSON.stringify(call.params));
const privately = () => api.responses.map((r) => JSON.stringify(r.body));

describe("follows and mutes on Slack", () => {
  it("follows, lists, mutes and alerts, and never lets a follow's text ping the channel", async () => {
    await command("follow <!channel> @everyone llm now");
    await command('follow author:"Tri Dao" now');
    const said = posted().join("\n");
    expect(said).toContain("now follows");
    expect(said).not.toContain("<!channel>");
    expect(said).toContain("&lt;!channel&gt;");
    await command("follows");
    expect(privately().at(-1)).toMatch(/This channel follows 2 queries/);
    await command("mute cat:cs.CV");
    await command("mutes");
    expect(privately().at(-1)).toContain("1. cat:cs.CV");

    const fresh: Paper = {
      id: "2611.99999",
      title: "Kernels for everyone",
      abstract: "Fast attention kernels.",
      authors: ["T. Dao"],
      categories: ["cs.LG"],
      links: { abstract: "https://arxiv.org/abs/2611.99999" },
      sightings: [{ source: "arxiv", ref: "feed", seenAt: "2026-11-22T12:30:00Z" }],
    };
    const muted: Paper = { ...fresh, id: "2611.99998", title: "Seeing kernels", categories: ["cs.CV"] };
    await core.store.putPapers([fresh, muted]);
    const ports = { slack: adapter };
    const log = memoryLogger().log;
    expect(await runAlerts({ store: core.store, log, ports }, new Date("2026-11-22T12:31:00Z"))).toBe(1);
    expect(await runAlerts({ store: core.store, log, ports }, new Date("2026-11-22T12:32:00Z"))).toBe(0);
    const alerts = api.callsTo("chat.postMessage").filter((c) => String(c.params.text).includes("🔔"));
    expect(alerts).toHaveLength(1);
    expect(JSON.stringify(alerts[0]?.params)).toContain("Kernels for everyone");
    expect(JSON.stringify(alerts[0]?.params)).toContain("follows: author Tri Dao");
    expect(JSON.stringify(alerts[0]?.params)).not.toContain("Seeing kernels");
    expect(core.store.alertsIn(channelKey("slack", "T0TEAM", "C0CHAN")).map((a) => a.state)).toEqual([
      "posted",
    ]);
  });
});
