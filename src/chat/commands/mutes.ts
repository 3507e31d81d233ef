// `/papers mute|unmute|mutes`: words, authors and categories this channel never wants in its digest or alerts.
import { UserError } from "../../errors.js";
import { channelMutes } from "../../follows/channel-view.js";
import { describeMute, MAX_MUTES_PER_CHANNEL, parseMute } from "../../follows/mutes.js";
import type { MuteRecord } from "../../store/follow-records.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { requireMayChange } from "./digest-settings.js";

const MUTES_HINT = "`/papers mutes` lists this channel's mutes.";

export async function muteCommand(context: CommandContext, args: string): Promise<Reply> {
  requireMayChange(context);
  const { store, now } = context.deps;
  const request = parseMute(args);
  const mutes = store.mutes(context.channel);
  if (mutes.length >= MAX_MUTES_PER_CHANNEL) {
    throw new UserError(
      "too-many-mutes",
      `This channel already has ${mutes.length} mutes, the most one channel can.`,
      `Unmute one first (${MUTES_HINT.replace(/\.$/, "")}).`,
    );
  }
  const mute: MuteRecord = {
    channel: context.channel,
    ...request,
    createdBy: context.actor.userId,
    createdAt: now().toISOString(),
  };
  const added = await store.addMute(mute);
  if (!added) return { text: `${describeMute(mute)} is already muted here.`, visibility: "private" };
  return {
    text: `Muted ${describeMute(mute)} in this channel: its papers never appear in the digest or alerts here (search still finds them).`,
    visibility: "channel",
  };
}

/** Takes a mute back; a `-word` of a digest made before mutes existed is taken out of the subscription. */
export async function unmuteCommand(context: CommandContext, args: string): Promise<Reply> {
  requireMayChange(context);
  const { store } = context.deps;
  const text = args.trim();
  if (text === "") throw new UserError("missing-mute", "Unmute what?", MUTES_HINT);
  const listed = channelMutes(store, context.channel);
  const byNumber = /^\d+$/.test(text) ? listed[Number(text) - 1] : undefined;
  const request = byNumber ?? parseMute(text);
  const removed = await store.removeMute(context.channel, request.kind, request.key);
  const subscription = store.subscription(context.channel);
  const legacy = request.kind === "word" && subscription?.excluded.includes(request.key);
  if (subscription && legacy)
    await store.putSubscription({
      ...subscription,
      excluded: subscription.excluded.filter((w) => w !== request.key),
    });
  if (!removed && !legacy) {
    throw new UserError("not-muted", `${describeMute(request).slice(0, 80)} is not muted here.`, MUTES_HINT);
  }
  return { text: `Unmuted ${describeMute(request)} in this channel.`, visibility: "channel" };
}

export function mutesCommand(context: CommandContext): Reply {
  const mutes = channelMutes(context.deps.store, context.channel);
  if (mutes.length === 0) {
    return {
      text: 'This channel mutes nothing. Try `/papers mute vision`, `/papers mute author:"Jane Roe"` or `/papers mute cat:cs.CV`.',
      visibility: "private",
    };
  }
  return {
    text: [
      `This channel mutes ${mutes.length}:`,
      ...mutes.map((mute, i) => `${i + 1}. ${describeMute(mute)}`),
      "`/papers unmute <number>` takes one back.",
    ].join("\n"),
    visibility: "private",
  };
}
