// The catch-all every adapter shares: one apology where someone waits, and logs that name ids, never what was typed.
import { expect, it, describe as suite } from "vitest";
import { describe, dispatch } from "../../../adapters/shared/dispatch.js";
import { APOLOGY, type Bot, type BotEvent, type Reply } from "../../../src/chat/port.js";

const place = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const actor = { platform: "slack", workspaceId: "T1", userId: "U1" };
const command: BotEvent = { type: "command", text: "ask 2506.1 my secret plan", actor, place };
const reaction: BotEvent = {
  type: "reaction",
  emoji: "bookmark",
  added: true,
  target: { ...place, messageId: "M1" },
  actor,
};

function failingBot(): Bot {
  return {
    commands: [],
    complete: async () => [],
    workspaceRemoved: async () => [],
    handle: async () => {
      throw new Error("boom");
    },
  };
}

function recordingLog() {
  const lines: { obj: object; msg?: string }[] = [];
  const put = (obj: object, msg?: string) => void lines.push({ obj, msg });
  return { lines, log: { debug: put, info: put, warn: put, error: put } };
}

suite("dispatch", () => {
  it("answers a failed command with the one apology and logs the event by its ids", async () => {
    const replies: Reply[] = [];
    const { lines, log } = recordingLog();
    await dispatch(failingBot(), command, async (reply) => void replies.push(reply), log);
    expect(replies).toEqual([APOLOGY]);
    expect(JSON.stringify(lines)).not.toContain("secret plan");
    expect(lines[0]?.obj).toMatchObject({ event: { type: "command", workspaceId: "T1", userId: "U1" } });
  });

  it("does not apologise when the person was already answered, nor for a reaction", async () => {
    const replies: Reply[] = [];
    const { log } = recordingLog();
    await dispatch(
      failingBot(),
      command,
      async (reply) => void replies.push(reply),
      log,
      () => true,
    );
    await dispatch(failingBot(), reaction, async (reply) => void replies.push(reply), log);
    expect(replies).toEqual([]);
  });

  it("describes every kind of event without the text a person typed", () => {
    expect(describe(command)).toEqual({ type: "command", workspaceId: "T1", channelId: "C1", userId: "U1" });
    expect(describe(reaction)).toMatchObject({ type: "reaction", emoji: "bookmark", messageId: "M1" });
  });
});
