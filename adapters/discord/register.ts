// Registers `/papers` with Discord (guild commands while developing, global ones on deploy) and builds the invite link.
import { OAuth2Scopes, REST, Routes } from "discord.js";
import type { CommandSpec } from "../../src/chat/port.js";
import { INVITE_PERMISSIONS } from "./access.js";
import { commandData } from "./commands.js";

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** A server to register in: updates show at once there. Without it the commands are global (may take up to an hour). */
  guildId?: string;
  /** Discord's API base, e.g. `http://127.0.0.1:PORT/api` for a local fake. */
  apiUrl?: string;
  /** The commands to register: the bot's (`Bot.commands`), or the command table for the registration script. */
  specs: readonly CommandSpec[];
}

export interface Registered {
  scope: "guild" | "global";
  names: string[];
}

/** Overwrites the application's commands in bulk, so a removed subcommand disappears too. */
export async function registerCommands(options: RegisterOptions): Promise<Registered> {
  const rest = createRest(options);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const result = (await rest.put(route, { body: [commandData(options.specs)] })) as {
    name: string;
  }[];
  return { scope: options.guildId ? "guild" : "global", names: result.map((c) => c.name) };
}

export function createRest(options: { token: string; apiUrl?: string }): REST {
  return new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
}

/** The link a server admin opens to add paperbot, asking for exactly the permissions it uses. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "),
    permissions: INVITE_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params}`;
}
