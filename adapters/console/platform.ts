// The console as a platform: no secrets, never configured by the environment; paperbot runs it when no other platform is.
import type { PlatformDefinition } from "../../src/chat/platform.js";
import type { ConsolePort } from "./index.js";

export const consolePlatform: PlatformDefinition<Record<string, never>, ConsolePort> = {
  name: "console",
  readSecrets: () => undefined,
  async create(_secrets, host, log) {
    const { createConsoleAdapter } = await import("./index.js");
    return createConsoleAdapter({ ...host.terminal, logger: log });
  },
  secretPatterns: { fields: [], text: [] },
};
