// `/papers follow|unfollow|follows`: queries whose new matches always reach this channel (on top of the digest, or at once).
import { UserError } from "../../errors.js";
import { lastMatched } from "../../follows/channel-view.js";
import { followKey, MAX_FOLLOWS_PER_CHANNEL, parseFollow } from "../../follows/follow-query.js";
import type { FollowRecord } from "../../store/follow-records.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { requireMayChange } from "./digest-settings.js";

const FOLLOWS_HINT = "`/papers follows` lists this channel's follows.";

export async function followCommand(context: CommandContext, args: string): Promise<Reply> {
  requireMayChange(context);
  const { store, now } = context.deps;
  const request = parseFollow(args);
  const follows = store.follows(context.channel);
  const same = follows.find((f) => f.key === request.key);
  if (same && same.alert === request.alert) {
    return {
      text: `This channel already follows ${same.query}${same.alert ? " with alerts" : ""}.`,
      visibility: "private",
    };
  }
  if (!same && follows.length >= MAX_FOLLOWS_PER_CHANNEL) {
    throw new UserError(
      "too-many-follows",
      `This channel already follows ${follows.length} queries, the most one channel can.`,
      `Unfollow one first (${FOLLOWS_HINT.replace(/\.$/, "")}), or follow a broader query.`,
    );
  }
  await store.putFollow({
    channel: context.channel,
    key: request.key,
    query: request.query,
    alert: request.alert,
    createdBy: same?.createdBy ?? context.actor.userId,
    createdAt: same?.createdAt ?? now().toISOString(),
  });
  const where = store.subscription(context.channel)
    ? "on top of the daily digest"
    : "on top of the daily digest (turn it on with `/papers digest on`)";
  const alerts = request.alert
    ? ", and each is posted here as soon as it arrives (a few messages an hour at most)"
    : same
      ? "; alerts are off"
      : "";
  return {
    text: `This channel ${same ? "still follows" : "now follows"} ${request.query}: every new match goes ${where}${alerts}.`,
    visibility: "channel",
  };
}

/** A follow named by its number in `/papers follows` or by its query, as typed or as autocomplete gave it. */
function findFollow(follows: readonly FollowRecord[], args: string): FollowRecord {
  const text = args.trim().replace(/\s+now$/i, "");
  if (text === "") throw new UserError("missing-follow", "Unfollow what?", FOLLOWS_HINT);
  const byNumber = /^\d+$/.test(text) ? follows[Number(text) - 1] : undefined;
  const found = byNumber ?? follows.find((f) => f.key === followKey(text));
  if (found) return found;
  throw new UserError(
    "not-following",
    `This channel does not follow ${text.slice(0, 80)}.`,
    follows.length > 0 ? FOLLOWS_HINT : "It follows nothing yet.",
  );
}

export async function unfollowCommand(context: CommandContext, args: string): Promise<Reply> {
  requireMayChange(context);
  const { store } = context.deps;
  const follow = findFollow(store.follows(context.channel), args);
  await store.removeFollow(context.channel, follow.key);
  return { text: `This channel no longer follows ${follow.query}.`, visibility: "channel" };
}

export function followsCommand(context: CommandContext): Reply {
  const { store } = context.deps;
  const follows = store.follows(context.channel);
  if (follows.length === 0) {
    return {
      text: 'This channel follows nothing yet. Try `/papers follow author:"Tri Dao"`, `/papers follow org:openbmb` or `/papers follow "speculative decoding" now` (now: post matches as they arrive).',
      visibility: "private",
    };
  }
  const last = lastMatched(store, context.channel);
  const lines = follows.map((follow, i) => {
    const alert = follow.alert ? " · alerts" : "";
    const matched = last.get(follow.key);
    return `${i + 1}. ${follow.query}${alert} · ${matched ? `last matched ${matched.slice(0, 10)}` : "no match yet"}`;
  });
  return {
    text: [
      `This channel follows ${follows.length} quer${follows.length === 1 ? "y" : "ies"}:`,
      ...lines,
      "`/papers unfollow <number>` stops one.",
    ].join("\n"),
    visibility: "private",
  };
}
