// Discord as a platform: its variables, its port (discord.js loaded only when it starts), what its credentials look like.
import type { PlatformDefinition } from "../../src/chat/platform.js";
import { type Env, nonEmpty, requireVariables } from "../../src/env.js";

/** DISCORD_*: the bot's token and application, and optionally a development server and a fake API. */
export interface DiscordSecrets {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
}

function readDiscordSecrets(env: Env): DiscordSecrets | undefined {
  if (!nonEmpty(env.DISCORD_TOKEN) && !nonEmpty(env.DISCORD_APPLICATION_ID)) return undefined;
  requireVariables(env, "a Discord variable", ["DISCORD_TOKEN", "DISCORD_APPLICATION_ID"]);
  return {
    token: nonEmpty(env.DISCORD_TOKEN) as string,
    applicationId: nonEmpty(env.DISCORD_APPLICATION_ID) as string,
    guildId: nonEmpty(env.DISCORD_GUILD_ID),
    apiUrl: nonEmpty(env.DISCORD_API_URL),
  };
}

export const discordPlatform: PlatformDefinition<DiscordSecrets> = {
  name: "discord",
  readSecrets: readDiscordSecrets,
  async create(secrets, _host, log) {
    const { createDiscordAdapter } = await import("./index.js");
    const { token, applicationId, guildId, apiUrl } = secrets;
    return createDiscordAdapter({ token, applicationId, guildId, apiUrl, logger: log });
  },
  secretPatterns: {
    fields: ["token"],
    text: [
      { find: /(Bot)\s+[A-Za-z0-9._-]{20,}/g, replace: "$1 [redacted]" },
      {
        find: /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}/g,
        replace: "[redacted-discord-token]",
      },
    ],
  },
};
