// `/papers digest weekly on [Mon–Sun] [HH:MM] [zone]|off|status`: a channel's weekly team digest schedule.
import { nextWeeklyAt } from "../../digest/weekly-due.js";
import { weekdayName, weeklyRunChannel } from "../../digest/weekly-key.js";
import { parseWeeklyMoreValue, weeklyMoreReply } from "../../digest/weekly-message.js";
import { UserError } from "../../errors.js";
import type { WeeklySchedule } from "../../store/records.js";
import { localTime } from "../../time/zoned-time.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { accessProblem, parseTimeOfDay, requireMayChange, timeZoneOf } from "./digest-settings.js";
import { scheduleChanged, scheduleTurnedOff } from "./schedule-replies.js";

const USAGE =
  "`/papers digest weekly on [Mon–Sun] [HH:MM] [time zone]`, `digest weekly off` or `digest weekly`";

// A Map, not an object literal: a word such as "__proto__" or "constructor" must name no weekday.
const WEEKDAYS = new Map<string, number>([
  ["mon", 1],
  ["monday", 1],
  ["tue", 2],
  ["tues", 2],
  ["tuesday", 2],
  ["wed", 3],
  ["wednesday", 3],
  ["thu", 4],
  ["thur", 4],
  ["thurs", 4],
  ["thursday", 4],
  ["fri", 5],
  ["friday", 5],
  ["sat", 6],
  ["saturday", 6],
  ["sun", 7],
  ["sunday", 7],
]);

/** The ISO weekday a word names ("mon", "Monday", "fri."), undefined when it names none. */
export function parseWeekday(word: string): number | undefined {
  return WEEKDAYS.get(word.toLowerCase().replace(/\.$/, ""));
}

export interface WeeklyOnArguments {
  weekday?: number;
  time?: string;
  timeZone?: string;
}

function clip(word: string): string {
  return word.slice(0, 40);
}

/** Reads `[Mon–Sun] [HH:MM] [time zone]` in any order; anything else is refused with what to type. */
export function parseWeeklyOn(words: readonly string[]): WeeklyOnArguments {
  const parsed: WeeklyOnArguments = {};
  for (const word of words) {
    const weekday = parseWeekday(word);
    if (weekday !== undefined) {
      if (parsed.weekday !== undefined)
        throw new UserError(
          "two-weekdays",
          "The weekly digest posts on one day of the week.",
          "Pick one, e.g. `/papers digest weekly on Mon 09:00`.",
        );
      parsed.weekday = weekday;
      continue;
    }
    const time = parseTimeOfDay(word);
    if (time !== undefined) {
      if (parsed.time !== undefined)
        throw new UserError(
          "two-times",
          "The weekly digest posts at one time of day.",
          "Pick one, e.g. `/papers digest weekly on Mon 09:00`.",
        );
      parsed.time = time;
      continue;
    }
    if (/^\d/.test(word))
      throw new UserError(
        "bad-time",
        `"${clip(word)}" is not a time of day.`,
        "Write it as HH:MM, 24-hour, e.g. 09:00 or 17:30.",
      );
    const zone = parsed.timeZone === undefined ? timeZoneOf(word) : undefined;
    if (zone !== undefined) {
      parsed.timeZone = zone;
      continue;
    }
    throw new UserError(
      /day\.?$/i.test(word) ? "bad-weekday" : "bad-argument",
      /day\.?$/i.test(word)
        ? `"${clip(word)}" is not a day of the week.`
        : `"${clip(word)}" is not a day of the week, a time or a time zone I know.`,
      "Use Mon, Tue, Wed, Thu, Fri, Sat or Sun, a time as HH:MM and a zone such as Europe/Berlin, e.g. `/papers digest weekly on Fri 16:00 berlin`.",
    );
  }
  return parsed;
}

function describe(schedule: WeeklySchedule): string {
  return `every ${weekdayName(schedule.weekday)} at ${schedule.time} (${schedule.timeZone})`;
}

