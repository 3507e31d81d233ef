// `/papers follow|unfollow|follows`: queries whose new matches always reach this channel (on top of the digest, or at once).
import { lastMatched } from "../../follows/channel-view.js";
import { followQuery, unfollowQuery } from "../../follows/follow-changes.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { requireMayChange } from "./digest-settings.js";

export async function followCommand(context: CommandContext, args: string): Promise<Reply> {
  requireMayChange(context);
  const { store, now } = context.deps;
  const { follow, outcome } = await followQuery(store, context.channel, args, {
    userId: context.actor.userId,
    now: now(),
  });
  if (outcome === "same") {
    return {
      text: `This channel already follows ${follow.query}${follow.alert ? " with alerts" : ""}.`,
      visibility: "private",
    };
  }
  const where = store.subscription(context.channel)
    ? "on top of the daily digest"
    : "on top of the daily digest (turn it on with `/papers digest on`)";
  const alerts = follow.alert
    ? ", and each is posted here as soon as it arrives (a few messages an hour at most)"
    : outcome === "alerts"
      ? "; alerts are off"
      : "";
  return {
    text: `This channel ${outcome === "alerts" ? "still follows" : "now follows"} ${follow.query}: every new match goes ${where}${alerts}.`,
    visibility: "channel",
  };
}

export async function unfollowCommand(context: CommandContext, args: string): Promise<Reply> {
  requireMayChange(context);
  const follow = await unfollowQuery(context.deps.store, context.channel, args);
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
