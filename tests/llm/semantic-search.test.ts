// Search by meaning with the fake's embeddings: fused with BM25 through `/papers search`, resumable background embedding, and no request at all without an embeddings model.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotEvent, Reply } from "../../src/chat/port.js";
import { createCore } from "../../src/core.js";
import { EMBED_BATCH, embeddingText, openPaperEmbeddings } from "../../src/llm/paper-embeddings.js";
import { reciprocalRankFusion } from "../../src/llm/semantic-search.js";
import { createModelServices } from "../../src/llm/services.js";
import type { Paper } from "../../src/papers/paper.js";
import type { LowStore } from "../../src/store/low-store.js";
import { type FakeOpenAi, fakeEmbedding, startFakeOpenAi } from "../fakes/openai-server.js";
import { memoryLogger, seededStore, testSettings } from "../helpers/core.js";

const now = () => new Date("2026-11-22T12:00:00Z");
const QUERY = "learning";

let model: FakeOpenAi;
let store: LowStore;
let dir: string;
beforeEach(async () => {
  model = await startFakeOpenAi();
  store = await seededStore();
  dir = mkdtempSync(join(tmpdir(), "paperbot-embeddings-"));
});
afterEach(async () => {
  await model.close();
  rmSync(dir, { recursive: true, force: true });
});

const embeddingRequests = () => model.requests.filter((r) => r.path === "/v1/embeddings");

async function coreWith(embeddingsModel: string | undefined, configured = true) {
  const base = testSettings();
  const settings = { ...base, llm: { ...base.llm, maxRetries: 0 } };
  const log = memoryLogger().log;
  const llm = configured
    ? createModelServices({
        secrets: { url: model.url, model: "fake-chat", embeddingsModel },
        settings,
        store,
        log,
        now,
      })
    : undefined;
  return createCore({ store, settings, log, now, llm, embeddingsFile: join(dir, "embeddings.jsonl") });
}

/** The paper ids `/papers search` shows, through the bot, as a person sees them. */
async function searched(core: Awaited<ReturnType<typeof coreWith>>, query: string): Promise<string[]> {
  const replies: Reply[] = [];
  const event: BotEvent = {
    type: "command",
    text: `search ${query}`,
    actor: { platform: "console", workspaceId: "local", userId: "ada" },
    place: { platform: "console", workspaceId: "local", channelId: "general" },
  };
  await core.bot.handle(event, async (reply) => {
    replies.push(reply);
    return undefined;
  });
  return (replies[0]?.cards ?? []).map((card) => card.id);
}

/** Meaningless vectors for every text, except the target paper and the query, which point the same way. */
function embedToward(target: Paper) {
  const targetText = embeddingText(target);
  model.embedWith((text) =>
    text === targetText || text === QUERY ? [0, 0, 0, 0, 0, 0, 0, 0, 1] : [...fakeEmbedding(text), 0],
  );
}

describe("semantic search", () => {
  it("lifts a paper that matches the query's meaning above the words' ranking", async () => {
    const plain = await coreWith(undefined);
    const byWords = (await plain.deps.search.search(QUERY, { limit: 20, offset: 0 })).hits.map((h) => h.id);
    const target = store.corpus.find(byWords[9] as string) as Paper;
    embedToward(target);

    const core = await coreWith("fake-embed");
    expect(await core.embeddings?.embedMissing(store.corpus.all())).toBe(store.corpus.size);
    const fused = await searched(core, QUERY);
    expect(fused[0]).toBe(target.id);
    // Without the embeddings the same search shows the words' ranking, where the paper is tenth.
    expect(await searched(plain, QUERY)).toEqual(byWords.slice(0, 5));
  });

  it("reorders a filtered query within its matches only", async () => {
    const plain = await coreWith(undefined);
    const query = `${QUERY} since:2025-06-01`;
    const matches = new Set(
      (await plain.deps.search.search(query, { limit: 100, offset: 0 })).hits.map((h) => h.id),
    );
    const outsider = [...store.corpus.all()].find((p) => !matches.has(p.id)) as Paper;
    embedToward(outsider);
    const core = await coreWith("fake-embed");
    await core.embeddings?.embedMissing(store.corpus.all());
    const fused = await core.deps.semantic?.search(query, {
      limit: 100,
      offset: 0,
      workspace: "console:local",
    });
    expect(fused?.hits.map((h) => h.id).every((id) => matches.has(id))).toBe(true);
    expect(fused?.hits).toHaveLength(matches.size);
  });

  it("answers by words alone when the query cannot be embedded", async () => {
    const plain = await coreWith(undefined);
    const core = await coreWith("fake-embed");
    await core.embeddings?.embedMissing(store.corpus.all());
    model.fail({ kind: "status", status: 500 });
    expect(await searched(core, QUERY)).toEqual(await searched(plain, QUERY));
  });

  it("without an embeddings model, or any model, searches as before and sends nothing", async () => {
    const plain = await coreWith(undefined, false);
    const chatOnly = await coreWith(undefined);
    expect(chatOnly.deps.semantic).toBeUndefined();
    expect(chatOnly.embeddings).toBeUndefined();
    expect(await searched(chatOnly, QUERY)).toEqual(await searched(plain, QUERY));
    expect(model.requests).toHaveLength(0);
  });

  it("embeds in batches, keeps each batch, and resumes after a failure without redoing any", async () => {
    const services = createModelServices({
      secrets: { url: model.url, model: "fake-chat", embeddingsModel: "fake-embed" },
      settings: { ...testSettings(), llm: { ...testSettings().llm, maxRetries: 0 } },
      store,
      log: memoryLogger().log,
      now,
    });
    const file = join(dir, "resume.jsonl");
    const open = () =>
      openPaperEmbeddings({ model: services?.model as never, log: memoryLogger().log, file });
    const papers = [...store.corpus.all()];
    model.fail({ kind: "status", status: 500 }); // the first batch fails at once: nothing kept
    expect(await (await open()).embedMissing(papers)).toBe(0);

    const batches = Math.ceil(papers.length / EMBED_BATCH);
    expect(await (await open()).embedMissing(papers.slice(0, EMBED_BATCH))).toBe(EMBED_BATCH);

    const reopened = await open();
    expect(reopened.size).toBe(EMBED_BATCH);
    model.requests.length = 0;
    expect(await reopened.embedMissing(papers)).toBe(papers.length - EMBED_BATCH);
    expect(embeddingRequests()).toHaveLength(batches - 1);
    expect(reopened.get(papers[0]?.id as string)?.length).toBe(8);

    const again = await open();
    model.requests.length = 0;
    expect(await again.embedMissing(papers)).toBe(0);
    expect(embeddingRequests()).toHaveLength(0);
  });
});

describe("reciprocal rank fusion", () => {
  it("favours what both lists rank high, and keeps the first list's order on ties", () => {
    const ids = (lists: string[][]) => reciprocalRankFusion(lists).map((h) => h.id);
    expect(
      ids([
        ["a", "b", "c"],
        ["c", "b", "x"],
      ]),
    ).toEqual(["c", "b", "a", "x"]);
    expect(
      ids([
        ["a", "b"],
        ["b", "a"],
      ]),
    ).toEqual(["a", "b"]);
    expect(ids([["a", "b"], []])).toEqual(["a", "b"]);
  });
});
