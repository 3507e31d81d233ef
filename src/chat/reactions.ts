// Reactions on the bot's own messages save (added) or un-save (removed) the paper they point at, or mark it "not for us".
import type { PostedMessage } from "../store/records.js";

const NUMBER_EMOJIS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "keycap_ten"];

/**
 * The paper a reaction means on a posted message, or undefined when it means none: a save emoji on a
 * one-paper message, or a number emoji on a message listing several.
 */
export function paperForReaction(
  post: PostedMessage,
  emoji: string,
  saveEmojis: readonly string[],
): string | undefined {
  if (saveEmojis.includes(emoji)) return post.paperIds.length === 1 ? post.paperIds[0] : undefined;
  const number = NUMBER_EMOJIS.indexOf(emoji);
  if (number < 0) return undefined;
  return post.paperIds[number];
}

/** The paper a "not for us" reaction (👎) means: only on a one-paper message, where it cannot be misread. */
export function paperDismissedByReaction(
  post: PostedMessage,
  emoji: string,
  dismissEmojis: readonly string[],
): string | undefined {
  return dismissEmojis.includes(emoji) && post.paperIds.length === 1 ? post.paperIds[0] : undefined;
}
