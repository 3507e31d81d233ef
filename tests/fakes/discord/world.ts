// The fake Discord's state: the bot user, its servers and channels, and the JSON Discord would send for them.
import { PermissionFlagsBits, SnowflakeUtil } from "discord.js";

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 text (default), 2 voice, … */
  type?: number;
  /** Channel overwrites by role or member id, as Discord stores them. */
  overwrites?: { id: string; type: 0 | 1; allow?: bigint; deny?: bigint }[];
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** The @everyone role's permissions; the bot has no other role unless `botPermissions` is set. */
  everyonePermissions?: bigint;
  botPermissions?: bigint;
}

export interface FakeWorld {
  applicationId: string;
  bot: { id: string; username: string };
  guilds: FakeGuild[];
}

export const ALL_CHANNEL_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory;

export function snowflake(): string {
  return SnowflakeUtil.generate().toString();
}

export function userJson(user: { id: string; username: string }, bot = false) {
  return {
    id: user.id,
    username: user.username,
    discriminator: "0",
    global_name: user.username,
    avatar: null,
    bot,
  };
}

function botRoleId(guild: FakeGuild): string {
  return `${guild.id}9`;
}

export function channelJson(guild: FakeGuild, channel: FakeChannel, position = 0) {
  return {
    id: channel.id,
    type: channel.type ?? 0,
    guild_id: guild.id,
    name: channel.name,
    position,
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: (channel.overwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type,
      allow: String(o.allow ?? 0n),
      deny: String(o.deny ?? 0n),
    })),
  };
}

export function guildCreateJson(world: FakeWorld, guild: FakeGuild) {
  const joinedAt = new Date().toISOString();
  const roles = [
    role(guild.id, "@everyone", guild.everyonePermissions ?? ALL_CHANNEL_PERMISSIONS, 0),
    ...(guild.botPermissions !== undefined
      ? [role(botRoleId(guild), "paperbot", guild.botPermissions, 1)]
      : []),
  ];
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: "1",
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: "en-US",
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [
      {
        user: userJson(world.bot, true),
        roles: guild.botPermissions !== undefined ? [botRoleId(guild)] : [],
        joined_at: joinedAt,
        deaf: false,
        mute: false,
        flags: 0,
        nick: null,
        avatar: null,
        pending: false,
      },
    ],
    channels: guild.channels.map((c, i) => channelJson(guild, c, i)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function role(id: string, name: string, permissions: bigint, position: number) {
  return {
    id,
    name,
    permissions: String(permissions),
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
  };
}

export function messageJson(
  world: FakeWorld,
  fields: {
    id: string;
    channelId: string;
    guildId?: string;
    body?: Record<string, unknown>;
    flags?: number;
    webhook?: boolean;
  },
) {
  const body = fields.body ?? {};
  return {
    id: fields.id,
    channel_id: fields.channelId,
    ...(fields.guildId ? { guild_id: fields.guildId } : {}),
    author: userJson(world.bot, true),
    content: typeof body.content === "string" ? body.content : "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type: 0,
    flags: fields.flags ?? (typeof body.flags === "number" ? body.flags : 0),
    ...(fields.webhook ? { webhook_id: world.applicationId, application_id: world.applicationId } : {}),
  };
}
