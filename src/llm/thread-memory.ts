// The earlier questions and answers of each paper thread, bounded, so a follow-up question has its context after a restart too.
import { type MessageRef, postKey } from "../places.js";

/** Turns a conversation keeps: enough for "and what about…?", little enough to stay cheap. */
export const MAX_TURNS = 6;
/** Characters of earlier turns sent with a question; the oldest turns go first. */
export const MAX_HISTORY_CHARS = 4_000;
/** Conversations kept; the least recently used are forgotten first. */
export const MAX_THREADS = 2_000;

export interface ThreadTurn {
  question: string;
  answer: string;
  at: string;
}

export interface ThreadConversation {
  /** The paper message the thread hangs from. */
  root: MessageRef;
  paperId: string;
  turns: ThreadTurn[];
  /** Messages the bot answered with: a reply to one of them continues this conversation. */
  answers: string[];
  updatedAt: string;
}

export interface ThreadMemoryData {
  threads: ThreadConversation[];
}

/** The turns worth sending: the last MAX_TURNS, then the oldest dropped until they fit MAX_HISTORY_CHARS. */
export function boundedTurns(turns: readonly ThreadTurn[]): ThreadTurn[] {
  const kept = turns.slice(-MAX_TURNS);
  const size = (list: ThreadTurn[]) => list.reduce((sum, t) => sum + t.question.length + t.answer.length, 0);
  while (kept.length > 0 && size(kept) > MAX_HISTORY_CHARS) kept.shift();
  return kept;
}

export interface ThreadMemory {
  /** The conversation a message belongs to: one it starts (a paper message) or one the bot answered in. */
  find(message: MessageRef): ThreadConversation | undefined;
  /** Adds a turn to the conversation under `root` (starting it), and notes the bot's answer message. */
  add(root: MessageRef, paperId: string, turn: ThreadTurn, answer?: MessageRef): Promise<void>;
  snapshot(): ThreadMemoryData;
}

/**
 * The conversations, in memory, written through `persist` after each change (a file in the data
 * directory in production; nothing in tests that do not ask for it).
 */
export function createThreadMemory(
  initial: ThreadMemoryData | undefined,
  persist: (data: ThreadMemoryData) => Promise<void> = async () => {},
): ThreadMemory {
  // Insertion order is recency order: a touched conversation is moved to the end.
  const threads = new Map<string, ThreadConversation>();
  const byAnswer = new Map<string, string>();
  const remember = (conversation: ThreadConversation) => {
    const key = postKey(conversation.root);
    threads.delete(key);
    threads.set(key, conversation);
    for (const answer of conversation.answers) byAnswer.set(answer, key);
  };
  for (const conversation of initial?.threads ?? []) remember(conversation);

  const snapshot = (): ThreadMemoryData => ({ threads: [...threads.values()] });

  return {
    find(message) {
      const key = postKey(message);
      return threads.get(key) ?? threads.get(byAnswer.get(key) ?? "");
    },
    async add(root, paperId, turn, answer) {
      const key = postKey(root);
      const existing = threads.get(key);
      const conversation: ThreadConversation =
        existing && existing.paperId === paperId
          ? existing
          : { root, paperId, turns: [], answers: [], updatedAt: turn.at };
      conversation.turns = boundedTurns([...conversation.turns, turn]);
      if (answer) conversation.answers = [...conversation.answers, postKey(answer)].slice(-MAX_TURNS * 2);
      conversation.updatedAt = turn.at;
      remember(conversation);
      while (threads.size > MAX_THREADS) {
        const [oldestKey, oldest] = threads.entries().next().value as [string, ThreadConversation];
        threads.delete(oldestKey);
        for (const a of oldest.answers) if (byAnswer.get(a) === oldestKey) byAnswer.delete(a);
      }
      await persist(snapshot());
    },
    snapshot,
  };
}
