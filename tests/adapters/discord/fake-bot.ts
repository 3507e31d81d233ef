// A stand-in for the chat core: records events and answers with canned replies, so the adapter is tested alone.
import { COMMAND_SPECS } from "../../../src/chat/command-specs.js";
import {
  ACTIONS,
  type Bot,
  type BotEvent,
  type Completion,
  type CompletionKind,
  type MessageRef,
  type PaperCard,
  type Reply,
} from "../../../src/chat/port.js";

export function card(id: string, title: string, extra: Partial<PaperCard> = {}): PaperCard {
  return {
    id,
    title,
    url: `https://arxiv.org/abs/${id}`,
    authors: "Tiancheng Qin, S. Rasoul Etesami et al.",
    published: "2025-06-16",
    upvotes: 42,
    tldr: "Local SGD with periodic averaging matches minibatch SGD at a fraction of the communication.",
    keyphrases: ["local sgd", "federated learning"],
    links: { abstract: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
    ...extra,
  };
}

export const PAGE_ONE: Reply = {
  text: "2 papers for local sgd",
  heading: "Results for local sgd",
  cards: [
    card("2506.13585", "Local SGD, revisited", { number: 1 }),
    card("2406.12345", "@everyone Federated *fun*", { number: 2 }),
  ],
  more: "cursor-2",
  visibility: "private",
};

export const PAGE_TWO: Reply = {
  text: "Page 2",
  heading: "More results for local sgd",
  cards: [card("2401.00001", "A third paper", { number: 3 })],
  visibility: "private",
};

export interface FakeBot extends Bot {
  events: BotEvent[];
  responses: (MessageRef | undefined)[];
  completions: { kind: CompletionKind; prefix: string }[];
  /** What the bot answers; replace per test. */
  answer: (event: BotEvent) => Reply | undefined;
  waitForEvents(count: number, timeoutMs?: number): Promise<BotEvent[]>;
}

export function createFakeBot(): FakeBot {
  const waiters: (() => void)[] = [];
  const bot: FakeBot = {
    commands: COMMAND_SPECS,
    events: [],
    responses: [],
    completions: [],
    answer(event) {
      if (event.type === "command") return PAGE_ONE;
      if (event.type === "action" && event.action === ACTIONS.more) return PAGE_TWO;
      if (event.type === "action" && event.action === ACTIONS.save) {
        return { text: `Saved ${event.value} to your list.`, visibility: "private" };
      }
      return undefined;
    },
    async workspaceRemoved() {
      return [];
    },
    async handle(event, respond) {
      bot.events.push(event);
      for (const wake of waiters.splice(0)) wake();
      const reply = bot.answer(event);
      if (reply) bot.responses.push(await respond(reply));
    },
    async complete(kind, prefix): Promise<Completion[]> {
      bot.completions.push({ kind, prefix });
      return [
        { label: "Local SGD, revisited (2506.13585)", value: "2506.13585" },
        { label: "Federated fun (2406.12345)", value: "2406.12345" },
      ];
    },
    waitForEvents(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`saw ${bot.events.length} of ${count} events`)),
          timeoutMs,
        );
        const check = () => {
          if (bot.events.length >= count) {
            clearTimeout(deadline);
            resolve(bot.events);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
  return bot;
}
