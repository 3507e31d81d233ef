// Issue 21.5: aborting the live sources' signal ends a request in flight, a retry wait and a pacing wait at once,
// and an ingest aborted mid-fetch writes nothing to the store.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createHttpClient } from "../../src/ingest/fetch/http-client.js";
import { createLiveSources } from "../../src/ingest/live-sources.js";
import { createLogger } from "../../src/log.js";
import { LowStore } from "../../src/store/low-store.js";

let server: Server;
let base: string;
let requests = 0;

beforeAll(async () => {
  // /hang takes the request and never answers; /busy answers 503, so the client waits to retry.
  server = createServer((req, res) => {
    requests += 1;
    if (req.url?.startsWith("/busy")) {
      res.writeHead(503, { "retry-after": "30" });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** How long `work` takes to settle once `controller` is aborted after `afterMs`. */
async function settleAfterAbort(work: Promise<unknown>, controller: AbortController, afterMs: number) {
  const outcome = work.then(
    () => "resolved",
    () => "rejected",
  );
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const abortedAt = Date.now();
  controller.abort(new Error("stopping"));
  return { outcome: await outcome, ms: Date.now() - abortedAt };
}

describe("aborting the HTTP client of the live sources", () => {
  const slow = { timeoutMs: 60_000, retryLimit: 3, retryDelayMs: 10_000, maxRetryAfterMs: 60_000 };

  it("ends a request the server never answers", async () => {
    const controller = new AbortController();
    const http = createHttpClient({ ...slow, signal: controller.signal });
    const result = await settleAfterAbort(
      http.getText({ source: "t", url: `${base}/hang` }),
      controller,
      200,
    );
    expect(result).toMatchObject({ outcome: "rejected" });
    expect(result.ms).toBeLessThan(1_000);
  });

  it("ends the wait before a retry", async () => {
    const controller = new AbortController();
    const http = createHttpClient({ ...slow, signal: controller.signal });
    const result = await settleAfterAbort(
      http.getText({ source: "t", url: `${base}/busy` }),
      controller,
      300,
    );
    expect(result).toMatchObject({ outcome: "rejected" });
    expect(result.ms).toBeLessThan(1_000);
  });

  it("ends the wait for a host's polite pace", async () => {
    const controller = new AbortController();
    const http = createHttpClient({
      ...slow,
      intervals: { defaultMs: 60_000 },
      signal: controller.signal,
    });
    const first = http.getText({ source: "t", url: `${base}/hang?1` });
    const second = http.getText({ source: "t", url: `${base}/hang?2` });
    first.catch(() => undefined);
    const result = await settleAfterAbort(second, controller, 200);
    expect(result).toMatchObject({ outcome: "rejected" });
    expect(result.ms).toBeLessThan(1_000);
  });
});

describe("an ingest of live sources aborted mid-fetch", () => {
  it("rejects with the abort's reason and records no source status", async () => {
    const settings = {
      ...loadConfig({ env: {} }).settings,
      sources: [
        {
          name: "hung",
          kind: "arxiv" as const,
          query: "cat:cs.LG",
          maxResults: 100,
          pageSize: 100,
          sortBy: "submittedDate" as const,
        },
      ],
      sourceUrls: { arxivApi: `${base}/hang` },
    };
    const store = await LowStore.inMemory();
    const controller = new AbortController();
    const live = createLiveSources({
      settings,
      store,
      log: createLogger({ level: "silent" }),
      now: () => new Date("2026-11-22T12:00:00Z"),
      signal: controller.signal,
    });
    const before = requests;
    const ingest = live.ingest();
    while (requests === before) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error("paperbot is stopping"));
    await expect(ingest).rejects.toThrow("paperbot is stopping");
    expect(store.sourceStatuses()).toEqual([]);
  });
});
