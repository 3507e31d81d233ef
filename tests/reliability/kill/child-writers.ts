// How the crash test's child may write its files: the real store, and weaker writers that show what the test catches.
import { open as openFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Adapter } from "lowdb";
import { JSONFile } from "lowdb/node";
import { type CorpusFile, LowStore } from "../../../src/store/low-store.js";
import type { WorkspaceState } from "../../../src/store/records.js";

/**
 * fsync: the real store (lock, fsync'd temp file, rename, fsync'd directory);
 * no-fsync: the same without the flushes; lowdb: lowdb's own JSONFile (temp file + rename, no lock);
 * in-place: truncates and rewrites each file where it lies, the write path a crash test must catch.
 */
export type ChildWriter = "fsync" | "no-fsync" | "lowdb" | "in-place";

/** Rewrites the file where it lies: a kill mid-write leaves it truncated. Never use this for real data. */
class InPlaceJsonFile<T> implements Adapter<T> {
  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, "utf8")) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async write(data: T): Promise<void> {
    const handle = await openFile(this.path, "w");
    try {
      // In slices, as a large write goes to the disk, so a kill can land between them.
      const text = JSON.stringify(data, null, 2);
      for (let i = 0; i < text.length; i += 16_384) await handle.write(text.slice(i, i + 16_384));
    } finally {
      await handle.close();
    }
  }
}

export async function openChildStore(dataDir: string, writer: ChildWriter): Promise<LowStore> {
  if (writer === "fsync" || writer === "no-fsync") {
    return LowStore.openDirectory(dataDir, {
      // The killed predecessor's lock is stale at once (its pid is gone); a live one would be a harness bug.
      lock: { purpose: "kill-test child", waitMs: 2_000 },
      durability: { fsync: writer === "fsync" },
    });
  }
  const corpus = join(dataDir, "papers.json");
  const state = join(dataDir, "state.json");
  return writer === "lowdb"
    ? LowStore.open(new JSONFile<CorpusFile>(corpus), new JSONFile<WorkspaceState>(state))
    : LowStore.open(new InPlaceJsonFile<CorpusFile>(corpus), new InPlaceJsonFile<WorkspaceState>(state));
}
