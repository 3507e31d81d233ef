// The Slack adapter: Bolt receives (HTTP or Socket Mode), acks (a slash command with its quick private reply), hands BotEvents to the Bot, and posts Replies.
import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type AppOptions, type InstallationStore, webApi } from "@slack/bolt";
import type { PlatformLogger } from "../../src/chat/platform.js";
import type { Bot, BotEvent, ChatPort, MessageRef, Place, Reply, Respond } from "../../src/chat/port.js";
import { PostError } from "../../src/chat/port.js";
import { dispatch } from "../shared/dispatch.js";
import { createRecent } from "../shared/recent-events.js";
import { accessProblem, accessProblemFromError } from "./access.js";
import { guardRequestBodies } from "./body-guard.js";
import { quietLogger, toBoltLogger } from "./bolt-logger.js";
import { ACTION_ID_PATTERN } from "./ids.js";
import {
  type AppRemoval,
  actionToEvent,
  type ClickedElement,
  commandToEvent,
  reactionToEvent,
  removalOf,
} from "./inbound.js";
import { inlineAck } from "./inline-ack.js";
import { mentionToEvent } from "./mention.js";
import { createPeople } from "./people.js";
import { toPostError } from "./post-error.js";
import { renderReply } from "./render.js";
import { createSlackReplies } from "./reply.js";
import { createResponseUrlPoster } from "./response-url.js";

export { createFileInstallationStore } from "./installation-store.js";

/** The bot scopes the adapter uses; config/slack-manifest.yml lists the same. */
export const SLACK_BOT_SCOPES = [
  "commands",
  "chat:write",
  "reactions:read",
  "channels:read",
  "groups:read",
  "users:read",
  "app_mentions:read",
] as const;

export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state` parameter; any long random string. */
  stateSecret: string;
  /** Where bot tokens per workspace live; see `createFileInstallationStore`. */
  installationStore: InstallationStore;
  /** Defaults to SLACK_BOT_SCOPES. */
  scopes?: string[];
  /** The redirect URL registered with the app, when it has several. */
  redirectUri?: string;
}

export interface SlackAdapterOptions {
  /** `xoxb-…` for a single workspace. Leave out with `oauth` (multi-workspace). */
  botToken?: string;
  /** Verifies that HTTP requests come from Slack. Not used in Socket Mode. */
  signingSecret?: string;
  /** `xapp-…` (connections:write): when set, events arrive over Socket Mode instead of HTTP. */
  appToken?: string;
  /** HTTP port (default 3000; 0 picks a free one). In Socket Mode only for /healthz and OAuth, when given. */
  port?: number;
  /** HTTP interface to listen on (default: all). */
  host?: string;
  /** Web API base URL, e.g. `http://127.0.0.1:PORT/api/` for a fake (default Slack's). */
  apiUrl?: string;
  /** Retries of a failed Web API call (default 2); rate limits are never waited out, they become PostErrors. */
  retries?: number;
  /** Web API timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  logger?: PlatformLogger;
  /** Hold the HTTP response until the event is handled (FaaS); off by default, so Slack gets its ack as soon as it can. */
  processBeforeResponse?: boolean;
  /**
   * How long a slash command's acknowledgement waits to carry the command's private reply (default
   * INLINE_ACK_WAIT_MS, 1.5 s); after it the acknowledgement goes empty and the reply through response_url.
   */
  inlineAckWaitMs?: number;
  /** Multi-workspace install (`/slack/install`, `/slack/oauth_redirect`) instead of `botToken`. */
  oauth?: SlackOAuthOptions;
  /** The bot's @name in "invite me" sentences; defaults to what auth.test says. */
  botName?: string;
  /** How long a users.info admin lookup is trusted (default 10 minutes). */
  adminCacheMs?: number;
  now?: () => number;
}

export interface SlackAdapter extends ChatPort {
  readonly platform: "slack";
  /** Where the HTTP receiver listens once started (`http://host:port`); undefined in Socket Mode. */
  readonly url: string | undefined;
  /** Resolves once every event received so far has been handled (graceful shutdown, tests). */
  idle(): Promise<void>;
}

