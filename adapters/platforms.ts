// Every chat platform paperbot knows: adding one is its folder under adapters/ and one line here.
import type { PlatformDefinition } from "../src/chat/platform.js";
import { consolePlatform } from "./console/platform.js";
import { discordPlatform } from "./discord/platform.js";
import { slackPlatform } from "./slack/platform.js";

// biome-ignore lint/suspicious/noExplicitAny: each platform's secrets are its own; only it reads them.
export const PLATFORMS: readonly PlatformDefinition<any>[] = [
  slackPlatform,
  discordPlatform,
  consolePlatform,
];

/** The platform that runs when the environment configures none of the others: the chat in the terminal. */
export const TERMINAL_PLATFORM = consolePlatform;

/** Every platform's credential shapes, for the log's redaction. */
export const PLATFORM_SECRET_PATTERNS = PLATFORMS.map((platform) => platform.secretPatterns);
