// What the language model keeps between starts, in the data directory: each workspace's spending today and the thread conversations.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../log.js";
import { DurableJsonFile } from "../store/durable-json-file.js";
import type { ThreadMemoryData } from "./thread-memory.js";
import type { BudgetData } from "./token-budget.js";

export const BUDGET_FILE_NAME = "llm-budget.json";
export const THREADS_FILE_NAME = "llm-threads.json";

export interface ModelState {
  budget?: BudgetData;
  threads?: ThreadMemoryData;
  persistBudget?: (data: BudgetData) => Promise<void>;
  persistThreads?: (data: ThreadMemoryData) => Promise<void>;
}

function isBudget(value: unknown): value is BudgetData {
  const v = value as BudgetData | null;
  return typeof v?.day === "string" && typeof v.spent === "object" && v.spent !== null;
}

function isThreads(value: unknown): value is ThreadMemoryData {
  return Array.isArray((value as ThreadMemoryData | null)?.threads);
}

/**
 * Reads both files from `dataDir` (absent or unreadable: a fresh start, logged) and returns writers
 * for them. A write that fails is logged and costs only that memory, never an answer.
 */
export async function openModelState(dataDir: string, log: Logger): Promise<ModelState> {
  await mkdir(dataDir, { recursive: true });
  const budgetFile = new DurableJsonFile<BudgetData>(join(dataDir, BUDGET_FILE_NAME), { fsync: false });
  const threadsFile = new DurableJsonFile<ThreadMemoryData>(join(dataDir, THREADS_FILE_NAME), {
    fsync: false,
  });
  const read = async <T>(file: DurableJsonFile<T>, valid: (v: unknown) => v is T): Promise<T | undefined> => {
    try {
      const value = await file.read();
      if (value === null) return undefined;
      if (valid(value)) return value;
      log.warn({ file: file.path }, "a language model state file has an unknown shape; starting afresh");
    } catch (error) {
      log.warn(
        { err: error, file: file.path },
        "a language model state file could not be read; starting afresh",
      );
    }
    return undefined;
  };
  const writer =
    <T>(file: DurableJsonFile<T>) =>
    (data: T) =>
      file
        .write(data)
        .catch((error: unknown) =>
          log.warn({ err: error, file: file.path }, "a language model state file could not be written"),
        );
  return {
    budget: await read(budgetFile, isBudget),
    threads: await read(threadsFile, isThreads),
    persistBudget: writer(budgetFile),
    persistThreads: writer(threadsFile),
  };
}
