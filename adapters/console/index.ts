// The console platform: a local #general in the terminal (or a script on stdin) where every command works.
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { PlatformLogger } from "../../src/chat/platform.js";
import type { Actor, Bot, ChatPort, MessageRef, Place, Reply } from "../../src/chat/port.js";
import { dispatch } from "../shared/dispatch.js";
import { SILENT_LOG } from "../shared/silent-log.js";
import { lineToInput } from "./inbound.js";
import { CONSOLE_CHANNEL, CONSOLE_WORKSPACE, createConsoleReplies } from "./reply.js";

export { CONSOLE_CHANNEL, CONSOLE_WORKSPACE } from "./reply.js";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Show a prompt (for a person at a terminal); scripts get none. */
  interactive: boolean;
  user?: string;
  /** Where a failure escaping the core is logged (default: nowhere; the apology still shows). */
  logger?: PlatformLogger;
}

const CONSOLE_HELP = [
  "Type a command as you would after /papers (e.g. `search local sgd`, `help`).",
  ":react N EMOJI   react to message #N (e.g. `:react 2 bookmark`, `:react 1 three`)",
  ":unreact N EMOJI remove that reaction",
  ":press N         press button N of the last reply",
  ":user NAME       act as another person (default: you)",
  ":quit            leave",
].join("\n");

const BLANK_LINE_HINT =
  "(type a search, e.g. `local sgd`, or `help` for commands, `:help` for the console's own)";

export interface ConsolePort extends ChatPort {
  /** Resolves when the input ends or the user quits. */
  readonly closed: Promise<void>;
}

export function createConsoleAdapter(options: ConsoleOptions): ConsolePort {
  let user = options.user ?? "you";
  let readline: Interface | undefined;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const place: Place = { platform: "console", workspaceId: CONSOLE_WORKSPACE, channelId: CONSOLE_CHANNEL };

  const write = (text: string) => options.output.write(`${text}\n`);
  const replies = createConsoleReplies(write);
  const log = options.logger ?? SILENT_LOG;
  const actor = (): Actor => ({
    platform: "console",
    workspaceId: CONSOLE_WORKSPACE,
    userId: user,
    isAdmin: true,
  });

  async function handleLine(bot: Bot, raw: string): Promise<void> {
    const input = lineToInput(raw);
    const respond = async (reply: Reply) => replies.show(reply);
    switch (input.kind) {
      case "blank":
        // At a terminal an empty Enter is someone wondering what to type; a script's blank line is just spacing.
        if (options.interactive) write(BLANK_LINE_HINT);
        return;
      case "quit":
        readline?.close();
        return;
      case "help":
        write(CONSOLE_HELP);
        return;
      case "user":
        user = input.name;
        write(`(you are now ${user})`);
        return;
      case "reaction": {
        const { control, number, emoji } = input;
        const messageId = replies.messageId(Number(number));
        if (!messageId) {
          write(`(no message #${number ?? "?"} here; use ${control} N EMOJI with a number shown as #N)`);
          return;
        }
        if (!emoji) {
          write(`(which emoji? e.g. ${control} ${number} bookmark)`);
          return;
        }
        const target: MessageRef = { ...place, messageId };
        await dispatch(
          bot,
          { type: "reaction", emoji, added: input.added, target, actor: actor() },
          respond,
          log,
        );
        write(`(${input.added ? "reacted" : "removed reaction"} :${emoji}: on #${number})`);
        return;
      }
      case "press": {
        const buttons = replies.lastButtons();
        const button = buttons[Number(input.number) - 1];
        if (!button) {
          write(`(no button ${input.number ?? "?"}; the last reply has ${buttons.length})`);
          return;
        }
        await dispatch(
          bot,
          { type: "action", action: button.action, value: button.value, actor: actor(), place },
          respond,
          log,
        );
        return;
      }
      case "unknown-control":
        write(`(unknown console command ${input.control}; :help lists them)`);
        return;
      case "command":
        await dispatch(bot, { type: "command", text: input.text, actor: actor(), place }, respond, log);
    }
  }

  return {
    platform: "console",
    closed,
    async start(bot: Bot) {
      readline = createInterface({ input: options.input, terminal: false });
      if (options.interactive) {
        write("Type `help` for commands, `:help` for console controls, `:quit` to leave.");
        options.output.write("paperbot> ");
      }
      // Lines are handled one at a time, in order, even when they arrive faster than they are answered.
      let queue = Promise.resolve();
      readline.on("line", (line) => {
        queue = queue
          .then(() => handleLine(bot, line))
          .catch((error) => write(`(error: ${(error as Error).message})`))
          .then(() => {
            if (options.interactive) options.output.write("paperbot> ");
          });
      });
      readline.on("close", () => {
        queue.then(resolveClosed, resolveClosed);
      });
    },
    async stop() {
      readline?.close();
      await closed;
    },
    async post(_place: Place, reply: Reply) {
      const ref = replies.show({ ...reply, visibility: "channel" });
      return ref as MessageRef;
    },
  };
}
