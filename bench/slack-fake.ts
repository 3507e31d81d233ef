// A minimal fake of Slack's Web API and response_url on 127.0.0.1 that only timestamps what arrives (no bodies kept).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackFake {
  apiUrl: string;
  responseUrl(id: string): string;
  /** performance.now() when response_url `id` was answered, and whether the answer had result blocks. */
  arrivals: Map<string, { at: number; blocks: number }>;
  webApiCalls: number;
  close(): Promise<void>;
}

function answer(method: string): Record<string, unknown> {
  switch (method) {
    case "auth.test":
      return {
        ok: true,
        team_id: "T0TEAM",
        user_id: "U0BOT",
        bot_id: "B0BOT",
        team: "Bench",
        user: "paperbot",
      };
    case "chat.postMessage":
    case "chat.postEphemeral":
      return { ok: true, channel: "C0CHAN", ts: "1700000000.000100", message_ts: "1700000000.000100" };
    case "conversations.info":
      return { ok: true, channel: { id: "C0CHAN", is_channel: true, is_member: true, name: "papers" } };
    case "users.info":
      return { ok: true, user: { id: "U0ALICE", is_admin: false, is_owner: false } };
    default:
      return { ok: true };
  }
}

const SECTION = Buffer.from('"type":"section"');
const RESPONSE_PREFIX = "/response/";

/**
 * How many result blocks (sections) a message's JSON holds, counted in its bytes without parsing it: an
 * answer at the fake's response_url, or one in a command's acknowledgement (e2e-http.ts).
 */
export function resultBlocks(body: Buffer | string): number {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  let count = 0;
  for (let at = bytes.indexOf(SECTION); at !== -1; at = bytes.indexOf(SECTION, at + SECTION.length)) count++;
  return count;
}

export async function startSlackFake(): Promise<SlackFake> {
  const arrivals = new Map<string, { at: number; blocks: number }>();
  let webApiCalls = 0;
  // The fake shares the machine's two cores with the app it measures, so it does as little as it can: an
  // answer is searched as bytes (never decoded or parsed), and its arrival is stamped before anything else.
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const at = performance.now();
      const url = req.url ?? "/";
      const query = url.indexOf("?");
      const path = query === -1 ? url : url.slice(0, query);
      res.setHeader("content-type", "application/json");
      if (path.startsWith(RESPONSE_PREFIX)) {
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        const blocks = resultBlocks(body);
        arrivals.set(decodeURIComponent(path.slice(RESPONSE_PREFIX.length)), { at, blocks });
        res.end('{"ok":true}');
        return;
      }
      webApiCalls++;
      res.end(JSON.stringify(answer(path.replace(/^\/api\//, ""))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${encodeURIComponent(id)}`,
    arrivals,
    get webApiCalls() {
      return webApiCalls;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
