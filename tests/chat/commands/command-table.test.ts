// The one command table: every name and alias dispatches to its spec's handler, help and usage come from the specs.
import { describe, expect, it } from "vitest";
import {
  COMMAND_SPECS,
  COMMANDS_BY_NAME,
  type Command,
  usageSentence,
} from "../../../src/chat/command-specs.js";
import { seededCore } from "../../helpers/core.js";
import { say } from "../chat-helpers.js";

describe("the command table", () => {
  it("will not take a command without its handler", () => {
    // @ts-expect-error a command is its spec and its handler: leaving the handler out does not compile
    const incomplete: Command = { name: "x", summary: "x", usage: "x", examples: ["x"], options: [] };
    expect(incomplete.name).toBe("x");
  });

  it("runs an alias by its command's handler: top is today", async () => {
    expect(COMMANDS_BY_NAME.get("top")).toBe(COMMANDS_BY_NAME.get("today"));
    const { bot } = await seededCore();
    const [today] = await say(bot, "today");
    const [top] = await say(bot, "top");
    expect(top?.text).toBe(today?.text);
    expect(top?.cards?.map((c) => c.id)).toEqual(today?.cards?.map((c) => c.id));
  });

  it("lists every command in help, once, and no alias", async () => {
    const { bot } = await seededCore();
    const [help] = await say(bot, "help");
    for (const spec of COMMAND_SPECS) expect(help?.text).toContain(`/papers ${spec.usage}`);
    expect(help?.text).not.toMatch(/\/papers top\b/);
  });

  it("writes a command's usage from its spec", async () => {
    expect(usageSentence("digest")).toBe(
      '`/papers digest on [HH:MM] [time zone] [topic words… or "a phrase"] [-muted]`, `/papers digest off`, `/papers digest status`, `/papers digest size <1-10>`, `/papers digest weekly on [Mon–Sun] [HH:MM] [time zone]` or `/papers digest weekly off`',
    );
    const { bot } = await seededCore();
    const [reply] = await say(bot, "digest sometimes");
    expect(reply?.text).toContain(usageSentence("digest"));
  });
});
