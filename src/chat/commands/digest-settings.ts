// `/papers digest on|off|status|size`: a channel's daily highlights schedule.
import { nextDigestAt } from "../../digest/due.js";
import { UserError } from "../../errors.js";
import { channelMutes } from "../../follows/channel-view.js";
import { parseMute } from "../../follows/mutes.js";
import type { Subscription } from "../../store/records.js";
import { isValidTimeZone, localTime } from "../../time/zoned-time.js";
import { usageSentence } from "../command-specs.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { digestWeeklyCommand } from "./digest-weekly.js";
import { quotedWords } from "./quoted-words.js";
import { scheduleChanged, scheduleTurnedOff } from "./schedule-replies.js";
import { readTimeZoneWord } from "./time-zone-words.js";

/** "9", "9:30", "09:30", "9am", "9:30pm" → "09:30"; undefined when the word is not a time. */
export function parseTimeOfDay(word: string): string | undefined {
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(word);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? "0");
  const meridiem = match[3]?.toLowerCase();
  if (meridiem && (hour < 1 || hour > 12)) return undefined;
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** The zone a word names (a city or IANA name, any case), undefined when it names none; asks when unsure. */
export function timeZoneOf(word: string): string | undefined {
  const reading = readTimeZoneWord(word);
  if (reading.kind === "zone") return reading.zone;
  if (reading.kind === "ambiguous") {
    const zones = reading.zones.slice(0, 4);
    throw new UserError(
      "ambiguous-time-zone",
      `"${word.slice(0, 60)}" is in several time zones. Did you mean ${zones.slice(0, -1).join(", ")} or ${zones.at(-1)}?`,
      `Type the full name, e.g. \`/papers digest on 09:00 ${zones[0]}\`.`,
    );
  }
  if (!word.includes("/")) return undefined;
  if (isValidTimeZone(word)) return word;
  throw new UserError(
    "bad-time-zone",
    `"${word.slice(0, 60)}" is not a time zone I know.`,
    "Use an IANA name such as Europe/Berlin, America/New_York or UTC, or a city such as berlin.",
  );
}

export interface DigestOnArguments {
  time?: string;
  timeZone?: string;
  topics: string[];
  excluded: string[];
}

export function parseDigestOn(words: readonly string[]): DigestOnArguments {
  const parsed: DigestOnArguments = { topics: [], excluded: [] };
  for (const word of words) {
    if (/\s/.test(word)) {
      // A quoted phrase ("speculative decoding") is one topic, matched as a whole.
      if (word.startsWith("-")) parsed.excluded.push(word.slice(1).toLowerCase());
      else parsed.topics.push(word.toLowerCase());
      continue;
    }
    const time = parsed.time === undefined ? parseTimeOfDay(word) : undefined;
    if (time) {
      parsed.time = time;
      continue;
    }
    if (parsed.timeZone === undefined) {
      const zone = timeZoneOf(word);
      if (zone) {
        parsed.timeZone = zone;
        continue;
      }
    }
    if (/^\d/.test(word) && /[:.]/.test(word)) {
      throw new UserError(
        "bad-time",
        `"${word.slice(0, 20)}" is not a time of day.`,
        "Write it as HH:MM, 24-hour, e.g. 09:00 or 17:30.",
      );
    }
    if (word === "-") {
      throw new UserError(
        "bad-topic",
        "A lone `-` excludes nothing.",
        "Put the word to leave out right after it, e.g. `-vision`.",
      );
    }
    if (word.startsWith("-") && word.length > 1) parsed.excluded.push(word.slice(1).toLowerCase());
    else if (word.length > 0) parsed.topics.push(word.toLowerCase());
  }
  if (parsed.topics.length + parsed.excluded.length > 20) {
    throw new UserError(
      "too-many-topics",
      "That is more than 20 topic words.",
      "Pick the few that matter most.",
    );
  }
  return parsed;
}

/** Why the bot can't post here; a lookup that fails for a passing reason is not the user's problem now. */
export async function accessProblem(context: CommandContext): Promise<string | undefined> {
  try {
    return await context.deps.checkAccess?.(context.place);
  } catch (error) {
    context.deps.log.warn({ err: error, channel: context.channel }, "could not check channel access");
    return undefined;
  }
}

/** The schedule in words; `muted` are the channel's muted words, which `-word` in `digest on` adds. */
function describeSchedule(s: Subscription, muted: readonly string[]): string {
  const quote = (words: readonly string[]) => words.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(" ");
  const topics = s.topics.length > 0 ? `, topics: ${quote(s.topics)}` : "";
  const excluded = muted.length > 0 ? `, excluding: ${quote(muted)}` : "";
  return `daily at ${s.time} (${s.timeZone}), ${s.size} paper${s.size === 1 ? "" : "s"}${topics}${excluded}`;
}

/** Follows and mutes change what the digest posts, so the digest's rule of who may change it covers them too. */
export function requireMayChange(context: CommandContext): void {
  if (context.deps.settings.digest.whoMayChange === "admins" && !context.actor.isAdmin) {
    throw new UserError(
      "not-allowed",
      "Only workspace admins can change this channel's digest.",
      "Ask an admin, or see `/papers digest status`.",
    );
  }
}

