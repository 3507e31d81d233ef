// The fake Discord REST API: records every request and answers the routes discord.js uses, with injectable failures.
import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { channelJson, type FakeWorld, messageJson, snowflake, userJson } from "./world.js";

export interface RecordedRequest {
  method: string;
  /** Decoded, without the `/api/v10` prefix: `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: URLSearchParams;
  /** JSON body, or `payload_json` of a multipart body. */
  body: unknown;
  files: string[];
  status: number;
  /** `Date.now()` when the request arrived. */
  at: number;
}

export interface Failure {
  method: string;
  path: string | RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail before the route works again; default 1. */
  times?: number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What an interaction token stands for, so webhook edits answer with the right message. */
export interface InteractionRecord {
  id: string;
  token: string;
  guildId: string;
  channelId: string;
  /** The message a component sits on: `@original` of a button interaction. */
  message?: { id: string; flags: number };
}

export class FakeRest extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly messages = new Map<string, ReturnType<typeof messageJson>>();
  /** Channels that answer 403 Missing Access. */
  readonly forbidden = new Set<string>();
  private readonly failures: Failure[] = [];
  private readonly originals = new Map<string, { id: string; flags: number }>();

  constructor(
    private readonly world: FakeWorld,
    private readonly gatewayUrl: () => string,
  ) {
    super();
  }

