// Discord interactions and reactions → the core's BotEvents: pure, over the few fields discord.js objects carry.
import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord.js";
import {
  type Actor,
  type BotEvent,
  type CommandSpec,
  type CompletionKind,
  emojiName,
  type Place,
} from "../../src/chat/port.js";
import { COMMAND_NAME, commandName } from "./commands.js";
import { decodeCustomId } from "./ids.js";
import { oneLine } from "./safe-text.js";

export type CommandEvent = Extract<BotEvent, { type: "command" }>;
export type ActionEvent = Extract<BotEvent, { type: "action" }>;
export type ReactionEvent = Extract<BotEvent, { type: "reaction" }>;

/** One option as discord.js (`interaction.options.data`) and the raw API both shape it. */
export interface OptionView {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: readonly OptionView[];
}

/** The parts of any discord.js interaction the translation reads. */
export interface InteractionView {
  guildId: string | null;
  channelId: string | null;
  user: { id: string };
  /** discord.js `memberPermissions`: the member's permissions in the channel (null outside a server). */
  memberPermissions: { has(permission: bigint): boolean } | null;
}

export interface CommandView extends InteractionView {
  commandName: string;
  options: { data: readonly OptionView[] };
  /** The server's preferred language (Community servers set it; others report en-US). */
  guildLocale?: string | null;
  /** The language of the person's Discord client. */
  locale?: string;
}

export interface ButtonView extends InteractionView {
  customId: string;
  message: { id: string; channelId: string };
}

/** A reaction added or removed, by ids: the message need not be in discord.js's cache. */
export interface ReactionView {
  added: boolean;
  guildId: string | null;
  channelId: string;
  messageId: string;
  userId: string;
  /** Unicode for a standard emoji, the name for a custom one. */
  emojiName: string | null;
  isAdmin?: boolean;
}

export function actorOf(view: InteractionView & { guildId: string }): Actor {
  return {
    platform: "discord",
    workspaceId: view.guildId,
    userId: view.user.id,
    // Administrator implies Manage Server: discord.js's `has` checks it by default.
    isAdmin: view.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

/** `/papers search query:local sgd` → "search local sgd": the subcommand, then option values in spec order. */
export function commandToEvent(view: CommandView, specs: readonly CommandSpec[]): CommandEvent | undefined {
  const found = subcommandOf(view, specs);
  if (!found || !view.guildId || !view.channelId) return undefined;
  const { spec, options } = found;
  const values = spec.options
    .map((o) => options.find((given) => given.name === commandName(o.name))?.value)
    .filter((v) => v !== undefined && v !== "")
    .map((v) => oneLine(String(v)));
  return {
    type: "command",
    text: [spec.name, ...values].join(" "),
    actor: {
      ...actorOf({ ...view, guildId: view.guildId }),
      ...(view.locale ? { locale: view.locale } : {}),
    },
    place: {
      platform: "discord",
      workspaceId: view.guildId,
      channelId: view.channelId,
      ...(view.guildLocale ? { locale: view.guildLocale } : {}),
    },
  };
}

/** A paperbot button → an action event; another app's button (or an old layout) → undefined. */
export function actionToEvent(view: ButtonView): ActionEvent | undefined {
  const decoded = decodeCustomId(view.customId);
  if (!decoded || !view.guildId) return undefined;
  const channelId = view.channelId ?? view.message.channelId;
  return {
    type: "action",
    action: decoded.action,
    value: decoded.value,
    actor: actorOf({ ...view, guildId: view.guildId }),
    place: { platform: "discord", workspaceId: view.guildId, channelId },
    message: {
      platform: "discord",
      workspaceId: view.guildId,
      channelId: view.message.channelId,
      messageId: view.message.id,
    },
  };
}

export function reactionToEvent(view: ReactionView): ReactionEvent | undefined {
  if (!view.guildId || !view.emojiName) return undefined;
  const actor: Actor = { platform: "discord", workspaceId: view.guildId, userId: view.userId };
  if (view.isAdmin !== undefined) actor.isAdmin = view.isAdmin;
  return {
    type: "reaction",
    // Some clients send keycaps without the variation selector (1⃣ for 1️⃣); the core's table has it.
    emoji: emojiName(view.emojiName.replace(/^([0-9#*])\u20e3$/, "$1\ufe0f\u20e3")),
    added: view.added,
    target: {
      platform: "discord",
      workspaceId: view.guildId,
      channelId: view.channelId,
      messageId: view.messageId,
    },
    actor,
  };
}

/** An autocomplete interaction → what to ask `Bot.complete`, or undefined when the option has no kind. */
export function completionRequest(
  view: CommandView,
  specs: readonly CommandSpec[],
): { kind: CompletionKind; prefix: string; actor: Actor; place?: Place } | undefined {
  const found = subcommandOf(view, specs);
  if (!found || !view.guildId) return undefined;
  const focused = found.options.find((o) => o.focused);
  const spec = found.spec.options.find((o) => commandName(o.name) === focused?.name);
  if (!focused || !spec?.autocomplete) return undefined;
  return {
    kind: spec.autocomplete,
    prefix: String(focused.value ?? "").trim(),
    actor: actorOf({ ...view, guildId: view.guildId }),
    ...(view.channelId
      ? { place: { platform: "discord" as const, workspaceId: view.guildId, channelId: view.channelId } }
      : {}),
  };
}

function subcommandOf(
  view: CommandView,
  specs: readonly CommandSpec[],
): { spec: CommandSpec; options: readonly OptionView[] } | undefined {
  if (view.commandName !== COMMAND_NAME) return undefined;
  const sub = view.options.data.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const spec = specs.find((s) => commandName(s.name) === sub?.name);
  return sub && spec ? { spec, options: sub.options ?? [] } : undefined;
}
