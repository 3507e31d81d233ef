// The one stand-in for the core's Bot in the adapter tests: records what it gets and answers as told.
import { COMMAND_SPECS } from "../../src/chat/command-specs.js";
import type {
  Bot,
  BotEvent,
  Completion,
  CompletionKind,
  MessageRef,
  PaperCard,
  Reply,
} from "../../src/chat/port.js";

export interface FakeBot extends Bot {
  readonly events: BotEvent[];
  /** What each reply call resolved to (a MessageRef for channel posts, undefined otherwise). */
  readonly refs: (MessageRef | undefined)[];
  /** Errors the reply function threw: recorded, not rethrown, so a test sees the adapter's own error. */
  readonly replyErrors: unknown[];
  readonly completions: { kind: CompletionKind; prefix: string }[];
  /** What the bot answers (undefined: nothing); replace per test. */
  answer: (event: BotEvent) => Reply | undefined;
  /** Holds every handle() until release() is called (to show the ack does not wait for the bot). */
  hold(): void;
  release(): void;
  waitForEvents(count: number, timeoutMs?: number): Promise<BotEvent[]>;
}

/** A paper card as the core builds one; `extra` overrides any field. */
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

/** The paper completions every `complete` call offers. */
export const COMPLETIONS: Completion[] = [
  { label: "Local SGD, revisited (2506.13585)", value: "2506.13585" },
  { label: "Federated fun (2406.12345)", value: "2406.12345" },
];

export function createFakeBot(answer: (event: BotEvent) => Reply | undefined = () => undefined): FakeBot {
  const waiters: (() => void)[] = [];
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  const bot: FakeBot = {
    commands: COMMAND_SPECS,
    events: [],
    refs: [],
    replyErrors: [],
    completions: [],
    answer,
    async workspaceRemoved() {
      return [];
    },
    async handle(event, respond) {
      bot.events.push(event);
      for (const wake of waiters.splice(0)) wake();
      if (gate) await gate;
      const reply = bot.answer(event);
      if (!reply) return;
      try {
        bot.refs.push(await respond(reply));
      } catch (error) {
        bot.replyErrors.push(error);
      }
    },
    async complete(kind, prefix) {
      bot.completions.push({ kind, prefix });
      return COMPLETIONS;
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
