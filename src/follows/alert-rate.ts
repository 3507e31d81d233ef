// How many alert messages a channel may get: a few an hour, the rest batched into the next one it may get.
import type { AlertRecord } from "../store/follow-records.js";

export const ALERT_MESSAGES_PER_HOUR = 3;
/** Papers one alert message carries at most (a digest's worth; platforms render ten cards in a message). */
export const ALERT_PAPERS_PER_MESSAGE = 10;
/** A pending alert older than this is not posted any more: the digest has carried it since. */
export const ALERT_MAX_WAIT_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The pending alerts of one channel to post now as one message, oldest first, or none when the channel
 * had its messages this hour (alerts claimed together share `postedAt`, so each distinct one is a message).
 */
export function alertsToPostNow(alerts: readonly AlertRecord[], now: Date): AlertRecord[] {
  const hourAgo = now.getTime() - HOUR_MS;
  const messages = new Set<string>();
  for (const alert of alerts)
    if (alert.state === "posted" && alert.postedAt && Date.parse(alert.postedAt) > hourAgo)
      messages.add(alert.postedAt);
  if (messages.size >= ALERT_MESSAGES_PER_HOUR) return [];
  const oldest = now.getTime() - ALERT_MAX_WAIT_MS;
  return alerts
    .filter((a) => a.state === "pending" && Date.parse(a.matchedAt) > oldest)
    .sort((a, b) => a.matchedAt.localeCompare(b.matchedAt))
    .slice(0, ALERT_PAPERS_PER_MESSAGE);
}
