// When a channel's weekly digest is due: its weekday and local time, the clock, and the weeks already run.
import type { WeeklySchedule } from "../store/records.js";
import { addDays, localTime, zonedInstant } from "../time/zoned-time.js";
import { isoWeekday, isoWeekKey } from "./weekly-key.js";

export interface DueWeekly {
  /** The ISO week (in the channel's zone) the digest belongs to: its claim key. */
  week: string;
  /** The local day it is posted on. */
  day: string;
  dueAt: Date;
}

/** The local day of `week`'s digest on or before `day`, looking back at most `days` days. */
function scheduledDays(schedule: WeeklySchedule, today: string, days: number): string[] {
  const out: string[] = [];
  for (let back = days; back >= 0; back--) {
    const day = addDays(today, -back);
    if (isoWeekday(day) === schedule.weekday) out.push(day);
  }
  return out;
}

/**
 * The weekly digest of this schedule that should be posted at `now`: its local weekday and time have
 * passed, by no more than `maxLatenessMinutes`, not before the schedule existed, and its week was not
 * already run. Looks back a day, so a late-evening post caught up after midnight still counts.
 */
export function dueWeeklies(
  schedule: WeeklySchedule,
  now: Date,
  maxLatenessMinutes: number,
  alreadyRun: (week: string) => boolean,
): DueWeekly[] {
  const today = localTime(now, schedule.timeZone).day;
  const due: DueWeekly[] = [];
  for (const day of scheduledDays(schedule, today, 1)) {
    const dueAt = zonedInstant(day, schedule.time, schedule.timeZone);
    const late = now.getTime() - dueAt.getTime();
    if (late < 0 || late > maxLatenessMinutes * 60_000) continue;
    if (dueAt.getTime() < Date.parse(schedule.createdAt)) continue;
    const week = isoWeekKey(day);
    if (alreadyRun(week)) continue;
    due.push({ week, day, dueAt });
  }
  return due;
}

/** The next time this schedule posts, after `now` (a week already run is skipped). */
export function nextWeeklyAt(
  schedule: WeeklySchedule,
  now: Date,
  alreadyRun: (week: string) => boolean,
): Date {
  const today = localTime(now, schedule.timeZone).day;
  for (let offset = 0; offset < 15; offset++) {
    const day = addDays(today, offset);
    if (isoWeekday(day) !== schedule.weekday) continue;
    const at = zonedInstant(day, schedule.time, schedule.timeZone);
    if (at.getTime() > now.getTime() && !alreadyRun(isoWeekKey(day))) return at;
  }
  return zonedInstant(addDays(today, 21), schedule.time, schedule.timeZone);
}
