// A stand-in for the core's Bot: records the events it gets and answers with canned Replies.
import { COMMAND_SPECS } from "../../../src/chat/command-specs.js";
import type { Bot, BotEvent, MessageRef, PaperCard, Reply } from "../../../src/chat/port.js";

export interface FakeBot extends Bot {
  readonly events: BotEvent[];
  /** What each reply call resolved to (a MessageRef for channel posts, undefined otherwise). */
  readonly refs: (MessageRef | undefined)[];
  /** Errors the reply function threw. */
  readonly replyErrors: unknown[];
  /** Holds every handle() until release() is called (to show the ack does not wait for the bot). */
  hold(): void;
  release(): void;
}

export function card(id: string, title: string, extra: Partial<PaperCard> = {}): PaperCard {
  return {
    id,
    title,
    url: `https://arxiv.org/abs/${id}`,
    authors: "Tiancheng Qin, S. Rasoul Etesami",
    published: "2025-06-16",
    upvotes: 12,
    tldr: "Local SGD converges faster with the right step sizes.",
    keyphrases: ["local sgd", "federated learning"],
    links: { abstract: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
    ...extra,
  };
}

/** The canned answers: `search` → two cards in the channel with a more cursor; `export` → private code; … */
export function cannedReply(event: BotEvent): Reply {
  if (event.type === "command") {
    if (event.text.startsWith("search")) {
      return {
        text: "2 papers for local sgd",
        heading: "Papers for “local sgd”",
        cards: [
          card("2506.13585", "Local SGD <!channel> *fast*", { number: 1 }),
          card("2401.00001", "Second & last", { number: 2 }),
        ],
        more: "cursor:2",
        visibility: "channel",
      };
    }
    if (event.text.startsWith("export")) {
      return {
        text: "Your saves as BibTeX",
        code: "@article{qin2025,\n  title={A & B <x>}\n}",
        visibility: "private",
      };
    }
    return { text: `Unknown command <@U0EVE>: ${event.text}`, visibility: "private" };
  }
  if (event.type === "action") return { text: `Saved ${event.value} to your list.`, visibility: "private" };
  if (event.type === "question") return { text: `You asked: ${event.text}`, visibility: "channel" };
  return { text: `Saved it (${event.emoji}).`, visibility: "private" };
}

export function createFakeBot(answer: (event: BotEvent) => Reply | undefined = cannedReply): FakeBot {
  const events: BotEvent[] = [];
  const refs: (MessageRef | undefined)[] = [];
  const replyErrors: unknown[] = [];
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  return {
    events,
    refs,
    replyErrors,
    commands: COMMAND_SPECS,
    async complete() {
      return [];
    },
    async workspaceRemoved() {
      return [];
    },
    async handle(event, respond) {
      events.push(event);
      if (gate) await gate;
      const reply = answer(event);
      if (!reply) return;
      try {
        refs.push(await respond(reply));
      } catch (error) {
        replyErrors.push(error);
      }
    },
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      open();
      gate = undefined;
    },
  };
}
