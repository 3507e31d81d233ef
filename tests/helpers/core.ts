// Test helpers: a core over the seed papers in an in-memory store, and a fake ChatPort that records posts.
import { PassThrough } from "node:stream";
import { type ChatPort, type MessageRef, type Place, PostError, type Reply } from "../../src/chat/port.js";
import { loadConfig, type Settings } from "../../src/config.js";
import { type Core, createCore } from "../../src/core.js";
import { createEnricher } from "../../src/ingest/enricher.js";
import { createLogger, type Logger } from "../../src/log.js";
import { newPaper } from "../../src/papers/merge.js";
import type { Paper } from "../../src/papers/paper.js";
import { channelKey } from "../../src/places.js";
import { LowStore } from "../../src/store/low-store.js";
import type { Subscription } from "../../src/store/records.js";
import type { Store } from "../../src/store/store.js";
import { seedCorpus } from "./seeds.js";

export function testSettings(overrides: Partial<Settings> = {}): Settings {
  return { ...loadConfig({ env: {} }).settings, ...overrides };
}

/** A logger whose lines are kept in memory, for tests that read what was logged. */
export function memoryLogger(): { log: Logger; lines: () => string[] } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  const log = createLogger({ level: "debug", destination: stream });
  return { log, lines: () => chunks.join("").split("\n").filter(Boolean) };
}

let summarized: Paper[] | undefined;

/** The seed papers with summaries, computed once per test file (summarizing is the slow part). */
export function summarizedSeedPapers(): Paper[] {
  if (!summarized) {
    const corpus = seedCorpus();
    summarized = createEnricher(corpus, testSettings())([...corpus.all()]);
  }
  return structuredClone(summarized);
}

export async function seededStore(): Promise<LowStore> {
  return LowStore.inMemory(summarizedSeedPapers());
}

export async function seededCore(
  options: { store?: Store; settings?: Settings; now?: () => Date } = {},
): Promise<Core & { store: Store }> {
  const store = options.store ?? (await seededStore());
  const core = await createCore({
    store,
    settings: options.settings ?? testSettings(),
    log: memoryLogger().log,
    now: options.now ?? (() => new Date("2026-11-22T12:00:00Z")),
  });
  return { ...core, store };
}

export interface PostRecord {
  place: Place;
  reply: Reply;
  ref: MessageRef;
  /** The fake clock's time when it was posted. */
  at: Date;
}

/** A ChatPort that records what it posts and can be told to fail. */
export class FakePort implements ChatPort {
  readonly platform = "slack" as const;
  readonly posts: PostRecord[] = [];
  private counter = 0;
  /** The time posts are stamped with; tests move it. */
  now = new Date(0);
  /** Called before each post; throw from it to make the post fail. */
  failWith: ((place: Place, reply: Reply, attempt: number) => void) | undefined;

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async post(place: Place, reply: Reply): Promise<MessageRef> {
    this.failWith?.(place, reply, this.counter);
    this.counter += 1;
    const ref: MessageRef = { ...place, messageId: `m${this.counter}` };
    this.posts.push({ place, reply, ref, at: this.now });
    return ref;
  }

  postsIn(channelId: string): PostRecord[] {
    return this.posts.filter((p) => p.place.channelId === channelId);
  }
}

export { newPaper, PostError };

/** A Slack channel's daily digest subscription in workspace T1, for scheduler tests. */
export function testSubscription(
  channelId: string,
  time: string,
  timeZone: string,
  createdAt = "2026-01-01T00:00:00Z",
): Subscription {
  return {
    channel: channelKey("slack", "T1", channelId),
    platform: "slack",
    workspaceId: "T1",
    channelId,
    time,
    timeZone,
    size: 2,
    topics: [],
    excluded: [],
    createdBy: "U1",
    createdAt,
  };
}
