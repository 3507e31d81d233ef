// Where things happen on a chat platform, and the store's keys for them: the bottom every layer may name.

/** A platform's name ("slack", "discord", "console", …), as its adapters/<name>/platform.ts gives it. */
export type Platform = string;

/** Where something is said: a channel of a workspace (Slack team, Discord guild). */
export interface Place {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  threadId?: string;
  /** The workspace's language where the platform tells it (Discord's `guild_locale`), a BCP 47 tag. */
  locale?: string;
}

/** A message the bot posted, as the platform identifies it (Slack `ts`, Discord message id). */
export interface MessageRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  messageId: string;
}

/** A workspace key that cannot collide across platforms: `slack:T123`. */
export type WorkspaceKey = string;
/** A channel key: `slack:T123:C456`. */
export type ChannelKey = string;

export function workspaceKey(platform: Platform, workspaceId: string): WorkspaceKey {
  return `${platform}:${workspaceId}`;
}

export function channelKey(platform: Platform, workspaceId: string, channelId: string): ChannelKey {
  return `${platform}:${workspaceId}:${channelId}`;
}

/** A posted message's key, unique across platforms, workspaces and channels. */
export function postKey(ref: MessageRef): string {
  return `${channelKey(ref.platform, ref.workspaceId, ref.channelId)}:${ref.messageId}`;
}
