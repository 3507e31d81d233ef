// The contract between the chat core and every platform adapter: plain data in, plain data out.
import type { MessageRef, Place, Platform } from "../places.js";

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

/** One paper as a chat message shows it. All text is raw: adapters escape it for their platform. */
export interface PaperCard {
  id: string;
  title: string;
  /** Where the title links to. */
  url?: string;
  /** Authors as one line, e.g. "Tiancheng Qin, S. Rasoul Etesami et al." or "127 authors". */
  authors?: string;
  organization?: string;
  /** ISO date. */
  published?: string;
  upvotes?: number;
  tldr?: string;
  keyphrases: string[];
  /** Why this paper is shown (a digest highlight's reason). */
  reason?: string;
  /** 1-based number on a multi-paper message, matching the 1️⃣–🔟 save reactions. */
  number?: number;
  /** Extra lines for a full view (`show`): abstract, links, who saved it. */
  details?: { label: string; text: string }[];
  links: { abstract?: string; pdf?: string; huggingFace?: string };

  // The figure, the code and the project page a reader looks for first (built by chat/card-extras.ts).
  /** The paper's thumbnail: an http(s) image URL, checked. A renderer may drop it; the card stands without it. */
  image?: string;
  /** The paper's code: its URL, its name ("owner/repo", or the host), its stars as people write them ("1.2k"). */
  code?: { url: string; name: string; stars?: string };
  /** The paper's project page, an http(s) URL. */
  projectPage?: string;
  /** The person a private reply is for has saved this paper: its button un-saves instead. */
  saved?: boolean;
  /** What Semantic Scholar says: "cited by 1.2k (56 influential) · ICLR 2024" (source text: escape it). */
  citations?: string;
}

/** A button that sends an `action` event back to the core. */
export interface Button {
  label: string;
  action: string;
  value: string;
  style?: "primary" | "danger";
}

/** The action names the core gives its buttons. */
export const ACTIONS = {
  save: "save",
  unsave: "unsave",
  more: "more",
  dismiss: "dismiss",
  undismiss: "undismiss",
  /** The rest of a weekly digest (value: its week and where the page starts). */
  weeklyMore: "weekly-more",
} as const;

/** A card's own button: Save, or "Saved ✓ · Unsave" when the reader saved it; `number` tells cards of a list apart. */
export function cardButton(card: PaperCard, number?: number | string): Button {
  const suffix = number === undefined ? "" : ` ${number}`;
  return card.saved
    ? { label: `Saved ✓ · Unsave${suffix}`, action: ACTIONS.unsave, value: card.id }
    : { label: `Save${suffix}`, action: ACTIONS.save, value: card.id };
}

export interface Reply {
  /** Always present: the plain-text fallback, and what the console prints. */
  text: string;
  /** A heading for the message, when it has cards. */
  heading?: string;
  /** Papers in rank order; each is rendered with its own Save button (action `save`, value = id). */
  cards?: PaperCard[];
  /** Preformatted text a user copies (e.g. BibTeX). */
  code?: string;
  /** Buttons under the message (besides each card's Save button). */
  buttons?: Button[];
  /** private → ephemeral / only the actor sees it, where the platform allows. Default channel. */
  visibility?: "channel" | "private";
  /** An opaque cursor for "more results": rendered as a button with action `more` and this value. */
  more?: string;
  /** The channel's highlights (`today`): once posted to the channel, its papers count as shown from tomorrow. */
  highlights?: true;
}

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

export interface ChatPort {
  readonly platform: Platform;
  start(bot: Bot): Promise<void>;
  stop(): Promise<void>;
  /** Posts to a channel (digests); throws a PostError when the platform refuses. */
  post(place: Place, reply: Reply): Promise<MessageRef>;
  /** Why the bot could not post in this channel (not a member, a missing permission), or undefined. */
  checkAccess?(place: Place): Promise<string | undefined>;
}

/** A failed post, classified so the digest knows whether to retry. */
export class PostError extends Error {
  constructor(
    message: string,
    readonly kind: "rate-limited" | "transient" | "channel-gone" | "forbidden" | "invalid",
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "PostError";
  }
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
