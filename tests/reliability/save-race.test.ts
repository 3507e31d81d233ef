// Issue 21.1: a double press of save or un-save answers only what the disk already holds, in both stores.
import { Memory } from "lowdb";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CorpusFile, LowStore } from "../../src/store/low-store.js";
import { PgStore } from "../../src/store/postgres/pg-store.js";
import type { SaveRecord, WorkspaceState } from "../../src/store/records.js";
import {
  createDatabase,
  postgresAvailable,
  startTestPostgres,
  type TestPostgres,
} from "../helpers/postgres.js";

const save: SaveRecord = {
  workspace: "slack:T1",
  userId: "U1",
  paperId: "p1",
  savedAt: "2026-01-01T00:00:00Z",
};

/** A state file whose writes reach "the disk" only when the test lets them, or fail when it says so. */
class GatedFile {
  onDisk: WorkspaceState | null = null;
  private waiting: { data: WorkspaceState; settle: (error?: Error) => void }[] = [];

  async read(): Promise<WorkspaceState | null> {
    return this.onDisk;
  }

  write(data: WorkspaceState): Promise<void> {
    const copy = structuredClone(data);
    return new Promise((resolve, reject) => {
      this.waiting.push({
        data: copy,
        settle: (error) => {
          if (error) return reject(error);
          this.onDisk = copy;
          resolve();
        },
      });
    });
  }

  get writesWaiting(): number {
    return this.waiting.length;
  }

  /** Lets the oldest waiting write through (or fails it). */
  finishOne(error?: Error): void {
    this.waiting.shift()?.settle(error);
  }

  savesOnDisk(): SaveRecord[] {
    return this.onDisk?.saves ?? [];
  }
}

async function gatedStore(): Promise<{ store: LowStore; file: GatedFile }> {
  const file = new GatedFile();
  const store = await LowStore.open(new Memory<CorpusFile>(), file);
  return { store, file };
}

/** Lets every pending callback and timer-free promise run, so a premature answer would have arrived. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The answer of a promise so far: undefined while it is pending. */
function answerOf<T>(promise: Promise<T>): () => T | Error | undefined {
  let answer: T | Error | undefined;
  promise.then(
    (value) => {
      answer = value;
    },
    (error: Error) => {
      answer = error;
    },
  );
  return () => answer;
}

describe("a double press on the lowdb store", () => {
  it("the second save answers 'already saved' only once the first is on disk, and lists show only written saves", async () => {
    const { store, file } = await gatedStore();
    const first = answerOf(store.addSave(save));
    const second = answerOf(store.addSave({ ...save, savedAt: "2026-01-01T00:00:01Z" }));
    await settle();
    expect(file.writesWaiting).toBe(1);
    expect(first()).toBeUndefined();
    expect(second()).toBeUndefined();
    expect(store.savesOf(save.workspace, save.userId)).toEqual([]);
    expect(store.savesIn(save.workspace)).toEqual([]);

    file.finishOne();
    await settle();
    expect(file.savesOnDisk()).toEqual([save]);
    expect(first()).toBe(true);
    expect(second()).toBe(false);
    expect(store.savesOf(save.workspace, save.userId)).toEqual([save]);
  });

  it("the second un-save answers 'not saved' only once the first is on disk, and lists show the save until then", async () => {
    const { store, file } = await gatedStore();
    const saved = store.addSave(save);
    await settle();
    file.finishOne();
    expect(await saved).toBe(true);

    const first = answerOf(store.removeSave(save.workspace, save.userId, save.paperId));
    const second = answerOf(store.removeSave(save.workspace, save.userId, save.paperId));
    await settle();
    expect(first()).toBeUndefined();
    expect(second()).toBeUndefined();
    expect(store.savesOf(save.workspace, save.userId)).toEqual([save]);

    file.finishOne();
    await settle();
    expect(file.savesOnDisk()).toEqual([]);
    expect(first()).toBe(true);
    expect(second()).toBe(false);
    expect(store.savesOf(save.workspace, save.userId)).toEqual([]);
  });

  it("when the first write fails, the waiting press writes the save itself and says so", async () => {
    const { store, file } = await gatedStore();
    const first = answerOf(store.addSave(save));
    const second = answerOf(store.addSave(save));
    await settle();
    file.finishOne(new Error("disk full"));
    await settle();
    expect(first()).toBeInstanceOf(Error);
    expect(second()).toBeUndefined();
    expect(file.writesWaiting).toBe(1);
    file.finishOne();
    await settle();
    expect(second()).toBe(true);
    expect(file.savesOnDisk()).toEqual([save]);
  });

  it("a save and an un-save of the same paper pressed together run one after the other", async () => {
    const { store, file } = await gatedStore();
    const saving = answerOf(store.addSave(save));
    const unsaving = answerOf(store.removeSave(save.workspace, save.userId, save.paperId));
    await settle();
    file.finishOne();
    await settle();
    expect(saving()).toBe(true);
    expect(unsaving()).toBeUndefined();
    expect(file.savesOnDisk()).toEqual([save]);
    file.finishOne();
    await settle();
    expect(unsaving()).toBe(true);
    expect(file.savesOnDisk()).toEqual([]);
  });

  it("other people's saves are not held up by one person's pending write", async () => {
    const { store, file } = await gatedStore();
    const mine = answerOf(store.addSave(save));
    const theirs = answerOf(store.addSave({ ...save, userId: "U2" }));
    await settle();
    expect(file.writesWaiting).toBe(2);
    file.finishOne();
    file.finishOne();
    await settle();
    expect([mine(), theirs()]).toEqual([true, true]);
  });
});

