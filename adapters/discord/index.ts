// The Discord adapter: a discord.js Client wired to the core through the pure translators beside it.
import { once } from "node:events";
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  type MessageReaction,
  type PartialMessageReaction,
  Partials,
  type PartialUser,
  PermissionFlagsBits,
  type RESTOptions,
  type User,
} from "discord.js";
import type { PlatformLogger } from "../../src/chat/platform.js";
import { type Bot, type ChatPort, PostError, type Reply } from "../../src/chat/port.js";
import { dispatch } from "../shared/dispatch.js";
import { createRecent } from "../shared/recent-events.js";
import { SILENT_LOG } from "../shared/silent-log.js";
import {
  CHANNEL_NOT_FOUND,
  CHANNEL_PERMISSIONS,
  missingPermissionsSentence,
  THREAD_PERMISSIONS,
} from "./access.js";
import { actionToEvent, commandToEvent, completionRequest, reactionToEvent } from "./inbound.js";
import { messageToEvent } from "./mention.js";
import { registerCommands } from "./register.js";
import { renderChoices, renderReply } from "./render.js";
import {
  buttonResponder,
  commandResponder,
  postToChannel,
  questionResponder,
  reactionResponder,
} from "./reply.js";

export interface DiscordAdapterOptions {
  /** The bot token (Developer Portal → Bot → Reset Token). */
  token: string;
  /** The application id (Developer Portal → General Information). */
  applicationId: string;
  /** A development server: `start()` registers `/papers` there, where changes show at once. */
  guildId?: string;
  /** Discord's API base; a local fake in tests (`http://127.0.0.1:PORT/api`). */
  apiUrl?: string;
  logger?: PlatformLogger;
  /**
   * discord.js waits out a rate limit and retries; past this wait a post fails with a `rate-limited`
   * PostError instead, so the digest can reschedule rather than hold a channel's turn. Default 30 s.
   */
  maxRateLimitWaitMs?: number;
}

/** Autocomplete must be answered within 3 s; an empty list beats "Loading options failed". */
const AUTOCOMPLETE_BUDGET_MS = 2500;

const SERVER_ONLY: Reply = {
  text: "paperbot works in server channels: use /papers in a channel of a server it was added to.",
  visibility: "private",
};

