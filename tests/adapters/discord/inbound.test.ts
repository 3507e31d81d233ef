// Discord interactions and reactions → BotEvents, as plain input → output.
import { PermissionFlagsBits, PermissionsBitField, ApplicationCommandOptionType as T } from "discord.js";
import { describe, expect, it } from "vitest";
import { decodeCustomId, encodeCustomId } from "../../../adapters/discord/ids.js";
import {
  actionToEvent,
  type CommandView,
  commandToEvent,
  completionRequest,
  reactionToEvent,
} from "../../../adapters/discord/inbound.js";
import { COMMAND_SPECS } from "../../../src/chat/command-specs.js";

const who = (permissions: bigint = PermissionFlagsBits.SendMessages) => ({
  guildId: "g1",
  channelId: "c1",
  user: { id: "u1" },
  memberPermissions: new PermissionsBitField(permissions),
});

function command(
  sub: string,
  options: { name: string; value: string | number; type?: number; focused?: boolean }[] = [],
): CommandView {
  return {
    ...who(),
    commandName: "papers",
    options: {
      data: [{ name: sub, type: T.Subcommand, options: options.map((o) => ({ type: T.String, ...o })) }],
    },
  };
}

describe("commandToEvent", () => {
  it("joins the subcommand and option values in spec order", () => {
    const view = command("digest", [
      { name: "topics", value: "llm   agents" },
      { name: "action", value: "on" },
      { name: "time", value: "09:00" },
    ]);
    expect(commandToEvent(view, COMMAND_SPECS)).toEqual({
      type: "command",
      text: "digest on 09:00 llm agents",
      actor: { platform: "discord", workspaceId: "g1", userId: "u1", isAdmin: false },
      place: { platform: "discord", workspaceId: "g1", channelId: "c1" },
    });
  });

  it("sends the bare subcommand when it has no options", () => {
    expect(commandToEvent(command("today"), COMMAND_SPECS)).toMatchObject({ text: "today" });
  });

  it("marks Manage Server and Administrator as admins", () => {
    const manage = {
      ...command("help"),
      memberPermissions: new PermissionsBitField(PermissionFlagsBits.ManageGuild),
    };
    const administrator = {
      ...command("help"),
      memberPermissions: new PermissionsBitField(PermissionFlagsBits.Administrator),
    };
    expect(commandToEvent(manage, COMMAND_SPECS)).toMatchObject({ actor: { isAdmin: true } });
    expect(commandToEvent(administrator, COMMAND_SPECS)).toMatchObject({ actor: { isAdmin: true } });
  });

  it("ignores DMs, other commands and unknown subcommands", () => {
    expect(commandToEvent({ ...command("help"), guildId: null }, COMMAND_SPECS)).toBeUndefined();
    expect(commandToEvent({ ...command("help"), commandName: "other" }, COMMAND_SPECS)).toBeUndefined();
    expect(commandToEvent(command("nope"), COMMAND_SPECS)).toBeUndefined();
  });
});

describe("actionToEvent", () => {
  it("reads the action and value from a paperbot custom_id", () => {
    expect(
      actionToEvent({ ...who(), customId: "pb:more:page:2", message: { id: "m1", channelId: "c1" } }),
    ).toEqual({
      type: "action",
      action: "more",
      value: "page:2",
      actor: { platform: "discord", workspaceId: "g1", userId: "u1", isAdmin: false },
      place: { platform: "discord", workspaceId: "g1", channelId: "c1" },
      message: { platform: "discord", workspaceId: "g1", channelId: "c1", messageId: "m1" },
    });
  });

  it("ignores another app's buttons", () => {
    expect(
      actionToEvent({ ...who(), customId: "other:save:1", message: { id: "m1", channelId: "c1" } }),
    ).toBeUndefined();
  });

  it("round-trips custom ids and refuses ones over 100 characters", () => {
    expect(decodeCustomId(encodeCustomId("save", "2506.13585") ?? "")).toEqual({
      action: "save",
      value: "2506.13585",
    });
    expect(encodeCustomId("more", "x".repeat(98))).toBeUndefined();
    expect(encodeCustomId("more", "x".repeat(92))).toHaveLength(100);
  });
});

describe("reactionToEvent", () => {
  const base = { added: true, guildId: "g1", channelId: "c1", messageId: "m1", userId: "u1" };

  it("names standard emoji as the core knows them", () => {
    expect(reactionToEvent({ ...base, emojiName: "🔖" })).toEqual({
      type: "reaction",
      emoji: "bookmark",
      added: true,
      target: { platform: "discord", workspaceId: "g1", channelId: "c1", messageId: "m1" },
      actor: { platform: "discord", workspaceId: "g1", userId: "u1" },
    });
    expect(reactionToEvent({ ...base, emojiName: "🔟", added: false })).toMatchObject({
      emoji: "keycap_ten",
      added: false,
    });
    expect(reactionToEvent({ ...base, emojiName: "1⃣" })).toMatchObject({ emoji: "one" });
  });

  it("passes a custom emoji's name, and ignores DMs", () => {
    expect(reactionToEvent({ ...base, emojiName: "save_paper" })).toMatchObject({ emoji: "save_paper" });
    expect(reactionToEvent({ ...base, guildId: null, emojiName: "🔖" })).toBeUndefined();
  });
});

describe("completionRequest", () => {
  it("asks for the kind of the focused option, in the channel it was typed in (unfollow and unmute complete that channel's own)", () => {
    const view = command("show", [{ name: "id", value: " 2506", focused: true }]);
    expect(completionRequest(view, COMMAND_SPECS)).toEqual({
      kind: "paper",
      prefix: "2506",
      actor: { platform: "discord", workspaceId: "g1", userId: "u1", isAdmin: false },
      place: { platform: "discord", workspaceId: "g1", channelId: "c1" },
    });
    const zone = command("digest", [
      { name: "action", value: "on" },
      { name: "timezone", value: "Europe/B", focused: true },
    ]);
    expect(completionRequest(zone, COMMAND_SPECS)).toMatchObject({ kind: "timezone", prefix: "Europe/B" });
    expect(
      completionRequest(command("search", [{ name: "query", value: "x", focused: true }]), COMMAND_SPECS),
    ).toBeUndefined();
  });
});
