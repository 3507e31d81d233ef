// Digest computation for 1,000 subscribed channels in one tick: each channel's highlights composed, then a full tick posted.
import type { ChatPort, MessageRef, Place } from "../../src/chat/port.js";
import { loadConfig } from "../../src/config.js";
import { openPaperSearch } from "../../src/core.js";
import { composeHighlights } from "../../src/digest/compose.js";
import { runDueDigests } from "../../src/digest/scheduler.js";
import { createLogger } from "../../src/log.js";
import { channelKey, workspaceKey } from "../../src/places.js";
import { LowStore } from "../../src/store/low-store.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { createRandom } from "../random.js";
import { since } from "../stats.js";

const CHANNELS = 1_000;
const WORKSPACES = 100;
const TOPICS = [
  "model merging",
  "reinforcement learning",
  "quantization",
  "local sgd",
  "agents",
  "diffusion",
];

/** A chat platform that accepts every post at once: the tick's cost is then ours, not the network's. */
function acceptingPort(): ChatPort {
  let n = 0;
  return {
    platform: "slack",
    async start() {},
    async stop() {},
    async post(place: Place): Promise<MessageRef> {
      n++;
      return {
        platform: "slack",
        workspaceId: place.workspaceId,
        channelId: place.channelId,
        messageId: `m${n}`,
      };
    },
  };
}

export const measure: Measure = async ({ size, smoke }) => {
  const channels = smoke ? 50 : CHANNELS;
  // A digest offers the papers that arrived since the last one: the newest fifth of the corpus (at
  // most 500, a busy day's listings) arrives on the day of the tick, the rest long before. The tick
  // is on the newest paper's publication day, since a paper published after the digest's day is no
  // candidate (at 100k, a fixed earlier day left every arrival unpublished and the digest empty).
  const loaded = await loadPapers(size);
  const byNewest = [...loaded].sort((a, b) => (b.published ?? "").localeCompare(a.published ?? ""));
  const tickDay = byNewest[0]?.published ?? "2025-11-02";
  const newest = new Set(byNewest.slice(0, Math.min(500, Math.ceil(loaded.length / 5))).map((p) => p.id));
  const papers = loaded.map((p) =>
    newest.has(p.id)
      ? { ...p, sightings: p.sightings.map((s) => ({ ...s, seenAt: `${tickDay}T06:00:00.000Z` })) }
      : { ...p, sightings: p.sightings.map((s) => ({ ...s, seenAt: "2019-01-01T06:00:00.000Z" })) },
  );
  const settings = loadConfig({ env: {} }).settings;
  const store = await LowStore.inMemory(papers);
  const log = createLogger({ level: "error" });
  const search = await openPaperSearch(store.corpus.all(), { log });
  const rand = createRandom(11);
  const createdAt = "2025-01-01T00:00:00.000Z";
  // 100 workspaces of 10 channels; each workspace's people saved 20 papers; a third of channels follow topics.
  for (let w = 0; w < WORKSPACES; w++) {
    for (let s = 0; s < 20; s++) {
      const paper = papers[rand.int(0, papers.length - 1)];
      if (!paper) continue;
      await store.addSave({
        workspace: workspaceKey("slack", `T${w}`),
        userId: `U${s % 5}`,
        paperId: paper.id,
        savedAt: createdAt,
      });
    }
  }
  for (let c = 0; c < channels; c++) {
    const workspaceId = `T${c % WORKSPACES}`;
    const channelId = `C${c}`;
    await store.putSubscription({
      channel: channelKey("slack", workspaceId, channelId),
      platform: "slack",
      workspaceId,
      channelId,
      time: "09:00",
      timeZone: "UTC",
      size: 5,
      topics: rand.chance(0.33) ? [rand.pick(TOPICS)] : [],
      excluded: rand.chance(0.1) ? ["survey"] : [],
      createdBy: "U0",
      createdAt,
    });
  }
  const now = new Date(`${tickDay}T09:01:00.000Z`);
  const subscriptions = store.subscriptions();
  let started = performance.now();
  // CPU time beside wall time: on a shared machine the wall time mostly measures waiting for a core.
  let cpuFrom = process.cpuUsage();
  let chosen = 0;
  for (const subscription of subscriptions) {
    chosen += composeHighlights(
      { store, search, settings },
      {
        workspace: workspaceKey(subscription.platform, subscription.workspaceId),
        channel: subscription.channel,
        size: subscription.size,
        topics: subscription.topics,
        excluded: subscription.excluded,
      },
      now,
    ).length;
  }
  const composeMs = since(started);
  const composeCpu = process.cpuUsage(cpuFrom);
  // A digest that chose nothing measures nothing: fail loudly rather than print a flattering time.
  if (chosen < subscriptions.length) {
    throw new Error(
      `only ${chosen} highlights for ${subscriptions.length} channels: the bench's corpus has no arrivals`,
    );
  }
  // The whole tick as the scheduler runs it (claim, post header and papers, record each post), the next
  // day, so nothing composed above is reused.
  const tomorrow = new Date(now.getTime() + 86_400_000);
  started = performance.now();
  cpuFrom = process.cpuUsage();
  const runs = await runDueDigests(
    { store, search, settings, log, ports: { slack: acceptingPort() } },
    tomorrow,
  );
  const tickMs = since(started);
  const tickCpu = process.cpuUsage(cpuFrom);
  return {
    channels: subscriptions.length,
    composeS: composeMs / 1000,
    composeCpuS: (composeCpu.user + composeCpu.system) / 1e6,
    perChannelMs: composeMs / subscriptions.length,
    highlights: chosen,
    tickS: tickMs / 1000,
    tickCpuS: (tickCpu.user + tickCpu.system) / 1e6,
    posted: runs.filter((run) => run.state === "posted").length,
  };
};

runChild(measure, import.meta.url);
