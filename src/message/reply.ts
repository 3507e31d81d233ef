// A chat message as plain data: paper cards, buttons and the reply every platform renders in its own way.

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
