// Gateway dispatch payloads (INTERACTION_CREATE, MESSAGE_REACTION_ADD/REMOVE) shaped as Discord sends them.
import { ApplicationCommandOptionType, ComponentType, InteractionType } from "discord.js";
import { ALL_CHANNEL_PERMISSIONS, type FakeWorld, snowflake, userJson } from "./world.js";

export interface Person {
  id: string;
  username?: string;
  /** The member's permissions in the channel; default: the usual channel permissions, no Manage Server. */
  permissions?: bigint;
}

export interface InteractionPayload {
  id: string;
  token: string;
  type: number;
  guild_id: string;
  channel_id: string;
  message?: { id: string; flags: number } & Record<string, unknown>;
  [key: string]: unknown;
}

interface Base {
  guildId: string;
  channelId: string;
  user: Person;
  /** Reuse an id to dispatch the same interaction twice. */
  id?: string;
}

function base(world: FakeWorld, input: Base, type: InteractionType) {
  const id = input.id ?? snowflake();
  const user = userJson({ id: input.user.id, username: input.user.username ?? `user${input.user.id}` });
  return {
    id,
    token: `token-${id}`,
    type,
    application_id: world.applicationId,
    version: 1,
    guild_id: input.guildId,
    channel_id: input.channelId,
    channel: { id: input.channelId, type: 0, guild_id: input.guildId, name: "papers" },
    member: {
      user,
      roles: [],
      permissions: String(input.user.permissions ?? ALL_CHANNEL_PERMISSIONS),
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
    },
    app_permissions: String(ALL_CHANNEL_PERMISSIONS),
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": input.guildId },
    context: 0,
  };
}

export interface CommandInput extends Base {
  subcommand: string;
  options?: {
    name: string;
    value: string | number;
    type?: ApplicationCommandOptionType;
    focused?: boolean;
  }[];
}

/** `/papers <subcommand> <options>`; with `autocomplete`, the same shape as an autocomplete request. */
export function commandPayload(
  world: FakeWorld,
  input: CommandInput,
  autocomplete = false,
): InteractionPayload {
  return {
    ...base(
      world,
      input,
      autocomplete ? InteractionType.ApplicationCommandAutocomplete : InteractionType.ApplicationCommand,
    ),
    data: {
      id: "100",
      name: "papers",
      type: 1,
      options: [
        {
          name: input.subcommand,
          type: ApplicationCommandOptionType.Subcommand,
          options: (input.options ?? []).map((o) => ({
            name: o.name,
            type: o.type ?? ApplicationCommandOptionType.String,
            value: o.value,
            ...(o.focused ? { focused: true } : {}),
          })),
        },
      ],
    },
  };
}

export interface ButtonInput extends Base {
  customId: string;
  message: { id: string; flags?: number };
}

export function buttonPayload(world: FakeWorld, input: ButtonInput): InteractionPayload {
  return {
    ...base(world, input, InteractionType.MessageComponent),
    data: { custom_id: input.customId, component_type: ComponentType.Button },
    message: {
      id: input.message.id,
      channel_id: input.channelId,
      author: userJson(world.bot, true),
      content: "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 20,
      flags: input.message.flags ?? 0,
      webhook_id: world.applicationId,
      application_id: world.applicationId,
    },
  };
}

export interface ReactionPayloadInput {
  guildId: string;
  channelId: string;
  messageId: string;
  user: Person & { bot?: boolean };
  /** Unicode for a standard emoji; `{ id, name }` for a custom one. */
  emoji: string | { id: string; name: string };
}

export function reactionPayload(input: ReactionPayloadInput, added: boolean) {
  const emoji = typeof input.emoji === "string" ? { id: null, name: input.emoji } : input.emoji;
  const user = userJson(
    { id: input.user.id, username: input.user.username ?? `user${input.user.id}` },
    input.user.bot,
  );
  return {
    user_id: input.user.id,
    channel_id: input.channelId,
    message_id: input.messageId,
    guild_id: input.guildId,
    emoji,
    burst: false,
    type: 0,
    ...(added
      ? {
          member: {
            user,
            roles: [],
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
          },
          message_author_id: "0",
          burst_colors: [],
        }
      : {}),
  };
}

export interface MessagePayloadInput {
  id?: string;
  guildId: string;
  channelId: string;
  author: Person & { bot?: boolean };
  content: string;
  /** The message this one replies to (a reply, type 19). */
  replyTo?: string;
}

/** A MESSAGE_CREATE from a person, optionally a reply, shaped as Discord sends it. */
export function messagePayload(input: MessagePayloadInput) {
  const author = userJson(
    { id: input.author.id, username: input.author.username ?? `user${input.author.id}` },
    input.author.bot,
  );
  return {
    id: input.id ?? snowflake(),
    channel_id: input.channelId,
    guild_id: input.guildId,
    author,
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content: input.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    type: input.replyTo ? 19 : 0,
    ...(input.replyTo
      ? {
          message_reference: {
            type: 0,
            message_id: input.replyTo,
            channel_id: input.channelId,
            guild_id: input.guildId,
          },
        }
      : {}),
  };
}
