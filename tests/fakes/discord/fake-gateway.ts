// The fake Discord gateway: HELLO → IDENTIFY → READY → GUILD_CREATE, heartbeat ACKs, and dispatches on demand.
import { EventEmitter } from "node:events";
import { type WebSocket, WebSocketServer } from "ws";
import { type FakeWorld, guildCreateJson, userJson } from "./world.js";

interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export class FakeGateway extends EventEmitter {
  /** JSON only: compression stays off because zlib-sync is not installed. */
  readonly server = new WebSocketServer({ noServer: true });
  readonly identifies: unknown[] = [];
  private readonly sockets = new Set<WebSocket>();
  private sequence = 0;

  constructor(
    private readonly world: FakeWorld,
    private readonly resumeUrl: () => string,
  ) {
    super();
    this.server.on("connection", (socket) => this.accept(socket));
  }

  /** Sends one DISPATCH (op 0) to every connected client; the same payload twice simulates a replay. */
  dispatch(t: string, d: unknown): void {
    this.sequence += 1;
    for (const socket of this.sockets) this.send(socket, { op: 0, t, s: this.sequence, d });
  }

  get connected(): number {
    return this.sockets.size;
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
    this.server.close();
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("message", (data) => this.receive(socket, JSON.parse(String(data)) as GatewayPayload));
    this.send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  private receive(socket: WebSocket, payload: GatewayPayload): void {
    if (payload.op === 1) {
      this.send(socket, { op: 11 });
      return;
    }
    if (payload.op === 2) {
      this.identifies.push(payload.d);
      this.sequence += 1;
      this.send(socket, {
        op: 0,
        t: "READY",
        s: this.sequence,
        d: {
          v: 10,
          user: userJson(this.world.bot, true),
          guilds: this.world.guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: "fake-session",
          resume_gateway_url: this.resumeUrl(),
          shard: [0, 1],
          application: { id: this.world.applicationId, flags: 0 },
        },
      });
      // discord.js waits (15 s) for a GUILD_CREATE for every guild READY listed before it says ready.
      for (const guild of this.world.guilds) {
        this.sequence += 1;
        this.send(socket, {
          op: 0,
          t: "GUILD_CREATE",
          s: this.sequence,
          d: guildCreateJson(this.world, guild),
        });
      }
      this.emit("identified");
    }
  }

  private send(socket: WebSocket, payload: GatewayPayload): void {
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }
}