async function muteWords(context: CommandContext, words: readonly string[]): Promise<void> {
  for (const word of words) {
    const mute = parseMute(word);
    await context.deps.store.addMute({
      channel: context.channel,
      ...mute,
      createdBy: context.actor.userId,
      createdAt: context.deps.now().toISOString(),
    });
  }
}

function mutedWords(context: CommandContext): string[] {
  return channelMutes(context.deps.store, context.channel)
    .filter((m) => m.kind === "word")
    .map((m) => m.value);
}

async function digestOn(context: CommandContext, words: string[]): Promise<Reply> {
  requireMayChange(context);
  const { settings, store, now } = context.deps;
  const args = parseDigestOn(words);
  const existing = store.subscription(context.channel);
  const subscription: Subscription = {
    channel: context.channel,
    platform: context.place.platform,
    workspaceId: context.place.workspaceId,
    channelId: context.place.channelId,
    time: args.time ?? existing?.time ?? settings.digest.defaultTime,
    timeZone: args.timeZone ?? existing?.timeZone ?? settings.timeZone,
    size: existing?.size ?? settings.digest.defaultSize,
    topics: args.topics.length + args.excluded.length > 0 ? args.topics : (existing?.topics ?? []),
    // A `-word` is a mute now (kept when the digest is turned off); the subscription's list stays for older data.
    excluded: [],
    createdBy: existing?.createdBy ?? context.actor.userId,
    createdAt: existing?.createdAt ?? now().toISOString(),
  };
  await muteWords(context, [...(existing?.excluded ?? []), ...args.excluded]);
  await store.putSubscription(subscription);
  const problem = await accessProblem(context);
  const next = nextDigestAt(
    subscription,
    now(),
    (day) => store.digestRun(context.channel, day) !== undefined,
  );
  const nextLocal = localTime(next, subscription.timeZone);
  return scheduleChanged(
    [
      `${existing ? "Updated" : "Turned on"} this channel's digest: ${describeSchedule(subscription, mutedWords(context))}.`,
      `Next post: ${nextLocal.day} ${nextLocal.time}. React 🔖 to a posted paper to save it.`,
    ],
    problem,
  );
}

async function digestOff(context: CommandContext): Promise<Reply> {
  requireMayChange(context);
  const removed = await context.deps.store.removeSubscription(context.channel);
  return scheduleTurnedOff(removed, "digest", "/papers digest on");
}

async function digestSize(context: CommandContext, words: string[]): Promise<Reply> {
  requireMayChange(context);
  const { settings, store } = context.deps;
  const size = Number(words[0]);
  if (!Number.isInteger(size) || size < 1 || size > settings.digest.maxSize) {
    throw new UserError(
      "bad-size",
      `The digest size must be a whole number from 1 to ${settings.digest.maxSize}.`,
      "Type e.g. `/papers digest size 3`.",
    );
  }
  const existing = store.subscription(context.channel);
  if (!existing)
    throw new UserError(
      "no-digest",
      "This channel has no digest yet.",
      "Turn it on with `/papers digest on`.",
    );
  await store.putSubscription({ ...existing, size });
  return {
    text: `This channel's digest now posts ${size} paper${size === 1 ? "" : "s"} a day.`,
    visibility: "channel",
  };
}

function digestStatus(context: CommandContext): Reply {
  const { store, now } = context.deps;
  const subscription = store.subscription(context.channel);
  const lines: string[] = [];
  if (!subscription) {
    lines.push(
      "This channel has no digest. Turn it on with `/papers digest on [HH:MM] [time zone] [topics…]`.",
    );
  } else {
    lines.push(`Digest: ${describeSchedule(subscription, mutedWords(context))}.`);
    const last = store.lastDigestRun(context.channel);
    lines.push(
      last
        ? `Last post: ${last.day}, ${last.state === "posted" ? `${last.paperIds.length} paper${last.paperIds.length === 1 ? "" : "s"}` : last.state}${last.error ? ` (${last.error})` : ""}.`
        : "Last post: none yet.",
    );
    const next = nextDigestAt(
      subscription,
      now(),
      (day) => store.digestRun(context.channel, day) !== undefined,
    );
    const local = localTime(next, subscription.timeZone);
    lines.push(`Next post: ${local.day} ${local.time} (${subscription.timeZone}).`);
  }
  const sources = store.sourceStatuses();
  if (sources.length === 0) lines.push("Sources: none ingested yet.");
  for (const source of sources) {
    const stale = source.stale ? " (no new papers: the feed served the same batch)" : "";
    const error = source.lastError ? `; last error ${source.lastErrorAt}: ${source.lastError}` : "";
    lines.push(`Source ${source.name}: last ingested ${source.lastSuccessAt ?? "never"}${stale}${error}.`);
  }
  return { text: lines.join("\n"), visibility: "private" };
}

export async function digestCommand(context: CommandContext, args: string): Promise<Reply> {
  const [action = "", ...words] = quotedWords(args);
  switch (action.toLowerCase()) {
    case "on":
      return digestOn(context, words);
    case "off":
      return digestOff(context);
    case "status":
    case "":
      return digestStatus(context);
    case "size":
      return digestSize(context, words);
    case "weekly":
      return digestWeeklyCommand(context, words);
    default:
      throw new UserError(
        "bad-argument",
        `\`digest ${action.slice(0, 30)}\` is not something I can do.`,
        `Type ${usageSentence("digest")}.`,
      );
  }
}