  failNext(failure: Failure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off("request", listener);
        reject(new Error(`no matching request within ${timeoutMs} ms; saw ${this.describe()}`));
      }, timeoutMs);
      const listener = (r: RecordedRequest) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.off("request", listener);
        resolve(r);
      };
      this.on("request", listener);
    });
  }

  describe(): string {
    return this.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(", ") || "nothing";
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, "");
    const method = (req.method ?? "GET").toUpperCase();
    const { body, files } = await readBody(req);
    const answer = this.takeFailure(method, path) ?? this.route(method, path, url.searchParams, body);
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      body,
      files,
      status: answer.status,
      at,
    };
    this.requests.push(record);
    res.writeHead(answer.status, {
      ...(answer.body !== undefined ? { "content-type": "application/json" } : {}),
      ...answer.headers,
    });
    res.end(answer.body !== undefined ? JSON.stringify(answer.body) : undefined);
    this.emit("request", record);
  }

  private takeFailure(method: string, path: string): Answer | undefined {
    const index = this.failures.findIndex(
      (f) => f.method === method && (typeof f.path === "string" ? f.path === path : f.path.test(path)),
    );
    const failure = this.failures[index];
    if (!failure) return undefined;
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return {
      status: failure.status,
      body: failure.body,
      ...(failure.headers ? { headers: failure.headers } : {}),
    };
  }

  /** Method ("*" for any), path pattern, handler: the first handler that answers wins. */
  private readonly routes: [
    string,
    RegExp,
    (p: string[], body: unknown, query: URLSearchParams, method: string) => Answer | undefined,
  ][] = [
    ["GET", /^\/gateway\/bot$/, () => json(200, this.gatewayBot())],
    ["GET", /^\/users\/@me$/, () => json(200, userJson(this.world.bot, true))],
    ["PUT", /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/, (p, body) => this.putCommands(p, body)],
    ["POST", /^\/interactions\/(\d+)\/([^/]+)\/callback$/, (p, body, query) => this.callback(p, body, query)],
    [
      "*",
      /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/,
      (p, body, _q, method) => this.webhook(p, body, method),
    ],
    ["*", /^\/channels\/(\d+)(.*)$/, (p, body, _q, method) => this.channel(p, body, method)],
    ["GET", /^\/guilds\/(\d+)\/members\/(\d+)$/, (p) => this.member(p)],
  ];

  private route(method: string, path: string, query: URLSearchParams, body: unknown): Answer {
    for (const [routeMethod, pattern, handler] of this.routes) {
      if (routeMethod !== "*" && routeMethod !== method) continue;
      const match = pattern.exec(path);
      const answer =
        match &&
        handler(
          match.slice(1).map((part) => part ?? ""),
          body,
          query,
          method,
        );
      if (answer) return answer;
    }
    return json(404, { code: 0, message: `404: Not Found (fake has no ${method} ${path})` });
  }

  private gatewayBot() {
    return {
      url: this.gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    };
  }

  private putCommands([applicationId, guildId]: string[], body: unknown): Answer {
    const commands = Array.isArray(body) ? (body as Record<string, unknown>[]) : [];
    return json(
      200,
      commands.map((c) => ({
        id: snowflake(),
        application_id: applicationId,
        ...(guildId ? { guild_id: guildId } : {}),
        version: snowflake(),
        default_member_permissions: null,
        ...c,
      })),
    );
  }

  private callback([interactionId, token = ""]: string[], body: unknown, query: URLSearchParams): Answer {
    const callback = body as { type?: number; data?: { flags?: number } };
    // A reply (4) or a deferred reply (5) creates the "@original" message that later edits change.
    if (this.interactions.has(token) && (callback.type === 4 || callback.type === 5)) {
      this.originals.set(token, { id: snowflake(), flags: callback.data?.flags ?? 0 });
    }
    if (query.get("with_response") === "true")
      return json(200, { interaction: { id: interactionId, type: 2 } });
    return json(204);
  }

  private webhook([, token = "", target]: string[], body: unknown, method: string): Answer {
    const record = this.interactions.get(token);
    if (!record) return json(404, { code: 10015, message: "Unknown Webhook" });
    if (method === "DELETE") return json(204);
    const original = record.message ?? this.originals.get(token);
    const isOriginal = target === "@original";
    const id = isOriginal ? (original?.id ?? snowflake()) : target || snowflake();
    const flags = isOriginal
      ? (original?.flags ?? 0)
      : ((body as { flags?: number } | undefined)?.flags ?? 0);
    const message = messageJson(this.world, {
      id,
      channelId: record.channelId,
      guildId: record.guildId,
      body: body as Record<string, unknown>,
      flags,
      webhook: true,
    });
    this.messages.set(id, message);
    return json(200, message);
  }

  private channel([channelId = "", rest = ""]: string[], body: unknown, method: string): Answer | undefined {
    if (this.forbidden.has(channelId)) return json(403, { code: 50001, message: "Missing Access" });
    const found = this.findChannel(channelId);
    if (!found) return json(404, { code: 10003, message: "Unknown Channel" });
    if (method === "GET" && rest === "") return json(200, channelJson(found.guild, found.channel));
    if (method === "POST" && rest === "/messages") {
      const message = messageJson(this.world, {
        id: snowflake(),
        channelId,
        guildId: found.guild.id,
        body: body as Record<string, unknown>,
      });
      this.messages.set(message.id, message);
      return json(200, message);
    }
    const messageId = /^\/messages\/(\d+)$/.exec(rest)?.[1];
    if (method === "GET" && messageId) {
      const message = this.messages.get(messageId);
      return message ? json(200, message) : json(404, { code: 10008, message: "Unknown Message" });
    }
    if (method === "PUT" && /^\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(rest)) return json(204);
    if (method === "POST" && rest === "/typing") return json(204);
    return undefined;
  }

  private member([, userId]: string[]): Answer {
    if (userId !== this.world.bot.id) return json(404, { code: 10007, message: "Unknown Member" });
    const joinedAt = new Date().toISOString();
    return json(200, {
      user: userJson(this.world.bot, true),
      roles: [],
      joined_at: joinedAt,
      deaf: false,
      mute: false,
      flags: 0,
    });
  }

  private findChannel(id: string) {
    for (const guild of this.world.guilds) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return { guild, channel };
    }
    return undefined;
  }
}

function json(status: number, value?: unknown): Answer {
  return { status, body: value };
}

/** JSON, or multipart with `payload_json` (discord.js sends files that way); Node's Response parses both. */
async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: string[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const payload = form.get("payload_json");
    const files = [...form.entries()]
      .filter(([, v]) => typeof v !== "string")
      .map(([, v]) => (v as File).name);
    return { body: typeof payload === "string" ? JSON.parse(payload) : undefined, files };
  }
  const text = raw.toString("utf8");
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    return { body: text, files: [] };
  }
}
