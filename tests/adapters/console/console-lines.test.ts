// The console adapter's own answers to what a person types, with a bot that records what reaches it.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../../adapters/console/index.js";
import type { Bot, BotEvent } from "../../../src/chat/port.js";

/** Runs the console over `lines` with a bot that posts one paper list for "list" and records every event. */
async function consoleRun(
  lines: string[],
  interactive = false,
): Promise<{ out: string; events: BotEvent[] }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  const events: BotEvent[] = [];
  const bot: Bot = {
    commands: [],
    complete: async () => [],
    workspaceRemoved: async () => [],
    async handle(event, respond) {
      events.push(event);
      if (event.type === "command" && event.text === "list")
        await respond({ text: "one paper", visibility: "channel" });
    },
  };
  const port = createConsoleAdapter({ input, output, interactive });
  await port.start(bot);
  input.end(`${lines.join("\n")}\n`);
  await port.closed;
  return { out, events };
}

describe("console lines", () => {
  it(":react with a message but no emoji says the emoji is missing", async () => {
    const { out, events } = await consoleRun(["list", ":react 1"]);
    expect(out).toContain("(which emoji? e.g. :react 1 bookmark)");
    expect(out).not.toContain("no message #1");
    expect(events.filter((e) => e.type === "reaction")).toEqual([]);
  });

  it(":react to a message that is not there says so", async () => {
    const { out } = await consoleRun([":react 7 bookmark"]);
    expect(out).toContain("(no message #7 here");
  });
});

describe("console blank lines", () => {
  it("an empty Enter at a terminal gets a one-line hint; a script's blank line gets none", async () => {
    const atTerminal = await consoleRun(["", "   "], true);
    expect(atTerminal.out.match(/\(type a search, e\.g\. `local sgd`, or `help`/g)).toHaveLength(2);
    expect(atTerminal.events).toEqual([]);
    expect((await consoleRun([""])).out).toBe("");
  });
});
