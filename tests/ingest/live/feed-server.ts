// Test helper: a local HTTP server on 127.0.0.1 that plays recorded feed answers, and records what it was asked.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type Answer = { status?: number; headers?: Record<string, string>; body?: string } | "hang";
/** The answer to a request, given how many requests this route saw before it (0 for the first). */
export type Responder = (url: URL, count: number, headers: IncomingHttpHeaders) => Answer;

export interface RecordedRequest {
  url: URL;
  headers: IncomingHttpHeaders;
  /** Milliseconds, from performance.now(), when the request arrived. */
  at: number;
}

export interface FeedServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers requests whose URL matches; the first matching route wins. */
  route(matches: (url: URL) => boolean, respond: Responder | Answer): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes: { matches: (url: URL) => boolean; respond: Responder; count: number }[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push({ url, headers: request.headers, at: performance.now() });
    const route = routes.find((candidate) => candidate.matches(url));
    if (!route) {
      response.writeHead(404, { "content-type": "text/plain" }).end("no route");
      return;
    }
    const answer = route.respond(url, route.count++, request.headers);
    // A server that never answers: the client's timeout must end the wait.
    if (answer === "hang") return;
    response.writeHead(answer.status ?? 200, answer.headers ?? {}).end(answer.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    route(matches, respond) {
      routes.push({ matches, respond: typeof respond === "function" ? respond : () => respond, count: 0 });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
