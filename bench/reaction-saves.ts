// The save path both store benchmarks time: reactions on digest messages the bot posted, through the bot into the store.
import type { Bot, BotEvent } from "../src/chat/port.js";
import type { Store } from "../src/store/store.js";
import { since } from "./stats.js";

const NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "keycap_ten"];
const place = { platform: "slack", workspaceId: "T0TEAM", channelId: "C0CHAN" } as const;

function messageId(message: number): string {
  return `17000000${message}.000100`;
}

/** Ten digest-like messages listing ten papers each, recorded as the bot records what it posts. */
export async function recordDigestMessages(store: Store): Promise<void> {
  const papers = [...store.corpus.all()];
  for (let m = 0; m < 10; m++) {
    await store.recordPost({
      ref: { ...place, messageId: messageId(m) },
      paperIds: Array.from({ length: 10 }, (_, i) => papers[(m * 10 + i) % papers.length]?.id as string),
      postedAt: "2025-11-01T09:00:00.000Z",
      kind: "digest",
    });
  }
}

/** Times `count` number-emoji reactions on those messages, each by a new user (so each is a new save). */
export async function timeReactionSaves(bot: Bot, count: number, userPrefix = "U"): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const event: BotEvent = {
      type: "reaction",
      emoji: NUMBERS[i % 10] as string,
      added: true,
      target: { ...place, messageId: messageId(Math.floor(i / 10) % 10) },
      actor: { platform: "slack", workspaceId: "T0TEAM", userId: `${userPrefix}${i}` },
    };
    const started = performance.now();
    await bot.handle(event, async () => undefined);
    times.push(since(started));
  }
  return times;
}
