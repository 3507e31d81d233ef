// Slack as a platform: its variables, its port (Bolt loaded only when it starts), what its credentials look like.
import { join } from "node:path";
import type { PlatformDefinition } from "../../src/chat/platform.js";
import { type Env, nonEmpty, requireVariables } from "../../src/env.js";
import { UserError } from "../../src/errors.js";
import type { SlackAdapter } from "./index.js";

/** SLACK_*: one workspace (a bot token) or many (OAuth), over HTTP (a signing secret) or Socket Mode (an app token). */
export interface SlackSecrets {
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  host?: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string; redirectUri?: string };
}

/** Any of these set means Slack is meant to run. */
const TRIGGERS = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_CLIENT_ID",
  "SLACK_CLIENT_SECRET",
];

function readSlackSecrets(env: Env): SlackSecrets | undefined {
  if (!TRIGGERS.some((name) => nonEmpty(env[name]))) return undefined;
  const appToken = nonEmpty(env.SLACK_APP_TOKEN);
  const oauth = Boolean(nonEmpty(env.SLACK_CLIENT_ID) || nonEmpty(env.SLACK_CLIENT_SECRET));
  // Socket Mode receives events over a socket Slack opened for us, so nothing needs signing.
  const needed = [
    ...(oauth ? ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] : ["SLACK_BOT_TOKEN"]),
    ...(appToken ? [] : ["SLACK_SIGNING_SECRET"]),
  ];
  requireVariables(env, "a Slack variable", needed);
  const botToken = nonEmpty(env.SLACK_BOT_TOKEN);
  if (botToken && !botToken.startsWith("xoxb-")) {
    throw new UserError(
      "config-invalid",
      "SLACK_BOT_TOKEN does not look like a bot token (it should start with xoxb-).",
      "Copy the Bot User OAuth Token from your Slack app's OAuth & Permissions page.",
    );
  }
  if (appToken && !appToken.startsWith("xapp-")) {
    throw new UserError(
      "config-invalid",
      "SLACK_APP_TOKEN does not look like an app-level token (it should start with xapp-).",
      "Create one under Basic Information → App-Level Tokens with the connections:write scope.",
    );
  }
  return {
    botToken: oauth ? undefined : botToken,
    signingSecret: nonEmpty(env.SLACK_SIGNING_SECRET),
    appToken,
    apiUrl: nonEmpty(env.SLACK_API_URL),
    host: nonEmpty(env.HOST),
    oauth: oauth
      ? {
          clientId: nonEmpty(env.SLACK_CLIENT_ID) as string,
          clientSecret: nonEmpty(env.SLACK_CLIENT_SECRET) as string,
          stateSecret: nonEmpty(env.SLACK_STATE_SECRET) as string,
          redirectUri: nonEmpty(env.SLACK_REDIRECT_URI),
        }
      : undefined,
  };
}

export const slackPlatform: PlatformDefinition<SlackSecrets, SlackAdapter> = {
  name: "slack",
  readSecrets: readSlackSecrets,
  async create(secrets, host, log) {
    const { createSlackAdapter, createFileInstallationStore } = await import("./index.js");
    const { botToken, signingSecret, appToken, apiUrl, oauth } = secrets;
    return createSlackAdapter({
      botToken,
      signingSecret,
      appToken,
      apiUrl,
      host: secrets.host,
      port: host.port,
      logger: log,
      oauth: oauth && {
        ...oauth,
        installationStore: createFileInstallationStore(join(host.dataDir, "slack-installations.json")),
      },
    });
  },
  secretPatterns: {
    fields: ["botToken", "appToken", "signingSecret", "clientSecret"],
    text: [
      { find: /xox[abposr]-[A-Za-z0-9-]+/g, replace: "xox?-[redacted]" },
      { find: /xapp-[A-Za-z0-9-]+/g, replace: "xapp-[redacted]" },
    ],
  },
};
