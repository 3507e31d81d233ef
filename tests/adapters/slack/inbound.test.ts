// Slack payloads to BotEvents: pure input → output.
import { describe, expect, it } from "vitest";
import { decodeActionId, encodeActionId } from "../../../adapters/slack/ids.js";
import {
  actionToEvent,
  commandToEvent,
  isWorkspaceAdmin,
  reactionToEvent,
  removalOf,
} from "../../../adapters/slack/inbound.js";
import { blockActionsPayload } from "../../fakes/slack-requests.js";

describe("commandToEvent", () => {
  it("keeps the text after the command, trimmed, scoped to the team", () => {
    expect(
      commandToEvent({ team_id: "T1", channel_id: "C1", user_id: "U1", text: "  search local sgd " }),
    ).toEqual({
      type: "command",
      text: "search local sgd",
      actor: { platform: "slack", workspaceId: "T1", userId: "U1" },
      place: { platform: "slack", workspaceId: "T1", channelId: "C1" },
    });
  });
});

describe("actionToEvent", () => {
  const click = (fields: Partial<Parameters<typeof blockActionsPayload>[0]> = {}) => {
    const body = blockActionsPayload({
      actionId: "paperbot:save:card3",
      value: "2506.1",
      responseUrl: "x",
      ...fields,
    });
    return actionToEvent(body as never, (body.actions as never[])[0] as never);
  };

  it("decodes the action name and keeps the clicked message", () => {
    expect(click()).toEqual({
      type: "action",
      action: "save",
      value: "2506.1",
      actor: { platform: "slack", workspaceId: "T0TEAM", userId: "U0ALICE" },
      place: { platform: "slack", workspaceId: "T0TEAM", channelId: "C0CHAN" },
      message: {
        platform: "slack",
        workspaceId: "T0TEAM",
        channelId: "C0CHAN",
        messageId: "1700000000.000001",
      },
    });
  });

  it("answers in the thread a button was clicked in", () => {
    expect(click({ threadTs: "1699999999.000001" })).toMatchObject({
      place: { threadId: "1699999999.000001" },
    });
  });

  it("gives no message ref for an ephemeral message", () => {
    expect(click({ ephemeral: true })).not.toHaveProperty("message");
  });

  it("ignores buttons that are not paperbot's", () => {
    expect(click({ actionId: "other" })).toBeUndefined();
  });
});

describe("action ids", () => {
  it("round-trip action names, colons included", () => {
    expect(decodeActionId(encodeActionId("save", "card0"))).toBe("save");
    expect(decodeActionId(encodeActionId("digest:size", 2))).toBe("digest:size");
    expect(decodeActionId("paperbot:")).toBeUndefined();
    expect(decodeActionId("elsewhere:save:1")).toBeUndefined();
  });
});

describe("reactionToEvent", () => {
  const base = {
    type: "reaction_added" as const,
    user: "U1",
    reaction: "bookmark",
    item: { type: "message", channel: "C1", ts: "1.2" },
  };

  it("maps a reaction on a message, with Slack names normalised", () => {
    expect(reactionToEvent(base, "T1")).toEqual({
      type: "reaction",
      emoji: "bookmark",
      added: true,
      target: { platform: "slack", workspaceId: "T1", channelId: "C1", messageId: "1.2" },
      actor: { platform: "slack", workspaceId: "T1", userId: "U1" },
    });
    expect(
      reactionToEvent({ ...base, type: "reaction_removed", reaction: "star::skin-tone-2" }, "T1"),
    ).toMatchObject({
      emoji: "star",
      added: false,
    });
  });

  it("ignores the bot's own reactions and reactions on files", () => {
    expect(reactionToEvent(base, "T1", "U1")).toBeUndefined();
    expect(reactionToEvent({ ...base, item: { type: "file" } }, "T1")).toBeUndefined();
  });
});

describe("isWorkspaceAdmin", () => {
  it("counts admins and owners", () => {
    expect(isWorkspaceAdmin({ is_admin: true })).toBe(true);
    expect(isWorkspaceAdmin({ is_owner: true })).toBe(true);
    expect(isWorkspaceAdmin({ is_primary_owner: true })).toBe(true);
    expect(isWorkspaceAdmin({})).toBe(false);
    expect(isWorkspaceAdmin(undefined)).toBeUndefined();
  });
});

describe("removalOf", () => {
  const team = { teamId: "T1", enterpriseId: undefined, isEnterpriseInstall: false };

  it("app_uninstalled removes the team's installation", () => {
    expect(removalOf({ type: "app_uninstalled" }, team)).toEqual({
      reason: "app_uninstalled",
      teamId: "T1",
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
  });

  it("tokens_revoked counts only when a bot token is among the revoked", () => {
    expect(removalOf({ type: "tokens_revoked", tokens: { bot: ["UB"] } }, team)?.reason).toBe(
      "tokens_revoked",
    );
    expect(removalOf({ type: "tokens_revoked", tokens: { oauth: ["U1", "U2"] } }, team)).toBeUndefined();
    expect(removalOf({ type: "tokens_revoked", tokens: { oauth: ["U1"], bot: [] } }, team)).toBeUndefined();
    expect(removalOf({ type: "tokens_revoked" }, team)).toBeUndefined();
  });

  it("an org-wide install is keyed by its enterprise; a grid workspace keeps both ids", () => {
    expect(removalOf({ type: "app_uninstalled" }, { enterpriseId: "E1", isEnterpriseInstall: true })).toEqual(
      { reason: "app_uninstalled", teamId: undefined, enterpriseId: "E1", isEnterpriseInstall: true },
    );
    expect(removalOf({ type: "app_uninstalled" }, { teamId: "T1", enterpriseId: "E1" })).toMatchObject({
      teamId: "T1",
      enterpriseId: "E1",
      isEnterpriseInstall: false,
    });
  });

  it("ignores other events and events that name no installation", () => {
    expect(removalOf({ type: "reaction_added" }, team)).toBeUndefined();
    expect(removalOf({ type: "app_uninstalled" }, {})).toBeUndefined();
    expect(
      removalOf({ type: "app_uninstalled" }, { isEnterpriseInstall: true, teamId: "T1" }),
    ).toBeUndefined();
  });
});
