import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isUserError } from "../../../src/errors.js";
import { fetchArxivPaper } from "../../../src/ingest/fetch/arxiv-paper.js";
import { createHttpClient } from "../../../src/ingest/fetch/http-client.js";
import { isSourceError } from "../../../src/ingest/fetch/source-error.js";
import { parseArxivReference } from "../../../src/papers/ids.js";
import { type FeedServer, startFeedServer } from "./feed-server.js";
import { readFixture } from "./fixtures.js";

const NOW = new Date("2024-06-18T08:30:00.000Z");
let server: FeedServer;

function entryFeed(id: string): string {
  // The id_list answer is the search page cut down to the one entry asked for.
  const page = readFixture("arxiv-atom-page.xml");
  const entries = page.split("<entry>").slice(1);
  const entry = entries.find((candidate) => candidate.includes(`/abs/${id}`)) ?? "";
  const head = page.slice(0, page.indexOf("<entry>"));
  return entry ? `${head}<entry>${entry.replace("</feed>", "")}</feed>` : readFixture("arxiv-atom-empty.xml");
}

function deps(retryLimit = 2) {
  return {
    http: createHttpClient({ retryLimit, retryDelayMs: 10, intervals: { defaultMs: 0 } }),
    now: () => NOW,
    urls: { arxivApi: `${server.baseUrl}/api/query` },
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

beforeEach(async () => {
  server = await startFeedServer();
  server.route(
    (url) => url.pathname === "/api/query",
    (url) => ({ body: entryFeed((url.searchParams.get("id_list") ?? "").replace(/v\d+$/, "")) }),
  );
});
afterEach(async () => {
  await server.close();
});

describe("fetching a paper pasted in chat", () => {
  it("asks arXiv by id_list, version included, and returns the paper", async () => {
    const ref = parseArxivReference("https://arxiv.org/abs/2405.01234v2");
    if (!ref) throw new Error("fixture id did not parse");
    const paper = await fetchArxivPaper(ref, deps());
    expect(server.requests[0]?.url.searchParams.get("id_list")).toBe("2405.01234v2");
    expect(paper).toMatchObject({
      arxivId: "2405.01234",
      arxivVersion: 2,
      authors: ["Ingrid Nakamura", "Paul R. Adeyemi"],
    });
    expect(paper.sighting.source).toBe("arxiv");
  });

  it("says so when arXiv has no such paper", async () => {
    const error = await failure(fetchArxivPaper({ id: "2406.99999" }, deps()));
    expect(isUserError(error)).toBe(true);
    expect(error).toMatchObject({ code: "arxiv-not-found", message: "arXiv has no paper 2406.99999." });
  });

  it("tells the person to try later when arXiv is down, keeping the cause", async () => {
    await server.close();
    const error = await failure(fetchArxivPaper({ id: "2406.11794" }, deps(0)));
    expect(error).toMatchObject({ code: "arxiv-unavailable", message: "arXiv isn't answering right now." });
    expect(isSourceError((error as Error).cause)).toBe(true);
    server = await startFeedServer();
  });
});
