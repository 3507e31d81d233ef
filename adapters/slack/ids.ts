// How a core action name travels in a Slack button's action_id, and back.

/** Every paperbot button's action_id starts with this, so one Bolt listener catches them all. */
export const ACTION_ID_PREFIX = "paperbot:";

/** Matches our buttons' action_ids (for `app.action`). */
export const ACTION_ID_PATTERN = /^paperbot:/;

/**
 * An action_id for the core action `action`. Slack wants action_ids unique within a message, so `slot`
 * (the card or button position) follows the last colon; the action name itself may contain colons.
 */
export function encodeActionId(action: string, slot: string | number): string {
  return `${ACTION_ID_PREFIX}${action}:${slot}`;
}

/** The core action name in one of our action_ids, or undefined for anything else. */
export function decodeActionId(actionId: string): string | undefined {
  if (!actionId.startsWith(ACTION_ID_PREFIX)) return undefined;
  const rest = actionId.slice(ACTION_ID_PREFIX.length);
  const cut = rest.lastIndexOf(":");
  const action = cut < 0 ? rest : rest.slice(0, cut);
  return action.length > 0 ? action : undefined;
}