export function createDiscordAdapter(options: DiscordAdapterOptions): ChatPort {
  const log = options.logger ?? SILENT_LOG;
  const seenInteractions = createRecent<true>();
  const reactionState = createRecent<boolean>();
  let client: Client | undefined;

  function requireClient(): Client<true> {
    if (!client?.isReady())
      throw new PostError("The Discord adapter is not connected yet: call start() first.", "transient");
    return client;
  }

  async function onCommand(bot: Bot, interaction: ChatInputCommandInteraction): Promise<void> {
    const event = commandToEvent(interaction, bot.commands);
    if (!event) {
      await interaction.reply(renderReply(SERVER_ONLY));
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { respond, answered } = commandResponder(interaction, event.place.workspaceId, log);
    await dispatch(bot, event, respond, log, answered);
    if (!answered()) await interaction.deleteReply().catch(() => undefined);
  }

  async function onButton(bot: Bot, interaction: ButtonInteraction): Promise<void> {
    const event = actionToEvent(interaction);
    if (!event) return; // another app's button: not ours to answer
    await interaction.deferUpdate();
    const { respond, answered } = buttonResponder(interaction, event.place.workspaceId, event.action);
    await dispatch(bot, event, respond, log, answered);
  }

  async function onAutocomplete(bot: Bot, interaction: AutocompleteInteraction): Promise<void> {
    const request = completionRequest(interaction, bot.commands);
    const timeout = new Promise<[]>((resolve) =>
      setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS).unref(),
    );
    const completions = request
      ? await Promise.race([
          bot.complete(request.kind, request.prefix, request.actor, request.place),
          timeout,
        ]).catch((err) => {
          log.warn({ err }, "discord: completion failed");
          return [];
        })
      : [];
    await interaction.respond(renderChoices(completions));
  }

  async function onInteraction(bot: Bot, interaction: Interaction): Promise<void> {
    // Discord may deliver one interaction twice (a gateway resume replays it); it can be answered once.
    if (seenInteractions.get(interaction.id)) {
      log.debug({ interaction: interaction.id }, "discord: duplicate interaction ignored");
      return;
    }
    seenInteractions.set(interaction.id, true);
    if (interaction.isChatInputCommand()) await onCommand(bot, interaction);
    else if (interaction.isAutocomplete()) await onAutocomplete(bot, interaction);
    else if (interaction.isButton()) await onButton(bot, interaction);
  }

  async function onReaction(
    bot: Bot,
    reaction: MessageReaction | PartialMessageReaction,
    user: User | PartialUser,
    added: boolean,
  ): Promise<void> {
    if (user.id === client?.user?.id || user.bot) return;
    const message = reaction.message;
    let isAdmin: boolean | undefined;
    try {
      isAdmin = message.guild?.members.cache.get(user.id)?.permissions.has(PermissionFlagsBits.ManageGuild);
    } catch {
      isAdmin = undefined; // roles not cached: the core treats unknown as not an admin
    }
    const event = reactionToEvent({
      added,
      guildId: message.guildId,
      channelId: message.channelId,
      messageId: message.id,
      userId: user.id,
      emojiName: reaction.emoji.name,
      ...(isAdmin !== undefined ? { isAdmin } : {}),
    });
    if (!event) return;
    // The same add (or remove) twice in a row is a replayed dispatch; add, remove, add is three real events.
    const key = `${message.id}:${user.id}:${event.emoji}`;
    if (reactionState.get(key) === added) {
      log.debug({ key, added }, "discord: duplicate reaction ignored");
      return;
    }
    reactionState.set(key, added);
    await dispatch(bot, event, reactionResponder(event, port.post, log), log);
  }

  /**
   * A reply to the bot's paper message (or a mention of the bot) is a question: the typing indicator
   * acknowledges it at once, and the answer replies to it, pinging no one. A private answer has no
   * ephemeral form here, so it is sent as a silent reply.
   */
  async function onMessage(bot: Bot, message: Message): Promise<void> {
    const me = client?.user;
    if (!me || message.system) return;
    const channel = message.channel;
    const event = messageToEvent(
      {
        guildId: message.guildId,
        channelId: message.channelId,
        authorId: message.author.id,
        authorIsBot: message.author.bot,
        content: message.content,
        ...(message.reference?.messageId
          ? {
              reference: {
                channelId: message.reference.channelId ?? message.channelId,
                messageId: message.reference.messageId,
              },
            }
          : {}),
        ...(channel.isThread() && channel.parentId
          ? { thread: { id: channel.id, parentId: channel.parentId } }
          : {}),
      },
      me.id,
    );
    if (!event) return;
    if (channel.isSendable())
      await channel.sendTyping().catch((err) => log.debug({ err }, "discord: typing not shown"));
    const { respond, answered } = questionResponder(message, event.place.workspaceId);
    await dispatch(bot, event, respond, log, answered);
  }

  const port: ChatPort = {
    platform: "discord",

    async start(bot) {
      if (client) throw new Error("The Discord adapter is already started.");
      const rest: Partial<RESTOptions> = {
        rejectOnRateLimit: (limit) => limit.retryAfter > (options.maxRateLimitWaitMs ?? 30_000),
      };
      if (options.apiUrl) rest.api = options.apiUrl;
      const created = new Client({
        // Guild messages (not privileged) for questions in replies: Discord sends the text of those that mention the bot.
        intents: [
          GatewayIntentBits.Guilds,
          GatewayIntentBits.GuildMessageReactions,
          GatewayIntentBits.GuildMessages,
        ],
        // Without these, reactions on messages posted before a restart (not cached) are dropped silently.
        partials: [Partials.Message, Partials.Reaction, Partials.Channel, Partials.User],
        allowedMentions: { parse: [], repliedUser: false },
        rest,
      });
      client = created;
      const run = (what: string, work: () => Promise<void>) =>
        void work().catch((err) => log.error({ err }, `discord: ${what} failed`));
      created.on(Events.InteractionCreate, (i) => run("interaction", () => onInteraction(bot, i)));
      created.on(Events.MessageCreate, (m) => run("message", () => onMessage(bot, m)));
      created.on(Events.MessageReactionAdd, (r, u) => run("reaction", () => onReaction(bot, r, u, true)));
      created.on(Events.MessageReactionRemove, (r, u) => run("reaction", () => onReaction(bot, r, u, false)));
      created.on(Events.Error, (err) => log.error({ err }, "discord: client error"));
      created.on(Events.Warn, (message) => log.warn({ message }, "discord: client warning"));

      const ready = once(created, Events.ClientReady);
      try {
        await created.login(options.token);
        await ready;
      } catch (error) {
        client = undefined;
        await created.destroy();
        throw error;
      }
      log.info({ user: created.user?.tag, guilds: created.guilds.cache.size }, "discord: connected");
      if (options.guildId) {
        const registered = await registerCommands({
          token: options.token,
          applicationId: options.applicationId,
          guildId: options.guildId,
          ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
          specs: bot.commands,
        });
        log.info(registered, "discord: commands registered in the development server");
      }
    },

    async stop() {
      const current = client;
      client = undefined;
      await current?.destroy();
    },

    async post(place, reply) {
      return postToChannel(requireClient(), place, reply);
    },

    async checkAccess(place) {
      const ready = requireClient();
      const channel = await ready.channels.fetch(place.threadId ?? place.channelId).catch(() => null);
      if (!channel || channel.isDMBased() || channel.guildId !== place.workspaceId) return CHANNEL_NOT_FOUND;
      const name = "name" in channel && channel.name ? `#${channel.name}` : "that channel";
      if (!channel.isTextBased()) return `${name} is not a text channel: pick a text channel for paperbot.`;
      const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => null));
      const permissions = me ? channel.permissionsFor(me) : null;
      if (!permissions) return `paperbot is not a member of this server any more: invite it again.`;
      const needed = place.threadId ? THREAD_PERMISSIONS : CHANNEL_PERMISSIONS;
      return missingPermissionsSentence(name, permissions.missing([...needed]));
    },
  };
  return port;
}
