// Slack's Block Kit and Web API limits as data, so the renderer and its tests read one source.

export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** Characters in a section block's text. */
  sectionText: 3_000,
  /** Characters in a header block's plain text. */
  headerText: 150,
  /** Characters in one context block element's text. */
  contextElementText: 2_000,
  /** Elements in one context block. */
  contextElements: 10,
  /** Elements (buttons) in one actions block. */
  actionsElements: 25,
  /** Characters in a button's label. */
  buttonText: 75,
  /** Characters in a button's value. */
  buttonValue: 2_000,
  /** Characters in an action_id. */
  actionId: 255,
  /** Characters in an image element's URL (we keep card images far shorter: see card-extras.ts). */
  imageUrl: 3_000,
  /** Characters in a button's URL. */
  buttonUrl: 3_000,
  /**
   * Our budget for all the text of one message. Slack refuses messages (`msg_blocks_too_long`) at about
   * 13.2k characters in all even when every block fits (bolt-js #2509); we stay well under it.
   */
  totalText: 12_000,
  /** The top-level `text` (fallback and notification): Slack truncates at 40k, but notifications are short. */
  fallbackText: 3_000,
} as const;
