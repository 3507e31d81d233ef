// A local fake of Slack's Web API and response_url endpoint: records every call and answers like Slack, or fails on request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { INLINE_REPLY_HEADER } from "./slack-requests.js";

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** The bearer token the call carried (Authorization header or `token` parameter). */
  token: string | undefined;
  /** What the fake answered (undefined for HTTP-level failures). */
  answer?: Record<string, unknown>;
}

export interface RecordedResponse {
  /** The id in the response_url path (`/response/<id>`). */
  id: string;
  body: Record<string, unknown>;
  /** Whether the message came in the slash command's acknowledgement (sendSigned delivers it here). */
  inline: boolean;
}

/** How the next call to a method fails. */
export type Failure =
  | { kind: "error"; error: string }
  | { kind: "ratelimited"; retryAfter: number }
  | { kind: "http"; status: number };

export interface FakeSlackApi {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** The Web API base to give the WebClient (`slackApiUrl`). */
  readonly apiUrl: string;
  readonly calls: RecordedCall[];
  readonly responses: RecordedResponse[];
  /** A response_url pointing at this fake. */
  responseUrl(id: string): string;
  callsTo(method: string): RecordedCall[];
  /** Makes the next call (or the next `times` calls) to `method` fail. */
  fail(method: string, failure: Failure, times?: number): void;
  /** Makes every call to response_url `id` answer with `status`. */
  failResponseUrl(id: string, status: number): void;
  /** What conversations.info says about a channel; `"not_found"` answers channel_not_found. */
  setChannel(id: string, info: Record<string, unknown> | "not_found"): void;
  /** What users.info says about a user. */
  setUser(id: string, info: Record<string, unknown>): void;
  /** The URL apps.connections.open hands out (Socket Mode). */
  setSocketUrl(url: string): void;
  /** Overrides auth.test's answer (e.g. another team for OAuth tests). */
  setAuth(answer: Record<string, unknown>): void;
  /** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const FAKE_TEAM_ID = "T0TEAM";
export const FAKE_BOT_USER_ID = "U0BOT";
export const FAKE_BOT_ID = "B0BOT";

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const failures = new Map<string, Failure[]>();
  const failingResponseUrls = new Map<string, number>();
  const channels = new Map<string, Record<string, unknown> | "not_found">();
  const users = new Map<string, Record<string, unknown>>();
  let socketUrl: string | undefined;
  let auth: Record<string, unknown> = {
    url: "https://test.slack.com/",
    team: "Test Team",
    user: "paperbot",
    team_id: FAKE_TEAM_ID,
    user_id: FAKE_BOT_USER_ID,
    bot_id: FAKE_BOT_ID,
  };
  let tsCounter = 0;

  function answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, ...auth };
      case "chat.postMessage": {
        tsCounter += 1;
        const ts = `1700000000.${String(tsCounter).padStart(6, "0")}`;
        return {
          ok: true,
          channel: params.channel,
          ts,
          message: { ts, text: params.text, blocks: params.blocks },
        };
      }
      case "chat.postEphemeral":
        tsCounter += 1;
        return { ok: true, message_ts: `1700000000.${String(tsCounter).padStart(6, "0")}` };
      case "conversations.info": {
        const id = String(params.channel);
        const info = channels.get(id);
        if (info === "not_found") return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: { id, is_channel: true, is_member: true, ...info } };
      }
      case "users.info": {
        const id = String(params.user);
        return { ok: true, user: { id, is_admin: false, is_owner: false, ...users.get(id) } };
      }
      case "apps.connections.open":
        return socketUrl ? { ok: true, url: socketUrl } : { ok: false, error: "no_socket_url_configured" };
      case "oauth.v2.access":
        return {
          ok: true,
          app_id: "A0APP",
          authed_user: { id: "U0INSTALLER" },
          scope: "commands,chat:write",
          token_type: "bot",
          access_token: "xoxb-installed-token",
          bot_user_id: "U0BOT2",
          team: { id: "T0OTHER", name: "Other Team" },
          enterprise: null,
          is_enterprise_install: false,
        };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://localhost").pathname;

    if (path.startsWith("/response/")) {
      const id = decodeURIComponent(path.slice("/response/".length));
      const inline = req.headers[INLINE_REPLY_HEADER] === "1";
      responses.push({ id, body: JSON.parse(raw || "{}") as Record<string, unknown>, inline });
      const status = failingResponseUrls.get(id) ?? 200;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(status === 200 ? '{"ok":true}' : '{"ok":false}');
      return;
    }

    if (!path.startsWith("/api/")) {
      res.writeHead(404);
      res.end();
      return;
    }
    const method = path.slice("/api/".length);
    const params = parseParams(raw, req.headers["content-type"]);
    const header = req.headers.authorization;
    const token = header?.startsWith("Bearer ")
      ? header.slice("Bearer ".length)
      : (params.token as string | undefined);
    const call: RecordedCall = { method, params, token };
    calls.push(call);

    const queue = failures.get(method);
    const failure = queue?.shift();
    if (failure?.kind === "ratelimited") {
      res.writeHead(429, { "retry-after": String(failure.retryAfter), "content-type": "application/json" });
      res.end('{"ok":false,"error":"ratelimited"}');
      return;
    }
    if (failure?.kind === "http") {
      res.writeHead(failure.status, { "content-type": "text/plain" });
      res.end("upstream trouble");
      return;
    }
    const body = failure?.kind === "error" ? { ok: false, error: failure.error } : answer(method, params);
    call.answer = body;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id)}`,
    callsTo: (method) => calls.filter((call) => call.method === method),
    fail(method, failure, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(failure);
      failures.set(method, queue);
    },
    failResponseUrl: (id, status) => void failingResponseUrls.set(id, status),
    setChannel: (id, info) => void channels.set(id, info),
    setUser: (id, info) => void users.set(id, info),
    setSocketUrl(next) {
      socketUrl = next;
    },
    setAuth(next) {
      auth = { ...auth, ...next };
    },
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error("Timed out waiting on the fake Slack API");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The Web API client sends form fields, with `blocks` and the like as JSON strings; JSON bodies also work. */
function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
