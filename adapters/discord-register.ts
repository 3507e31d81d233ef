// `npm run discord:register`: registers /papers (guild commands with DISCORD_GUILD_ID, else global) and prints the invite URL.
import { COMMAND_SPECS } from "../src/chat/command-specs.js";
import { loadConfig } from "../src/config.js";
import { isUserError } from "../src/errors.js";
import { type DiscordSecrets, discordPlatform } from "./discord/platform.js";
import { inviteUrl, registerCommands } from "./discord/register.js";

try {
  const { secrets } = loadConfig({ dotEnv: true, platforms: [discordPlatform] });
  const discord = secrets.platforms.discord as DiscordSecrets | undefined;
  if (!discord) {
    throw new Error(
      "DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set. Copy them from the Discord Developer Portal into .env (see config/.env.example).",
    );
  }
  const registered = await registerCommands({ ...discord, specs: COMMAND_SPECS });
  console.log(
    `Registered /papers (${registered.names.length} command${registered.names.length === 1 ? "" : "s"}) ${
      registered.scope === "guild"
        ? `in server ${discord.guildId} (shows at once)`
        : "globally (may take up to an hour to show)"
    }.`,
  );
  console.log(`Invite the bot with:\n${inviteUrl(discord.applicationId)}`);
} catch (error) {
  console.error(`paperbot: ${isUserError(error) ? error.describe() : (error as Error).message}`);
  process.exitCode = 1;
}
