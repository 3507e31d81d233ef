// When a channel's digest is due: pure arithmetic over its schedule, the clock, and what was already posted.
import type { Subscription } from "../store/records.js";
import { addDays, localTime, zonedInstant } from "../time/zoned-time.js";

export interface DueDigest {
  /** The channel's local day the digest belongs to. */
  day: string;
  /** When it was due. */
  dueAt: Date;
}

/**
 * The digests of this subscription that should be posted at `now`: a local day whose post time has
 * passed, by no more than `maxLatenessMinutes`, that was not already run, and not before the
 * subscription existed. Looks at yesterday too, so a late-evening post caught up after midnight counts.
 */
export function dueDigests(
  subscription: Subscription,
  now: Date,
  maxLatenessMinutes: number,
  alreadyRun: (day: string) => boolean,
): DueDigest[] {
  const today = localTime(now, subscription.timeZone).day;
  const due: DueDigest[] = [];
  for (const day of [addDays(today, -1), today]) {
    const dueAt = zonedInstant(day, subscription.time, subscription.timeZone);
    const late = now.getTime() - dueAt.getTime();
    if (late < 0 || late > maxLatenessMinutes * 60_000) continue;
    if (dueAt.getTime() < new Date(subscription.createdAt).getTime()) continue;
    if (alreadyRun(day)) continue;
    due.push({ day, dueAt });
  }
  return due;
}

/** The next time this subscription will post, after `now` (a day already run is skipped). */
export function nextDigestAt(
  subscription: Subscription,
  now: Date,
  alreadyRun: (day: string) => boolean,
): Date {
  const today = localTime(now, subscription.timeZone).day;
  for (let offset = 0; offset < 3; offset++) {
    const day = addDays(today, offset);
    const at = zonedInstant(day, subscription.time, subscription.timeZone);
    if (at.getTime() > now.getTime() && !alreadyRun(day)) return at;
  }
  return zonedInstant(addDays(today, 3), subscription.time, subscription.timeZone);
}