describe.runIf(postgresAvailable())("a double press on the PostgreSQL store", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("whichever press answers first, the save is committed when it answers; un-saves likewise", async () => {
    const url = await createDatabase(server, "save_race");
    const store = await PgStore.open(url, { pollMs: 0 });
    const reader = new pg.Client(url);
    await reader.connect();
    const committed = async () =>
      (
        await reader.query(
          "SELECT count(*)::int AS n FROM saves WHERE workspace = $1 AND user_id = $2 AND paper_id = $3 AND NOT removed",
          [save.workspace, save.userId, save.paperId],
        )
      ).rows[0]?.n as number;
    try {
      for (let round = 0; round < 20; round++) {
        const presses = [store.addSave(save), store.addSave(save)];
        const firstAnswer = await Promise.race(presses);
        expect(await committed(), `round ${round}, save answered ${firstAnswer}`).toBe(1);
        expect((await Promise.all(presses)).filter(Boolean)).toHaveLength(1);

        const unpresses = [
          store.removeSave(save.workspace, save.userId, save.paperId),
          store.removeSave(save.workspace, save.userId, save.paperId),
        ];
        const firstUnanswer = await Promise.race(unpresses);
        expect(await committed(), `round ${round}, un-save answered ${firstUnanswer}`).toBe(0);
        expect((await Promise.all(unpresses)).filter(Boolean)).toHaveLength(1);
      }
    } finally {
      await reader.end();
      await store.close();
    }
  }, 60_000);
});

describe("a double press of 'not for us' on the lowdb store", () => {
  it("the second dismissal answers 'already' only once the first is on disk, and a failed write leaves it undismissed", async () => {
    const { store, file } = await gatedStore();
    const dismissal = {
      workspace: "slack:T1",
      userId: "U1",
      paperId: "p1",
      dismissedAt: "2026-01-01T00:00:00Z",
    };
    const first = answerOf(store.addDismissal(dismissal));
    const second = answerOf(store.addDismissal(dismissal));
    await settle();
    expect(second()).toBeUndefined();
    file.finishOne(new Error("disk full"));
    await settle();
    expect(first()).toBeInstanceOf(Error);
    // The first did not reach the disk, so the second dismisses for real and answers so once written.
    expect(second()).toBeUndefined();
    expect(file.writesWaiting).toBe(1);
    file.finishOne();
    await settle();
    expect(second()).toBe(true);
    expect(file.onDisk?.dismissals).toEqual([dismissal]);
  });
});
