// A local fake of Discord (REST + gateway on one 127.0.0.1 port) that a real discord.js Client connects to.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway } from "./fake-gateway.js";
import { FakeRest } from "./fake-rest.js";
import { type InteractionPayload, type ReactionPayloadInput, reactionPayload } from "./payloads.js";
import type { FakeWorld } from "./world.js";

export interface FakeDiscord {
  /** Pass as discord.js `rest.api`. */
  apiUrl: string;
  rest: FakeRest;
  gateway: FakeGateway;
  world: FakeWorld;
  /** Dispatches INTERACTION_CREATE and remembers its token for the webhook routes. */
  interact(payload: InteractionPayload): void;
  react(input: ReactionPayloadInput & { added: boolean }): void;
  close(): Promise<void>;
}

export async function startFakeDiscord(world: FakeWorld): Promise<FakeDiscord> {
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const rest = new FakeRest(world, gatewayUrl);
  const gateway = new FakeGateway(world, gatewayUrl);
  const server: Server = createServer((req, res) => {
    rest.handle(req, res).catch((error) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 0, message: String(error) }));
    });
  });
  server.on("upgrade", (req, socket, head) => {
    gateway.server.handleUpgrade(req, socket, head, (ws) => gateway.server.emit("connection", ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    rest,
    gateway,
    world,
    interact(payload) {
      rest.interactions.set(payload.token, {
        id: payload.id,
        token: payload.token,
        guildId: payload.guild_id,
        channelId: payload.channel_id,
        ...(payload.message ? { message: { id: payload.message.id, flags: payload.message.flags } } : {}),
      });
      gateway.dispatch("INTERACTION_CREATE", payload);
    },
    react({ added, ...input }) {
      gateway.dispatch(
        added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE",
        reactionPayload(input, added),
      );
    },
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
