import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchAllSources, nextFetchState } from "../../../src/ingest/fetch/fetch-all-sources.js";
import { type FetchDeps, readContext } from "../../../src/ingest/fetch/fetch-deps.js";
import { createHttpClient, type HttpOptions } from "../../../src/ingest/fetch/http-client.js";
import { type SourceConfigInput, sourceConfigSchema, sourceListSchema } from "../../../src/source-config.js";
import { type Answer, type FeedServer, startFeedServer } from "./feed-server.js";
import { readFixture } from "./fixtures.js";

const NOW = new Date("2024-06-18T08:30:00.000Z");
const FAST: HttpOptions = {
  timeoutMs: 2000,
  retryLimit: 2,
  retryDelayMs: 20,
  maxRetryAfterMs: 5000,
  intervals: { defaultMs: 0 },
};

const atom = (name: string) => ({
  headers: { "content-type": "application/atom+xml" },
  body: readFixture(name),
});
const query = (value: string) => (url: URL) =>
  url.pathname === "/api/query" && url.searchParams.get("search_query") === value;
const arxiv = (name: string, searchQuery: string, extra: Partial<SourceConfigInput> = {}) =>
  sourceConfigSchema.parse({ name, kind: "arxiv", query: searchQuery, ...extra });

let server: FeedServer;

function deps(options: HttpOptions = FAST, state: FetchDeps["state"] = {}): FetchDeps {
  return {
    http: createHttpClient(options),
    now: () => NOW,
    urls: {
      arxivApi: `${server.baseUrl}/api/query`,
      arxivRss: `${server.baseUrl}/rss`,
      huggingFaceDaily: `${server.baseUrl}/api/daily_papers`,
    },
    state,
  };
}

beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

describe("fetching an arXiv search", () => {
  it("reads a page into papers, sighted at the search's URL, and remembers the batch", async () => {
    server.route(query("cat:cs.LG"), atom("arxiv-atom-page.xml"));
    const [outcome] = await fetchAllSources([arxiv("arxiv-cs-lg", "cat:cs.LG")], deps());
    expect(outcome?.error).toBeUndefined();
    expect(outcome?.papers.map((p) => p.arxivId)).toEqual(["2406.11794", "2405.01234", "2406.10002"]);
    expect(outcome).toMatchObject({ source: "arxiv-cs-lg", kind: "arxiv", stale: false, notModified: false });
    expect(outcome?.state).toEqual({ fingerprint: expect.any(String), checkedAt: NOW.toISOString() });
    const ref = `${server.baseUrl}/api/query?search_query=cat%3Acs.LG&sortBy=submittedDate&sortOrder=descending`;
    expect(outcome?.papers[0]?.sighting).toEqual({
      source: "arxiv",
      ref,
      observedOn: "2024-06-18",
      seenAt: NOW.toISOString(),
    });

    const [request] = server.requests;
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      search_query: "cat:cs.LG",
      sortBy: "submittedDate",
      sortOrder: "descending",
      start: "0",
      max_results: "100",
    });
    expect(request?.headers["user-agent"]).toMatch(/^paperbot\//);
  });

  it("pages through a large result until totalResults, at the polite pace", async () => {
    server.route(query("cat:paged"), (url) =>
      atom(url.searchParams.get("start") === "0" ? "arxiv-atom-paged-1.xml" : "arxiv-atom-paged-2.xml"),
    );
    const source = arxiv("paged", "cat:paged", { pageSize: 2, maxResults: 50 });
    const startedAt = performance.now();
    const [outcome] = await fetchAllSources([source], deps({ ...FAST, intervals: { defaultMs: 300 } }));
    expect(outcome?.papers.map((p) => p.arxivId)).toEqual(["2406.11794", "2405.01234", "2406.10002"]);
    expect(
      server.requests.map((r) => [r.url.searchParams.get("start"), r.url.searchParams.get("max_results")]),
    ).toEqual([
      ["0", "2"],
      ["2", "2"],
    ]);
    // The pace spaces request starts at the client, so the second request cannot arrive before the
    // first could start plus the interval. (Measured from the call, not from the first arrival: on a busy
    // machine the first request's connection set-up delays its arrival and shortens the gap seen here.)
    const second = server.requests[1];
    expect((second?.at ?? 0) - startedAt).toBeGreaterThanOrEqual(300);
  });

  it("stops at the configured cap", async () => {
    server.route(query("cat:paged"), atom("arxiv-atom-paged-1.xml"));
    const [outcome] = await fetchAllSources(
      [arxiv("capped", "cat:paged", { pageSize: 2, maxResults: 2 })],
      deps(),
    );
    expect(outcome?.papers).toHaveLength(2);
    expect(server.requests).toHaveLength(1);
  });

  it("keeps the first page's papers when a later page fails, and keeps the old state", async () => {
    server.route(query("cat:paged"), (url) =>
      url.searchParams.get("start") === "0"
        ? atom("arxiv-atom-paged-1.xml")
        : { status: 400, body: "bad start" },
    );
    const previous = { paged: { fingerprint: "old" } };
    const [outcome] = await fetchAllSources(
      [arxiv("paged", "cat:paged", { pageSize: 2 })],
      deps(FAST, previous),
    );
    expect(outcome?.papers).toHaveLength(2);
    expect(outcome?.error?.kind).toBe("rejected");
    expect(outcome?.warnings.at(-1)?.message).toMatch(/^stopped paging at start=2/);
    expect(outcome?.state).toEqual({ fingerprint: "old" });
  });

  it("reports arXiv's error feed as a rejected query", async () => {
    server.route(query("cat:broken"), atom("arxiv-atom-error.xml"));
    const [outcome] = await fetchAllSources([arxiv("broken", "cat:broken")], deps());
    expect(outcome?.papers).toEqual([]);
    expect(outcome?.error).toMatchObject({ source: "broken", kind: "rejected" });
    expect(outcome?.error?.message).toBe("broken: arXiv refused the query: incorrect id format for 2406.1");
  });

  it("reads an empty result as no papers and no error", async () => {
    server.route(query("cat:cs.XX"), atom("arxiv-atom-empty.xml"));
    const [outcome] = await fetchAllSources([arxiv("nothing", "cat:cs.XX")], deps());
    expect(outcome).toMatchObject({ papers: [], warnings: [], stale: false });
    expect(outcome?.error).toBeUndefined();
  });

  it("reports malformed XML as malformed", async () => {
    server.route(query("cat:garbled"), { body: "<feed><entry><title>half a feed" });
    const [outcome] = await fetchAllSources([arxiv("garbled", "cat:garbled")], deps());
    expect(outcome?.error?.kind).toBe("malformed");
    expect(outcome?.papers).toEqual([]);
  });
});

