// The live sources as a user meets them: `paperbot fetch`, `paperbot stats`, and `/papers add`, against a local feed server.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/chat/bot.js";
import type { Reply } from "../../src/chat/port.js";
import { createLiveSources } from "../../src/ingest/live-sources.js";
import { runCliCaptured } from "../helpers/cli.js";
import { memoryLogger, seededCore, testSettings } from "../helpers/core.js";
import { type FeedServer, startFeedServer } from "./live/feed-server.js";
import { readFixture } from "./live/fixtures.js";

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

const FAST = { timeoutMs: 2000, retryLimit: 1, retryDelayMs: 10, minIntervalMs: 0 };

function settingsFile(dir: string, sources: unknown[]): Promise<string> {
  const path = join(dir, "settings.json");
  const urls = {
    arxivApi: `${server.baseUrl}/api/query`,
    arxivRss: `${server.baseUrl}/rss`,
    huggingFaceDaily: `${server.baseUrl}/api/daily_papers`,
  };
  return writeFile(path, JSON.stringify({ sources, sourceUrls: urls, fetch: FAST })).then(() => path);
}

function cli(env: Record<string, string>, ...args: string[]) {
  return runCliCaptured(args, env, new Date("2024-06-18T09:00:00Z"));
}

const SOURCES = [
  { name: "arxiv-cs-lg", kind: "arxiv", query: "cat:cs.LG", maxResults: 10 },
  { name: "hf-daily", kind: "huggingface" },
  { name: "rss-cs-cl", kind: "rss", category: "cs.CL" },
];

describe("fetching live sources", () => {
  it("stores the working sources when one fails, reports the failure, and shows it in stats", async () => {
    server.route((url) => url.pathname === "/api/query", {
      headers: { "content-type": "application/atom+xml" },
      body: readFixture("arxiv-atom-page.xml"),
    });
    server.route((url) => url.pathname === "/api/daily_papers", {
      headers: { "content-type": "application/json" },
      body: readFixture("hf-daily-papers.json"),
    });
    server.route((url) => url.pathname.startsWith("/rss"), { status: 500, body: "down" });
    const dir = await mkdtemp(join(tmpdir(), "paperbot-fetch-"));
    const env = { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: await settingsFile(dir, SOURCES) };

    const run = await cli(env, "fetch");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/arxiv-cs-lg: read 3, new 3/);
    expect(run.stdout).toMatch(/hf-daily: read \d+, new \d+, updated \d+/);
    expect(run.stdout).toMatch(/rss-cs-cl: .*failed: /);
    expect(run.stderr).toMatch(/1 of 3 sources failed/);

    const stats = JSON.parse((await cli(env, "stats", "--json")).stdout);
    const byName = Object.fromEntries(stats.sources.map((s: { name: string }) => [s.name, s]));
    expect(byName["arxiv-cs-lg"].lastSuccessAt).toBe("2024-06-18T09:00:00.000Z");
    expect(byName["rss-cs-cl"].lastSuccessAt).toBeUndefined();
    expect(byName["rss-cs-cl"].lastError).toMatch(/500|unavailable/);
    // The paper on both arXiv and Hugging Face is stored once, with what each knew.
    const shown = JSON.parse((await cli(env, "show", "2406.11794", "--json")).stdout);
    expect(shown.seenIn.map((s: { source: string }) => s.source).sort()).toEqual(["arxiv", "huggingface"]);
    expect(shown.links.huggingFace).toMatch(/huggingface\.co\/papers\/2406\.11794/);
    expect(shown.upvotes).toBeGreaterThan(0);
    // The figure, the code and the project page come through to `show --json`.
    expect(shown).toMatchObject({
      thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2406.11794.png",
      githubRepo: "https://github.com/example-lab/capacity-moe",
      githubStars: 1234,
      projectPage: "https://example-lab.github.io/capacity-moe/",
    });
    const text = (await cli(env, "show", "2406.11794")).stdout;
    expect(text).toContain("code:         https://github.com/example-lab/capacity-moe ★ 1.2k\n");
    expect(text).toContain("project page: https://example-lab.github.io/capacity-moe/\n");
    const plain = JSON.parse((await cli(env, "show", "2406.11801", "--json")).stdout);
    expect(plain).toMatchObject({ thumbnail: null, githubRepo: null, githubStars: null, projectPage: null });
    const total = stats.papers;

    // The same feed again adds nothing and is reported stale.
    const again = await cli(env, "ingest", "--source", "arxiv-cs-lg");
    expect(again.stdout).toMatch(/arxiv-cs-lg: read 3, new 0, updated 0 \(stale: same batch as last time\)/);
    expect(JSON.parse((await cli(env, "stats", "--json")).stdout).papers).toBe(total);

    // An unknown source name is a clear error.
    const unknown = await cli(env, "fetch", "--source", "nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /No source named "nope"\. Configured sources: arxiv-cs-lg, hf-daily, rss-cs-cl\./,
    );
  });

  it("updates a paper in place when arXiv serves a new version", async () => {
    const page = readFixture("arxiv-atom-page.xml");
    let version = 1;
    server.route(
      (url) => url.pathname === "/api/query",
      () => ({
        headers: { "content-type": "application/atom+xml" },
        body:
          version === 1
            ? page
            : page
                .replace("http://arxiv.org/abs/2406.11794v1", "http://arxiv.org/abs/2406.11794v2")
                .replace("Sparse Mixture-of-Experts Routing", "Sparse Mixture-of-Experts Routing, Revised"),
      }),
    );
    const dir = await mkdtemp(join(tmpdir(), "paperbot-version-"));
    const env = { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: await settingsFile(dir, [SOURCES[0]]) };
    await cli(env, "fetch");
    version = 2;
    const second = await cli(env, "fetch");
    expect(second.stdout).toMatch(/read 3, new 0, updated 1/);
    const list = JSON.parse((await cli(env, "list", "--json", "--limit", "100")).stdout) as {
      id: string;
      title: string;
    }[];
    expect(list.filter((p) => p.id === "2406.11794")).toHaveLength(1);
    expect(list.find((p) => p.id === "2406.11794")?.title).toMatch(/Revised/);
  });
});

