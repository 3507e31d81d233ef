// The thread memory: bounded turns and threads, replies to an answer find their conversation, and a reopened data directory keeps them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openModelState, THREADS_FILE_NAME } from "../../src/llm/model-state.js";
import {
  boundedTurns,
  createThreadMemory,
  MAX_HISTORY_CHARS,
  MAX_THREADS,
  MAX_TURNS,
} from "../../src/llm/thread-memory.js";
import { TokenBudget } from "../../src/llm/token-budget.js";
import { memoryLogger } from "../helpers/core.js";

const ref = (messageId: string) => ({ platform: "slack", workspaceId: "T1", channelId: "C1", messageId });
const turn = (n: number, size = 10) => ({
  question: `q${n}`.padEnd(size, "."),
  answer: `a${n}`,
  at: `t${n}`,
});

describe("thread memory", () => {
  it("keeps the last turns, within the character cap, oldest dropped first", () => {
    const many = Array.from({ length: MAX_TURNS + 3 }, (_, i) => turn(i));
    expect(boundedTurns(many).map((t) => t.answer)).toEqual(many.slice(-MAX_TURNS).map((t) => t.answer));
    const big = [turn(1, MAX_HISTORY_CHARS), turn(2, 100)];
    expect(boundedTurns(big).map((t) => t.answer)).toEqual(["a2"]);
  });

  it("finds a conversation by its paper message and by the bot's answers in it", async () => {
    const memory = createThreadMemory(undefined);
    await memory.add(ref("root"), "p1", turn(1), ref("answer1"));
    expect(memory.find(ref("root"))?.turns).toHaveLength(1);
    expect(memory.find(ref("answer1"))?.root).toEqual(ref("root"));
    expect(memory.find({ ...ref("root"), workspaceId: "T2" })).toBeUndefined();
  });

  it("forgets the least recently used conversation past the cap", async () => {
    const memory = createThreadMemory(undefined);
    for (let i = 0; i <= MAX_THREADS; i++) await memory.add(ref(`m${i}`), "p", turn(i), ref(`a${i}`));
    expect(memory.find(ref("m0"))).toBeUndefined();
    expect(memory.find(ref("a0"))).toBeUndefined();
    expect(memory.find(ref(`m${MAX_THREADS}`))).toBeDefined();
    expect(memory.snapshot().threads).toHaveLength(MAX_THREADS);
  });
});

describe("the model's state in the data directory", () => {
  it("keeps conversations and today's spending across a reopen, and starts afresh from a broken file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperbot-llm-state-"));
    try {
      const log = memoryLogger().log;
      const first = await openModelState(dir, log);
      const memory = createThreadMemory(first.threads, first.persistThreads);
      await memory.add(ref("root"), "p1", turn(1), ref("answer1"));
      const day = new Date("2026-11-22T12:00:00Z");
      const budget = new TokenBudget(1_000, first.budget, first.persistBudget);
      await budget.spend("slack:T1", 900, day);

      const second = await openModelState(dir, log);
      expect(createThreadMemory(second.threads).find(ref("answer1"))?.turns).toEqual([turn(1)]);
      const reopened = new TokenBudget(1_000, second.budget);
      expect(reopened.allows("slack:T1", 200, day)).toBe(false);
      expect(reopened.allows("slack:T1", 100, day)).toBe(true);
      // A new UTC day starts from nothing, whatever the file says.
      expect(reopened.allows("slack:T1", 1_000, new Date("2026-11-23T00:00:01Z"))).toBe(true);

      writeFileSync(join(dir, THREADS_FILE_NAME), "{not json");
      expect((await openModelState(dir, log)).threads).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