describe("a server that is busy, broken or slow", () => {
  it("waits out a 429's Retry-After, then reads the page", async () => {
    server.route(query("cat:cs.LG"), (_url, count) =>
      count === 0
        ? { status: 429, headers: { "retry-after": "1" }, body: "slow down" }
        : atom("arxiv-atom-page.xml"),
    );
    const [outcome] = await fetchAllSources([arxiv("arxiv-cs-lg", "cat:cs.LG")], deps());
    expect(outcome?.error).toBeUndefined();
    expect(outcome?.papers).toHaveLength(3);
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("gives up at once, as rate-limited, when the server asks for a wait longer than we accept", async () => {
    server.route(query("cat:cs.LG"), {
      status: 429,
      headers: { "retry-after": "3600" },
      body: "come back later",
    });
    const started = performance.now();
    const [outcome] = await fetchAllSources([arxiv("arxiv-cs-lg", "cat:cs.LG")], deps());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome?.error).toMatchObject({ kind: "rate-limited", status: 429, retryAfterSeconds: 3600 });
    expect(server.requests).toHaveLength(1);
  });

  it("retries a 500, then reads the page", async () => {
    server.route(query("cat:cs.LG"), (_url, count) =>
      count === 0 ? { status: 500, body: "oops" } : atom("arxiv-atom-page.xml"),
    );
    const [outcome] = await fetchAllSources([arxiv("arxiv-cs-lg", "cat:cs.LG")], deps());
    expect(outcome?.error).toBeUndefined();
    expect(outcome?.papers).toHaveLength(3);
    expect(server.requests).toHaveLength(2);
  });

  it("times out a server that never answers", async () => {
    server.route(query("cat:cs.LG"), "hang");
    const started = performance.now();
    const [outcome] = await fetchAllSources(
      [arxiv("arxiv-cs-lg", "cat:cs.LG")],
      deps({ ...FAST, timeoutMs: 200 }),
    );
    expect(performance.now() - started).toBeLessThan(1500);
    expect(outcome?.error?.kind).toBe("timeout");
  });

  it("reports a server that is down as unavailable", async () => {
    const closed = `${server.baseUrl}`;
    await server.close();
    const options = { ...FAST, retryLimit: 0 };
    const unreachable: FetchDeps = { ...deps(options), urls: { arxivApi: `${closed}/api/query` } };
    const [outcome] = await fetchAllSources([arxiv("arxiv-cs-lg", "cat:cs.LG")], unreachable);
    expect(outcome?.error?.kind).toBe("unavailable");
    server = await startFeedServer();
  });
});

describe("conditional requests and stale feeds", () => {
  it("sends the remembered ETag and reads a 304 as not modified, keeping the state", async () => {
    server.route(
      (url) => url.pathname === "/rss/cs.CL",
      (_url, _count, headers): Answer =>
        headers["if-none-match"] === '"v1"'
          ? { status: 304, headers: { etag: '"v1"' } }
          : {
              headers: { etag: '"v1"', "last-modified": "Tue, 18 Jun 2024 04:00:00 GMT" },
              body: readFixture("arxiv-rss-cs-cl.xml"),
            },
    );
    const source = sourceConfigSchema.parse({ name: "rss-cs-cl", kind: "rss", category: "cs.CL" });
    const [first] = await fetchAllSources([source], deps());
    expect(first?.papers).toHaveLength(3);
    expect(first?.state).toMatchObject({ etag: '"v1"', lastModified: "Tue, 18 Jun 2024 04:00:00 GMT" });

    const state = nextFetchState({}, first ? [first] : []);
    const [second] = await fetchAllSources([source], deps(FAST, state));
    expect(server.requests[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(server.requests[1]?.headers["if-modified-since"]).toBe("Tue, 18 Jun 2024 04:00:00 GMT");
    expect(second).toMatchObject({ papers: [], notModified: true, stale: true, state: first?.state });
    expect(second?.error).toBeUndefined();
  });

  it("calls a feed that serves the same batch again stale", async () => {
    server.route((url) => url.pathname === "/api/daily_papers", {
      body: readFixture("hf-daily-papers.json"),
    });
    const source = sourceConfigSchema.parse({ name: "hf-daily", kind: "huggingface" });
    const [first] = await fetchAllSources([source], deps());
    expect(first).toMatchObject({ stale: false, notModified: false });
    expect(first?.papers).toHaveLength(2);
    const [second] = await fetchAllSources([source], deps(FAST, nextFetchState({}, first ? [first] : [])));
    expect(second).toMatchObject({ stale: true, notModified: false });
    expect(second?.papers).toHaveLength(2);
  });
});

describe("several sources at once", () => {
  it("reports a failing source beside the working ones, in order", async () => {
    server.route(query("cat:cs.LG"), atom("arxiv-atom-page.xml"));
    server.route((url) => url.pathname === "/rss/cs.CL", { status: 503, body: "maintenance" });
    server.route((url) => url.pathname === "/api/daily_papers", { body: "[{" });
    server.route((url) => url.pathname === "/rss/cs.AI", { body: readFixture("arxiv-rss-cs-cl.xml") });
    const sources = sourceListSchema.parse([
      { name: "arxiv-cs-lg", kind: "arxiv", query: "cat:cs.LG" },
      { name: "rss-cs-cl", kind: "rss", category: "cs.CL" },
      { name: "hf-daily", kind: "huggingface" },
      { name: "rss-cs-ai", kind: "rss", category: "cs.AI" },
    ]);
    const previous = { "rss-cs-cl": { etag: '"old"' }, retired: {} };
    const outcomes = await fetchAllSources(sources, deps(FAST, previous));
    expect(outcomes.map((o) => [o.source, o.error?.kind, o.papers.length])).toEqual([
      ["arxiv-cs-lg", undefined, 3],
      ["rss-cs-cl", "unavailable", 0],
      ["hf-daily", "malformed", 0],
      ["rss-cs-ai", undefined, 3],
    ]);
    const state = nextFetchState(previous, outcomes);
    expect(state["rss-cs-cl"]).toEqual({ etag: '"old"' });
    expect(state.retired).toEqual({});
    expect(state["hf-daily"]).toEqual({});
    expect(state["rss-cs-ai"]?.fingerprint).toEqual(expect.any(String));
  });
});

describe("the source configuration", () => {
  it("fills in defaults and rejects typos and duplicate names", () => {
    expect(sourceConfigSchema.parse({ name: "arxiv-cs-lg", kind: "arxiv", query: "cat:cs.LG" })).toEqual({
      name: "arxiv-cs-lg",
      kind: "arxiv",
      query: "cat:cs.LG",
      maxResults: 100,
      pageSize: 100,
      sortBy: "submittedDate",
    });
    expect(
      sourceConfigSchema.safeParse({ name: "rss", kind: "rss", category: "cs.CL", extra: 1 }).success,
    ).toBe(false);
    expect(sourceConfigSchema.safeParse({ name: "Bad Name", kind: "huggingface" }).success).toBe(false);
    expect(
      sourceConfigSchema.safeParse({ name: "multi", kind: "rss", category: "cs.LG+stat.ML" }).success,
    ).toBe(true);
    const twice = sourceListSchema.safeParse([
      { name: "a", kind: "huggingface" },
      { name: "a", kind: "huggingface" },
    ]);
    expect(twice.error?.issues[0]?.message).toBe('the source name "a" is used twice');
  });

  it("dates a read by the UTC day", () => {
    expect(readContext("x", NOW)).toEqual({ ref: "x", asOf: "2024-06-18", seenAt: NOW.toISOString() });
  });
});