describe("a scheduled fetch", () => {
  it("ingests the working sources, logs the failing one, and makes the new papers searchable", async () => {
    server.route((url) => url.pathname === "/api/query", {
      headers: { "content-type": "application/atom+xml" },
      body: readFixture("arxiv-atom-page.xml"),
    });
    server.route((url) => url.pathname.startsWith("/rss"), { status: 503, body: "down" });
    const settings = {
      ...testSettings(),
      sources: [SOURCES[0], SOURCES[2]] as ReturnType<typeof testSettings>["sources"],
      sourceUrls: { arxivApi: `${server.baseUrl}/api/query`, arxivRss: `${server.baseUrl}/rss` },
      fetch: FAST,
    };
    const { deps, store, enrich } = await seededCore({ settings });
    const { log, lines } = memoryLogger();
    const live = createLiveSources({
      settings,
      store,
      log,
      now: () => new Date("2024-06-18T09:00:00Z"),
      enrich,
      onChanged: (papers) => deps.search.index(papers),
    });
    const reports = await live.ingest();
    expect(reports.map((r) => [r.source, r.new, Boolean(r.error)])).toEqual([
      ["arxiv-cs-lg", 3, false],
      ["rss-cs-cl", 0, true],
    ]);
    expect(
      lines().some((line) => line.includes('"level":"warn"') && line.includes("source rss-cs-cl failed")),
    ).toBe(true);
    expect((await deps.search.search("capacity factors", { limit: 3, offset: 0 })).hits[0]?.id).toBe(
      "2406.11794",
    );
    expect(store.corpus.find("2406.11794")?.keyphrases?.length).toBeGreaterThan(0);
  });
});

describe("/papers add", () => {
  it("fetches a pasted paper, stores it with who added it, and answers the existing card the second time", async () => {
    const oneEntry = readFixture("arxiv-atom-page.xml").replace(
      /(<entry>[\s\S]*?<\/entry>)[\s\S]*<\/entry>/,
      "$1",
    );
    server.route(
      (url) =>
        url.pathname === "/api/query" && (url.searchParams.get("id_list") ?? "").startsWith("2406.11794"),
      {
        headers: { "content-type": "application/atom+xml" },
        body: oneEntry,
      },
    );
    server.route((url) => url.pathname === "/api/query", {
      headers: { "content-type": "application/atom+xml" },
      body: readFixture("arxiv-atom-empty.xml"),
    });
    const settings = {
      ...testSettings(),
      sourceUrls: { arxivApi: `${server.baseUrl}/api/query` },
      fetch: FAST,
    };
    const { deps, store } = await seededCore({ settings });
    const live = createLiveSources({
      settings,
      store,
      log: memoryLogger().log,
      now: () => new Date("2024-06-18T09:00:00Z"),
    });
    const bot = createBot({ ...deps, fetchPaper: live.fetchPaper });
    const replies: Reply[] = [];
    const respond = async (reply: Reply) => {
      replies.push(reply);
      return undefined;
    };
    const actor = { platform: "slack" as const, workspaceId: "T1", userId: "U1" };
    const place = { platform: "slack" as const, workspaceId: "T1", channelId: "C1" };
    const add = (text: string) => bot.handle({ type: "command", text: `add ${text}`, actor, place }, respond);

    await add("https://arxiv.org/abs/2406.11794v1");
    expect(replies.map((r) => r.text.slice(0, 30))).toEqual([
      "Fetching 2406.11794v1 from arX",
      'Added "Sparse Mixture-of-Exper',
    ]);
    expect(replies.at(-1)?.cards?.[0]?.tldr).toBeTruthy();
    expect(store.corpus.find("2406.11794")?.addedBy).toMatchObject({ workspaceId: "slack:T1", userId: "U1" });
    // The added paper is searchable at once.
    expect(
      (await deps.search.search("capacity factors", { limit: 5, offset: 0 })).hits.map((h) => h.id),
    ).toContain("2406.11794");

    await add("arXiv:2406.11794");
    expect(replies.at(-1)?.text).toMatch(/^Already here:/);
    await add("2406.99999");
    expect(replies.at(-1)).toMatchObject({
      visibility: "private",
      text: expect.stringMatching(/arXiv has no paper 2406\.99999/),
    });
    await add("not-a-paper");
    expect(replies.at(-1)?.text).toMatch(/is not an arXiv id or link/);
  });
});
