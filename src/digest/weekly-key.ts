// The weekly digest's calendar: ISO weekdays and week keys of local days, and the key its runs are claimed under.
import type { ChannelKey } from "../store/records.js";

const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The ISO weekday of a local day (YYYY-MM-DD): 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return utcDate(day).getUTCDay() || 7;
}

/** "Mon" … "Sun" for an ISO weekday. */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? "?";
}

/**
 * The ISO 8601 week a local day belongs to, as "2026-W49": weeks start on Monday and the first week of
 * a year is the one holding its first Thursday, so the days around New Year keep one key.
 */
export function isoWeekKey(day: string): string {
  const date = utcDate(day);
  const thursday = new Date(date.getTime() + (4 - isoWeekday(day)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * The weekly digest's runs are digest runs (the same claim, lease and resume as the daily one) kept
 * under this key rather than the channel's own, so the daily digest's "last run" never sees a week.
 */
export function weeklyRunChannel(channel: ChannelKey): ChannelKey {
  return `${channel}/weekly`;
}
