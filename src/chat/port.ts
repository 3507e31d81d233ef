// The contract between the chat core and every platform adapter: plain data in, plain data out.

import type { Poster } from "../message/poster.js";
import type { Reply } from "../message/reply.js";
import type { MessageRef, Place, Platform } from "../places.js";

export { PostError, type Poster } from "../message/poster.js";
export { ACTIONS, type Button, cardButton, type PaperCard, type Reply } from "../message/reply.js";
export type { MessageRef, Place, Platform } from "../places.js";

/** Who did something. `isAdmin` is what the platform says (Slack admin/owner, Discord Manage Server). */
export interface Actor {
  platform: Platform;
  workspaceId: string;
  userId: string;
  isAdmin?: boolean;
  /** The person's language where the platform tells it (Discord's `locale`, Slack's users.info), a BCP 47 tag. */
  locale?: string;
}

export type BotEvent =
  /** `/papers <text>`: `text` is everything after the command name. */
  | { type: "command"; text: string; actor: Actor; place: Place }
  /** A button: `action` is the button's action name, `value` what the button carries. */
  | { type: "action"; action: string; value: string; actor: Actor; place: Place; message?: MessageRef }
  /** A reaction added to or removed from a message; `emoji` is a short name (see `emojiName`). */
  | { type: "reaction"; emoji: string; added: boolean; target: MessageRef; actor: Actor }
  /**
   * A question put to the bot in a conversation (Slack: a mention in a thread; Discord: a reply or a
   * mention). `about` is the message it refers to (the thread's first message, the message replied to),
   * absent when it refers to none; `mentioned` says the bot was named, not merely replied to. Answers go
   * to `place` (its thread).
   */
  | {
      type: "question";
      text: string;
      about?: MessageRef;
      mentioned: boolean;
      actor: Actor;
      place: Place;
    };

/** The one answer to a failure on paperbot's side, wherever it is caught (the core, an adapter). */
export const APOLOGY: Reply = {
  text: "Sorry, something went wrong on my side. It has been logged; please try again.",
  visibility: "private",
};

/** Posts a reply to the event's place; resolves to the posted message where the platform gives one. */
export type Respond = (reply: Reply) => Promise<MessageRef | undefined>;

export interface Bot extends BotCatalog {
  handle(event: BotEvent, respond: Respond): Promise<void>;
  /**
   * A workspace removed paperbot (Slack `app_uninstalled`, its bot token revoked): its digests are
   * turned off, its saves kept for a reinstall. Resolves to the channels whose digest was turned off.
   */
  workspaceRemoved(platform: Platform, workspaceId: string): Promise<string[]>;
}

/** A platform as the core sees it: the poster the digest uses, started with the bot and stopped. */
export interface ChatPort extends Poster {
  start(bot: Bot): Promise<void>;
  stop(): Promise<void>;
}

/** Short names for the reactions the core understands, from the Unicode a platform may send. */
const EMOJI_BY_UNICODE: Record<string, string> = {
  "🔖": "bookmark",
  "⭐": "star",
  "🌟": "star2",
  "👎": "thumbsdown",
  "1️⃣": "one",
  "2️⃣": "two",
  "3️⃣": "three",
  "4️⃣": "four",
  "5️⃣": "five",
  "6️⃣": "six",
  "7️⃣": "seven",
  "8️⃣": "eight",
  "9️⃣": "nine",
  "🔟": "keycap_ten",
};

/** Keycaps arrive with and without the variation selector (U+FE0F); both mean the same emoji. */
function bareEmoji(emoji: string): string {
  return emoji.replace(/\uFE0F/g, "");
}

const NAME_BY_BARE_UNICODE = new Map(
  Object.entries(EMOJI_BY_UNICODE).map(([unicode, name]) => [bareEmoji(unicode), name]),
);

/** The short name of an emoji given as Unicode or as a Slack-style name (skin tones dropped). */
export function emojiName(emoji: string): string {
  const bare = emoji.replace(/::skin-tone-\d$/, "").replace(/^:|:$/g, "");
  return NAME_BY_BARE_UNICODE.get(bareEmoji(bare)) ?? bare;
}

/** The Unicode for a short name, for platforms that react with Unicode (Discord). */
export function emojiUnicode(name: string): string | undefined {
  return Object.entries(EMOJI_BY_UNICODE).find(([, short]) => short === name)?.[0];
}

/** One option of a command, typed so platforms with typed commands (Discord) can offer it. */
export interface CommandOption {
  name: string;
  description: string;
  type: "string" | "integer";
  required?: boolean;
  /** Values to pick from. */
  choices?: readonly string[];
  /** Ask the core (`Bot.complete`) for suggestions while the user types. */
  autocomplete?: CompletionKind;
}

/**
 * A `/papers` subcommand. The command text the core parses is the name followed by the option values
 * in this order, separated by spaces: `digest on 09:00 Europe/Paris llm agents`.
 */
export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** Rules a person needs beyond the usage line (accepted values, what is the default); shown in help. */
  notes?: string;
  examples: readonly string[];
  options: readonly CommandOption[];
}

/** What an option completes: a paper, a time zone, or one of the channel's follows or mutes. */
export type CompletionKind = "paper" | "timezone" | "follow" | "mute";

export interface Completion {
  label: string;
  value: string;
}

/** What adapters may ask of the core besides handling events. */
export interface BotCatalog {
  readonly commands: readonly CommandSpec[];
  /** `place`: where the command is being typed (follows and mutes are the channel's). */
  complete(kind: CompletionKind, prefix: string, actor: Actor, place?: Place): Promise<Completion[]>;
}
