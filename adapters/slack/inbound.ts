// Turns Slack payloads (slash command, button click, reaction, uninstall) into what the core takes; pure, no I/O.
import { type Actor, type BotEvent, emojiName, type MessageRef, type Place } from "../../src/chat/port.js";
import { decodeActionId } from "./ids.js";

/** The fields of a slash command payload we read (Bolt's `SlashCommand` has them all). */
export interface SlashCommandPayload {
  team_id: string;
  channel_id: string;
  user_id: string;
  text: string;
}

/** The fields of a `block_actions` payload we read (Bolt's `BlockAction`). */
export interface BlockActionsPayload {
  team: { id: string } | null;
  user: { id: string; team_id?: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
  message?: { ts: string; thread_ts?: string };
}

/** The clicked element of a `block_actions` payload. */
export interface ClickedElement {
  type: string;
  action_id: string;
  value?: string;
}

/** The fields of a `reaction_added` / `reaction_removed` event we read. */
export interface ReactionEventPayload {
  type: "reaction_added" | "reaction_removed";
  user: string;
  reaction: string;
  item: { type: string; channel?: string; ts?: string };
}

/** `/papers search local sgd` → a command event whose text is `search local sgd`. */
export function commandToEvent(payload: SlashCommandPayload): BotEvent {
  return {
    type: "command",
    text: payload.text.trim(),
    actor: actor(payload.team_id, payload.user_id),
    place: { platform: "slack", workspaceId: payload.team_id, channelId: payload.channel_id },
  };
}

/** A click on one of our buttons → an action event; anything else (not ours, no channel) → undefined. */
export function actionToEvent(body: BlockActionsPayload, element: ClickedElement): BotEvent | undefined {
  const action = decodeActionId(element.action_id);
  const workspaceId = body.team?.id ?? body.user.team_id;
  const channelId = body.channel?.id ?? body.container?.channel_id;
  if (!action || !workspaceId || !channelId) return undefined;

  const place: Place = { platform: "slack", workspaceId, channelId };
  const ts = body.message?.ts ?? body.container?.message_ts;
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts;
  // Inside a thread, answers belong in that thread; a thread's parent message answers in the channel.
  if (threadTs && threadTs !== ts) place.threadId = threadTs;

  const event: BotEvent = {
    type: "action",
    action,
    value: element.value ?? "",
    actor: actor(workspaceId, body.user.id),
    place,
  };
  // An ephemeral message has a ts, but it is nobody else's message and cannot be reacted to or looked up.
  if (ts && !body.container?.is_ephemeral) event.message = messageRef(workspaceId, channelId, ts);
  return event;
}

/**
 * A reaction on a message → a reaction event. Reactions on files, by the bot itself, or without a
 * channel and ts give undefined.
 */
export function reactionToEvent(
  event: ReactionEventPayload,
  teamId: string,
  botUserId?: string,
): BotEvent | undefined {
  if (event.item.type !== "message" || !event.item.channel || !event.item.ts) return undefined;
  if (botUserId && event.user === botUserId) return undefined;
  return {
    type: "reaction",
    emoji: emojiName(event.reaction),
    added: event.type === "reaction_added",
    target: messageRef(teamId, event.item.channel, event.item.ts),
    actor: actor(teamId, event.user),
  };
}

/** The fields of an `app_uninstalled` / `tokens_revoked` event we read. */
export interface RemovalEventPayload {
  type: string;
  /** tokens_revoked only: the user ids whose tokens were revoked, user (`oauth`) and bot tokens apart. */
  tokens?: { oauth?: string[]; bot?: string[] };
}

/** Which installation an uninstall event is about: Bolt's context for events it does not authorize. */
export interface InstallationIds {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/** paperbot lost its bot token in a workspace (or an org-wide install in an enterprise). */
export interface AppRemoval {
  reason: "app_uninstalled" | "tokens_revoked";
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
}

/**
 * `app_uninstalled`, or `tokens_revoked` naming a bot token → the removal of that installation.
 * Revoked user tokens alone leave the bot working (paperbot keeps none), so they give undefined.
 */
export function removalOf(event: RemovalEventPayload, ids: InstallationIds): AppRemoval | undefined {
  if (event.type !== "app_uninstalled" && event.type !== "tokens_revoked") return undefined;
  if (event.type === "tokens_revoked" && (event.tokens?.bot ?? []).length === 0) return undefined;
  const isEnterpriseInstall = Boolean(ids.isEnterpriseInstall);
  if (isEnterpriseInstall ? !ids.enterpriseId : !ids.teamId) return undefined;
  return {
    reason: event.type,
    teamId: ids.teamId || undefined,
    enterpriseId: ids.enterpriseId || undefined,
    isEnterpriseInstall,
  };
}

/** Whether `users.info` says this person runs the workspace (admin or owner); undefined when unknown. */
export function isWorkspaceAdmin(
  user: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined,
): boolean | undefined {
  if (!user) return undefined;
  return Boolean(user.is_admin || user.is_owner || user.is_primary_owner);
}

function actor(workspaceId: string, userId: string): Actor {
  return { platform: "slack", workspaceId, userId };
}

function messageRef(workspaceId: string, channelId: string, messageId: string): MessageRef {
  return { platform: "slack", workspaceId, channelId, messageId };
}
