// The console platform: a local #general in the terminal (or a script on stdin) where every command works.
import { randomBytes } from "node:crypto";
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { PlatformLogger } from "../../src/chat/platform.js";
import type { Actor, Bot, Button, ChatPort, MessageRef, Place, Reply } from "../../src/chat/port.js";
import { emojiName } from "../../src/chat/port.js";
import { dispatch } from "../shared/dispatch.js";
import { SILENT_LOG } from "../shared/silent-log.js";
import { renderReply, replyButtons } from "./render.js";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Show a prompt (for a person at a terminal); scripts get none. */
  interactive: boolean;
  user?: string;
  /** Where a failure escaping the core is logged (default: nowhere; the apology still shows). */
  logger?: PlatformLogger;
}

export const CONSOLE_WORKSPACE = "local";
export const CONSOLE_CHANNEL = "general";

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
  // Message ids are unique across sessions, so a reaction never lands on yesterday's #2.
  const session = randomBytes(4).toString("hex");
  const numbers = new Map<number, string>();
  let counter = 0;
  let user = options.user ?? "you";
  let lastButtons: Button[] = [];
  let readline: Interface | undefined;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const place: Place = { platform: "console", workspaceId: CONSOLE_WORKSPACE, channelId: CONSOLE_CHANNEL };

  const write = (text: string) => options.output.write(`${text}\n`);
  const log = options.logger ?? SILENT_LOG;
  const actor = (): Actor => ({
    platform: "console",
    workspaceId: CONSOLE_WORKSPACE,
    userId: user,
    isAdmin: true,
  });

  function show(reply: Reply): MessageRef | undefined {
    lastButtons = replyButtons(reply);
    if (reply.visibility === "private") {
      write(renderReply(reply));
      return undefined;
    }
    counter += 1;
    const messageId = `${session}-${counter}`;
    numbers.set(counter, messageId);
    write(renderReply(reply, counter));
    return { platform: "console", workspaceId: CONSOLE_WORKSPACE, channelId: CONSOLE_CHANNEL, messageId };
  }

  async function handleLine(bot: Bot, raw: string): Promise<void> {
    const line = raw.trim();
    if (line === "") {
      // At a terminal an empty Enter is someone wondering what to type; a script's blank line is just spacing.
      if (options.interactive) write(BLANK_LINE_HINT);
      return;
    }
    const respond = async (reply: Reply) => show(reply);
    const [word = "", ...rest] = line.split(/\s+/);
    switch (word) {
      case ":quit":
      case ":exit":
        readline?.close();
        return;
      case ":help":
        write(CONSOLE_HELP);
        return;
      case ":user":
        user = rest[0] ?? "you";
        write(`(you are now ${user})`);
        return;
      case ":react":
      case ":unreact": {
        const messageId = numbers.get(Number(rest[0]));
        if (!messageId) {
          write(`(no message #${rest[0] ?? "?"} here; use ${word} N EMOJI with a number shown as #N)`);
          return;
        }
        if (!rest[1]) {
          write(`(which emoji? e.g. ${word} ${rest[0]} bookmark)`);
          return;
        }
        const target: MessageRef = { ...place, messageId };
        await dispatch(
          bot,
          { type: "reaction", emoji: emojiName(rest[1]), added: word === ":react", target, actor: actor() },
          respond,
          log,
        );
        write(
          `(${word === ":react" ? "reacted" : "removed reaction"} :${emojiName(rest[1])}: on #${rest[0]})`,
        );
        return;
      }
      case ":press": {
        const button = lastButtons[Number(rest[0]) - 1];
        if (!button) {
          write(`(no button ${rest[0] ?? "?"}; the last reply has ${lastButtons.length})`);
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
      default: {
        if (word.startsWith(":")) {
          write(`(unknown console command ${word}; :help lists them)`);
          return;
        }
        const text = line.replace(/^\/papers\b\s*/, "");
        await dispatch(bot, { type: "command", text, actor: actor(), place }, respond, log);
      }
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
      const ref = show({ ...reply, visibility: "channel" });
      return ref as MessageRef;
    },
  };
}