const STOP_DRAIN_MS = 10_000;

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const socketMode = Boolean(options.appToken);
  if (!options.botToken && !options.oauth) {
    throw new Error(
      "The Slack adapter needs a bot token (xoxb-…), or OAuth options for a multi-workspace install.",
    );
  }
  if (options.botToken && options.oauth) {
    throw new Error("Give the Slack adapter either a bot token or OAuth options, not both.");
  }
  if (!socketMode && !options.signingSecret) {
    throw new Error(
      "The Slack adapter needs the app's signing secret to verify HTTP requests (or an app token for Socket Mode).",
    );
  }

  const log = options.logger ?? quietLogger;
  // Slack retries within minutes; an id is remembered until 5,000 newer ones push it out.
  const recentEvents = createRecent<true>({ max: 5_000, ttlMs: Number.POSITIVE_INFINITY });
  const people = createPeople({
    log,
    now: options.now ?? Date.now,
    ttlMs: options.adminCacheMs ?? 10 * 60_000,
  });
  const pending = new Set<Promise<void>>();
  const responseUrl = createResponseUrlPoster(options.timeoutMs ?? 10_000);
  let app: App | undefined;
  let url: string | undefined;
  let botName = options.botName ?? "paperbot";
  const replies = createSlackReplies({ log, responseUrl, botName: () => botName });

  const clientOptions = (): NonNullable<AppOptions["clientOptions"]> => ({
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 500 },
    // The digest decides when to try again, so a 429 must surface instead of being waited out.
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
  });

  /** Runs one event through the bot (never throwing, so a failure never reaches Slack's connection), tracked for `idle`. */
  async function track(bot: Bot, event: BotEvent, respond: Respond): Promise<void> {
    const work = dispatch(bot, event, respond, log);
    pending.add(work);
    try {
      await work;
    } finally {
      pending.delete(work);
    }
  }

  async function idle(): Promise<void> {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  }

  async function tokenFor(workspaceId: string): Promise<string> {
    if (options.botToken) return options.botToken;
    const store = options.oauth?.installationStore;
    try {
      const installation = await store?.fetchInstallation({
        teamId: workspaceId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      if (installation?.bot?.token) return installation.bot.token;
    } catch (error) {
      log.warn({ err: error, workspaceId }, "No Slack installation found");
    }
    throw new PostError(
      "Paperbot is not installed in this Slack workspace. Ask an admin to install it again.",
      "forbidden",
    );
  }

  /**
   * paperbot was uninstalled from a workspace, or its bot token revoked: the token is deleted from the
   * installation store (Bolt never calls `deleteInstallation` itself) and the core turns the workspace's
   * digests off. Both steps are idempotent (Slack may send tokens_revoked after app_uninstalled, and
   * re-deliver either), and one failing does not stop the other.
   */
  async function onRemoved(bot: Bot, removal: AppRemoval): Promise<void> {
    const { teamId, enterpriseId, isEnterpriseInstall } = removal;
    const where = { event: removal.reason, workspaceId: teamId, enterpriseId, isEnterpriseInstall };
    let installationDeleted = false;
    const store = options.oauth?.installationStore;
    if (store?.deleteInstallation) {
      try {
        await store.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall });
        installationDeleted = true;
      } catch (error) {
        log.error({ ...where, err: error }, "Could not delete a removed Slack workspace's installation");
      }
    }
    let digestsTurnedOff = 0;
    if (teamId) {
      try {
        digestsTurnedOff = (await bot.workspaceRemoved("slack", teamId)).length;
      } catch (error) {
        log.error({ ...where, err: error }, "Could not turn off a removed Slack workspace's digests");
      }
    }
    if (teamId) people.forgetWorkspace(teamId);
    log.info(
      { ...where, installationDeleted, digestsTurnedOff },
      "paperbot was removed from a Slack workspace; its token and digests are dropped, its saves kept",
    );
  }

  function register(target: App, bot: Bot): void {
    // Any command routed to this app is /papers (a workspace may have renamed it, e.g. /papers-dev).
    target.command(/^\/.+/, async ({ ack, command, client }) => {
      const event = commandToEvent(command);
      if (event.type !== "command") return ack();
      // Acked with the first private reply when it comes soon enough, else empty (inline-ack.ts).
      const acked = inlineAck(ack, options.inlineAckWaitMs);
      try {
        await people.fill(client, event.actor);
        await track(bot, event, replies.interaction(client, event.place, command.response_url, false, acked));
      } finally {
        await acked.release();
      }
    });

    // Every click is acked, ours or not (a link button also sends one), so Slack never shows an error.
    target.action(/.*/, async ({ ack, body, action, client }) => {
      await ack();
      const clicked = action as ClickedElement;
      if (body.type !== "block_actions" || !ACTION_ID_PATTERN.test(clicked.action_id)) return;
      const event = actionToEvent(body, clicked);
      if (event?.type !== "action") {
        log.warn({ actionId: clicked.action_id }, "A button click without a channel was ignored");
        return;
      }
      await people.fill(client, event.actor);
      await track(bot, event, replies.interaction(client, event.place, body.response_url, true));
    });

    // Events are acked by Bolt before listeners run. One listener for both kinds: Bolt runs every listener's
    // middleware chain on every request, slash commands included.
    target.event(/^reaction_(?:added|removed)$/, async ({ event, body, context, client }) => {
      if (event.type !== "reaction_added" && event.type !== "reaction_removed") return;
      if (recentEvents.seen(body.event_id)) {
        log.info(
          { eventId: body.event_id, retryNum: context.retryNum },
          "A re-delivered Slack event was ignored",
        );
        return;
      }
      const teamId = body.team_id ?? context.teamId;
      if (!teamId) return;
      const botEvent = reactionToEvent(event, teamId, context.botUserId);
      if (botEvent?.type !== "reaction") return;
      await track(bot, botEvent, replies.reaction(client, botEvent));
    });

    // A mention in a paper's thread is a question about that paper; Bolt has acked the request already.
    target.event("app_mention", async ({ event, body, context, client }) => {
      if (recentEvents.seen(body.event_id)) return;
      const teamId = body.team_id ?? context.teamId;
      if (!teamId) return;
      const question = mentionToEvent(event, teamId, context.botUserId);
      if (question?.type !== "question") return;
      await track(bot, question, replies.thread(client, question));
    });

    // Bolt skips authorization for these two (the token is already dead) and fills teamId and enterpriseId
    // from the request; its signature was checked like any other request's.
    target.event(/^(?:app_uninstalled|tokens_revoked)$/, async ({ event, context }) => {
      const removal = removalOf(event, context);
      if (!removal) return;
      const work = onRemoved(bot, removal);
      pending.add(work);
      try {
        await work;
      } finally {
        pending.delete(work);
      }
    });

    target.error(async (error) => {
      log.error({ err: error }, "Bolt could not process a Slack request");
    });
  }

  return {
    platform: "slack",

    get url() {
      return url;
    },

    async start(bot: Bot) {
      if (app) throw new Error("The Slack adapter is already started.");
      const logger = toBoltLogger(log);
      let identity: { botUserId?: string; botId?: string } = {};
      if (options.botToken) {
        // One auth.test up front: a bad token fails here with a clear message instead of on the first event.
        const web = new webApi.WebClient(options.botToken, { ...clientOptions(), logger });
        try {
          const auth = await web.auth.test();
          identity = { botUserId: auth.user_id, botId: auth.bot_id };
          if (!options.botName && auth.user) botName = auth.user;
        } catch (error) {
          throw new Error(`Slack did not accept the bot token: ${toPostError(error, botName).message}`);
        }
      }

      const healthz = {
        path: "/healthz",
        method: ["GET"],
        handler: (_req: unknown, res: ServerResponse) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"ok":true}');
        },
      };
      const oauth = options.oauth;
      const created = new App({
        logger,
        clientOptions: clientOptions(),
        // No listener keeps conversation state, and Bolt's in-memory store builds an Error on every miss.
        convoStore: false,
        processBeforeResponse: options.processBeforeResponse ?? false,
        ...(options.botToken ? { token: options.botToken, ...identity } : {}),
        ...(socketMode
          ? {
              socketMode: true,
              appToken: options.appToken,
              ...(options.port !== undefined ? { port: options.port, customRoutes: [healthz] } : {}),
            }
          : { signingSecret: options.signingSecret, customRoutes: [healthz] }),
        ...(oauth
          ? {
              clientId: oauth.clientId,
              clientSecret: oauth.clientSecret,
              stateSecret: oauth.stateSecret,
              installationStore: oauth.installationStore,
              scopes: oauth.scopes ?? [...SLACK_BOT_SCOPES],
              ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
              installerOptions: { directInstall: true },
            }
          : {}),
      });
      register(created, bot);

      if (socketMode) {
        await created.start();
        url = undefined;
      } else {
        const server = (await created.start({
          port: options.port ?? 3000,
          ...(options.host ? { host: options.host } : {}),
        })) as Server;
        guardRequestBodies(server);
        const address = server.address() as AddressInfo;
        const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
        url = `http://${host}:${address.port}`;
      }
      app = created;
      log.info({ mode: socketMode ? "socket" : "http", url }, "Slack adapter started");
    },

    async stop() {
      const current = app;
      if (!current) return;
      app = undefined;
      url = undefined;
      await current.stop();
      await Promise.race([idle(), new Promise((resolve) => setTimeout(resolve, STOP_DRAIN_MS).unref())]);
      responseUrl.close();
    },

    idle,

    async post(place: Place, reply: Reply): Promise<MessageRef> {
      if (!app) throw new PostError("The Slack adapter is not started.", "transient");
      const token = await tokenFor(place.workspaceId);
      return replies.postMessage(app.client, token, place, renderReply(reply));
    },

    async checkAccess(place: Place): Promise<string | undefined> {
      if (!app) throw new PostError("The Slack adapter is not started.", "transient");
      const token = await tokenFor(place.workspaceId);
      try {
        const result = await app.client.conversations.info({ token, channel: place.channelId });
        return accessProblem(result.channel, botName);
      } catch (error) {
        return accessProblemFromError(error, botName);
      }
    },
  };
}
