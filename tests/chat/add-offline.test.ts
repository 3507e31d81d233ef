// `/papers add` says at once that it is fetching, and says so plainly when this machine cannot reach arXiv.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { networkFailure } from "../../src/chat/commands/unreachable.js";
import { fetchArxivPaper } from "../../src/ingest/fetch/arxiv-paper.js";
import { createHttpClient } from "../../src/ingest/fetch/http-client.js";
import { seededCore } from "../helpers/core.js";
import { say } from "./chat-helpers.js";

/** A 127.0.0.1 port nothing listens on: taken from the OS, then closed. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("/papers add without arXiv", () => {
  it("says it is fetching first, then that this machine cannot reach arXiv", async () => {
    const port = await refusedPort();
    const { bot, deps } = await seededCore();
    const http = createHttpClient({ retryLimit: 1, retryDelayMs: 5, intervals: { defaultMs: 0 } });
    deps.fetchPaper = (ref) =>
      fetchArxivPaper(ref, { http, now: deps.now, urls: { arxivApi: `http://127.0.0.1:${port}/api/query` } });
    const replies = await say(bot, "add 1706.03762");
    expect(replies.map((r) => r.text)).toEqual([
      "Fetching 1706.03762 from arXiv…",
      expect.stringMatching(
        /^This machine cannot reach arXiv \(the connection was refused\)\. Check its internet/,
      ),
    ]);
    expect(replies.every((r) => r.visibility === "private")).toBe(true);
  });

  it("reads a failed name lookup anywhere in the cause chain as unreachable, and arXiv's own errors as not", () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND export.arxiv.org"), { code: "ENOTFOUND" });
    const wrapped = new Error("arxiv: unavailable", { cause: new TypeError("fetch failed", { cause: dns }) });
    expect(networkFailure(wrapped)).toBe("its address could not be resolved");
    expect(networkFailure(Object.assign(new Error("503"), { status: 503 }))).toBeUndefined();
  });
});
