// Button custom_ids: the core's action name and value packed into Discord's 100-character field.
import { DISCORD_LIMITS } from "./limits.js";

/** Marks paperbot's buttons so a button from another app or an old layout is ignored, not misread. */
const PREFIX = "pb";
const SEPARATOR = ":";

/** `pb:save:2506.13585`, or undefined when the value is too long to carry (the button is then left out). */
export function encodeCustomId(action: string, value: string): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(action)) return undefined;
  const id = [PREFIX, action, value].join(SEPARATOR);
  return id.length <= DISCORD_LIMITS.customId ? id : undefined;
}

/** The action and value of one of paperbot's custom_ids; the value may itself contain colons. */
export function decodeCustomId(customId: string): { action: string; value: string } | undefined {
  const [prefix, action, ...rest] = customId.split(SEPARATOR);
  if (prefix !== PREFIX || !action || rest.length === 0) return undefined;
  return { action, value: rest.join(SEPARATOR) };
}
