// A local fake of Semantic Scholar's Graph API batch lookup: answers from a table, records each request, fails on request.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScholarRequest {
  path: string;
  fields: string | null;
  ids: string[];
  apiKey: string | undefined;
}

export interface FakeScholar {
  /** The origin to give the client as its base URL. */
  url: string;
  readonly requests: ScholarRequest[];
  /** What the fake knows, by arXiv id (without the `ARXIV:` prefix); unknown ids are answered with null. */
  readonly papers: Map<string, Record<string, unknown>>;
  /** After `after` requests answered normally, the next `times` get this status (and headers) instead. */
  fail(status: number, headers?: Record<string, string>, times?: number, after?: number): void;
  /** The next request is never answered (until the server closes). */
  hangNext(): void;
  /** The next request gets this raw body with status 200. */
  answerRaw(body: string): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      raw += chunk;
    });
    req.on("end", () => resolve(raw));
    req.on("error", reject);
  });
}

export async function startFakeScholar(): Promise<FakeScholar> {
  const requests: ScholarRequest[] = [];
  const papers = new Map<string, Record<string, unknown>>();
  // A null entry lets one request through: how a failure is put after some successes.
  const failures: ({ status: number; headers: Record<string, string> } | null)[] = [];
  const raws: string[] = [];
  let hangs = 0;
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let ids: string[] = [];
      try {
        ids = (JSON.parse(raw || "{}") as { ids?: string[] }).ids ?? [];
      } catch {
        ids = [];
      }
      const key = req.headers["x-api-key"];
      requests.push({
        path: url.pathname,
        fields: url.searchParams.get("fields"),
        ids,
        apiKey: typeof key === "string" ? key : undefined,
      });
      if (hangs > 0) {
        hangs -= 1;
        return;
      }
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
        res.end('{"message":"Too Many Requests"}');
        return;
      }
      const rawAnswer = raws.shift();
      if (rawAnswer !== undefined) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(rawAnswer);
        return;
      }
      if (req.method !== "POST" || url.pathname !== "/graph/v1/paper/batch") {
        res.writeHead(404, { "content-type": "application/json" });
        res.end('{"error":"Not found"}');
        return;
      }
      const answer = ids.map((id) => papers.get(id.replace(/^ARXIV:/, "")) ?? null);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    papers,
    fail(status, headers = {}, times = 1, after = 0) {
      for (let i = 0; i < after; i += 1) failures.push(null);
      for (let i = 0; i < times; i += 1) failures.push({ status, headers });
    },
    answerRaw: (body) => void raws.push(body),
    hangNext() {
      hangs += 1;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
