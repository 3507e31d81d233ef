// A local fake of Slack's Socket Mode WebSocket: says hello, pushes envelopes, and collects the app's acks.
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface FakeSlackSocket {
  /** The ws:// URL to hand out from apps.connections.open. */
  readonly url: string;
  /** Every message the app sent back (acks are `{ envelope_id, payload }`). */
  readonly received: Record<string, unknown>[];
  /** Resolves once an app has connected and been greeted. */
  connected(): Promise<void>;
  /** Sends an envelope to the connected app. */
  push(envelope: Record<string, unknown>): void;
  /** Resolves with the ack for `envelopeId`. */
  ack(envelopeId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const received: Record<string, unknown>[] = [];
  let socket: WebSocket | undefined;
  let greeted: () => void = () => {};
  const greeting = new Promise<void>((resolve) => {
    greeted = resolve;
  });

  server.on("connection", (ws) => {
    socket = ws;
    ws.on("message", (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0APP" } }));
    greeted();
  });

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    received,
    connected: () => greeting,
    push(envelope) {
      if (!socket) throw new Error("No app is connected to the fake Socket Mode server");
      socket.send(JSON.stringify(envelope));
    },
    async ack(envelopeId, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((message) => message.envelope_id === envelopeId);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No ack for envelope ${envelopeId}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        // A polite close frame: terminating the TCP socket would make the app log a WebSocket error.
        for (const client of server.clients) client.close(1001, "fake server shutting down");
        server.close(() => resolve());
      }),
  };
}
