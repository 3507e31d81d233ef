// Discord's message limits as data, so the renderer and its tests read one table.

/**
 * What Discord accepts in one message. Discord (not discord.js's builders) enforces most of these,
 * refusing the whole message with 50035 Invalid Form Body when one is exceeded, so the renderer trims
 * to them before sending.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  /** Characters across every embed of one message: titles, descriptions, field names and values, footers, authors. */
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedUrl: 2048,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  /** Slash-command registration. */
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Autocomplete answers. */
  autocompleteChoices: 25,
} as const;

export type DiscordLimits = typeof DISCORD_LIMITS;