function nextPost(context: CommandContext, schedule: WeeklySchedule): string {
  const { store, now } = context.deps;
  const runs = weeklyRunChannel(schedule.channel);
  const next = nextWeeklyAt(schedule, now(), (week) => store.digestRun(runs, week) !== undefined);
  const local = localTime(next, schedule.timeZone);
  return `${local.day} ${local.time} (${schedule.timeZone})`;
}

async function weeklyOn(context: CommandContext, words: readonly string[]): Promise<Reply> {
  requireMayChange(context);
  const { settings, store, now } = context.deps;
  const args = parseWeeklyOn(words);
  const existing = store.weeklySchedule(context.channel);
  const daily = store.subscription(context.channel);
  const schedule: WeeklySchedule = {
    channel: context.channel,
    platform: context.place.platform,
    workspaceId: context.place.workspaceId,
    channelId: context.place.channelId,
    weekday: args.weekday ?? existing?.weekday ?? 1,
    time: args.time ?? existing?.time ?? settings.digest.defaultTime,
    timeZone: args.timeZone ?? existing?.timeZone ?? daily?.timeZone ?? settings.timeZone,
    createdBy: existing?.createdBy ?? context.actor.userId,
    createdAt: existing?.createdAt ?? now().toISOString(),
  };
  await store.putWeeklySchedule(schedule);
  const problem = await accessProblem(context);
  return scheduleChanged(
    [
      `${existing ? "Updated" : "Turned on"} this channel's weekly digest: ${describe(schedule)}. It lists the week's most saved papers, the best new ones nobody saved yet, and what the channel follows.`,
      `Next post: ${nextPost(context, schedule)}.`,
    ],
    problem,
  );
}

async function weeklyOff(context: CommandContext): Promise<Reply> {
  requireMayChange(context);
  const removed = await context.deps.store.removeWeeklySchedule(context.channel);
  return scheduleTurnedOff(removed, "weekly digest", "/papers digest weekly on");
}

function weeklyStatus(context: CommandContext): Reply {
  const { store } = context.deps;
  const schedule = store.weeklySchedule(context.channel);
  if (!schedule)
    return {
      text: `This channel has no weekly digest. Turn it on with ${USAGE.split(",")[0]}.`,
      visibility: "private",
    };
  const last = store.lastDigestRun(weeklyRunChannel(context.channel));
  const lastLine = last
    ? `Last: week ${last.day}, ${last.state === "posted" ? `${last.paperIds.length} paper${last.paperIds.length === 1 ? "" : "s"}` : last.state}${last.error ? ` (${last.error})` : ""}.`
    : "Last: none yet.";
  return {
    text: `Weekly digest: ${describe(schedule)}.\n${lastLine}\nNext post: ${nextPost(context, schedule)}.`,
    visibility: "private",
  };
}

/**
 * `digest weekly …`. Discord sends the options in their registered order, so the words after `weekly`
 * are read in any order: `on` is optional before a day, time or zone.
 */
export async function digestWeeklyCommand(context: CommandContext, words: readonly string[]): Promise<Reply> {
  const [first = "", ...rest] = words;
  switch (first.toLowerCase()) {
    case "on":
      return weeklyOn(context, rest);
    case "off":
      if (rest.length > 0)
        throw new UserError("bad-argument", "`digest weekly off` takes nothing after it.", `Type ${USAGE}.`);
      return weeklyOff(context);
    case "":
    case "status":
      return weeklyStatus(context);
    default:
      return weeklyOn(context, words);
  }
}

/** The weekly digest's "more" button: the rest of that week's papers here, privately. */
export function weeklyMoreAction(context: CommandContext, value: string): Reply {
  const page = parseWeeklyMoreValue(value);
  const run = page && context.deps.store.digestRun(weeklyRunChannel(context.channel), page.week);
  if (!page || !run)
    throw new UserError(
      "weekly-not-found",
      "I can't find that weekly digest in this channel any more.",
      "`/papers saved team` lists what the team saved.",
    );
  return weeklyMoreReply(context.deps.store, run, page.offset);
}
