import { appendFile, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Memory } from "lowdb";
import { describe, expect, it } from "vitest";
import { newPaper } from "../../src/papers/merge.js";
import type { Paper } from "../../src/papers/paper.js";
import { type CorpusFile, JOURNAL_FILE, LowStore } from "../../src/store/low-store.js";
import type { WorkspaceState } from "../../src/store/records.js";
import { parsedSeedPapers } from "../helpers/seeds.js";

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "paperbot-store-"));
}

const save = { workspace: "slack:T1", userId: "U1", paperId: "2401.00001", savedAt: "2026-01-01T00:00:00Z" };

describe("the lowdb store", () => {
  it("keeps papers and workspace state in separate files, and a save does not rewrite the corpus", async () => {
    const dir = await tempDir();
    const store = await LowStore.openDirectory(dir);
    await store.putPapers(parsedSeedPapers().slice(0, 3).map(newPaper));
    const corpusBefore = await readFile(join(dir, "papers.json"), "utf8");
    expect(await store.addSave(save)).toBe(true);
    expect(await readFile(join(dir, "papers.json"), "utf8")).toBe(corpusBefore);
    const state = JSON.parse(await readFile(join(dir, "state.json"), "utf8"));
    expect(state.schemaVersion).toBe(1);
    expect(state.saves).toEqual([save]);
    expect(JSON.parse(corpusBefore).schemaVersion).toBe(1);
  });

  it("makes saves idempotent and reloads them", async () => {
    const dir = await tempDir();
    const store = await LowStore.openDirectory(dir);
    expect(await store.addSave(save)).toBe(true);
    expect(await store.addSave({ ...save, savedAt: "later" })).toBe(false);
    const reopened = await LowStore.openDirectory(dir);
    expect(reopened.savesOf("slack:T1", "U1")).toHaveLength(1);
    expect(await reopened.addSave(save)).toBe(false);
    expect(await reopened.removeSave("slack:T1", "U1", save.paperId)).toBe(true);
    expect(await reopened.removeSave("slack:T1", "U1", save.paperId)).toBe(false);
    expect((await LowStore.openDirectory(dir)).savesOf("slack:T1", "U1")).toEqual([]);
  });

  it("refuses a malformed file with a clear message and leaves it as it was", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "papers.json"), "{ not json");
    await expect(LowStore.openDirectory(dir)).rejects.toMatchObject({
      message: expect.stringMatching(/papers\.json could not be read/),
      hint: expect.stringMatching(/will not overwrite/),
    });
    expect(await readFile(join(dir, "papers.json"), "utf8")).toBe("{ not json");
  });

  it("refuses data written by a newer schema", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "state.json"), JSON.stringify({ schemaVersion: 99 }));
    await expect(LowStore.openDirectory(dir)).rejects.toThrow(/schema version 99/);
  });

  it("scopes saves by workspace", async () => {
    const store = await LowStore.inMemory();
    await store.addSave(save);
    await store.addSave({ ...save, workspace: "discord:G1" });
    expect(store.savesIn("slack:T1")).toHaveLength(1);
    expect(store.savesIn("discord:G1")).toHaveLength(1);
    expect(store.savesIn("slack:T2")).toHaveLength(0);
  });
});

describe("the corpus journal", () => {
  const seeds = (): Paper[] => parsedSeedPapers().map(newPaper);
  const extra = (n: number, tag = "x"): Paper[] =>
    Array.from({ length: n }, (_, i) =>
      newPaper({ ...parsedSeedPapers()[0], arxivId: undefined, title: `Journal paper ${tag} ${i}` } as never),
    );

  /** The seeds hold a few papers twice (the same id), so the store holds fewer than were parsed. */
  const base = new Set(seeds().map((paper) => paper.id)).size;

  async function storeWithSeeds(): Promise<{ dir: string; store: LowStore; corpus: string }> {
    const dir = await tempDir();
    const store = await LowStore.openDirectory(dir);
    await store.putPapers(seeds()); // a batch bigger than a tenth of the corpus: papers.json itself
    return { dir, store, corpus: await readFile(join(dir, "papers.json"), "utf8") };
  }

  it("appends a small batch instead of rewriting papers.json, and a restart replays it over the file", async () => {
    const { dir, store, corpus } = await storeWithSeeds();
    const first = seeds()[0] as Paper;
    await store.putPapers([...extra(3), { ...first, upvotes: 999 }]);
    expect(await readFile(join(dir, "papers.json"), "utf8")).toBe(corpus);
    expect((await readFile(join(dir, JOURNAL_FILE), "utf8")).split("\n")).toHaveLength(2);
    await store.close();
    const reopened = await LowStore.openDirectory(dir);
    expect(reopened.corpus.size).toBe(base + 3);
    expect(reopened.corpus.find("Journal paper x 2")?.title).toBe("Journal paper x 2");
    expect(reopened.corpus.find(first.id)?.upvotes).toBe(999);
    expect((await LowStore.openReadOnly(dir)).corpus.size).toBe(base + 3);
  });

  it("folds the journal into a new papers.json once it holds a tenth of the corpus", async () => {
    const { dir, store } = await storeWithSeeds();
    const tenth = Math.floor(base / 10);
    await store.putPapers(extra(tenth - 2, "a"));
    expect((await stat(join(dir, JOURNAL_FILE))).size).toBeGreaterThan(0);
    await store.putPapers(extra(5, "b")); // over the limit: everything goes to papers.json
    expect((await stat(join(dir, JOURNAL_FILE))).size).toBe(0);
    const file = JSON.parse(await readFile(join(dir, "papers.json"), "utf8")) as { papers: Paper[] };
    expect(file.papers).toHaveLength(base + tenth - 2 + 5);
    await store.close();
    expect((await LowStore.openDirectory(dir)).corpus.size).toBe(base + tenth + 3);
  });

  it("drops a batch a crash cut short, whole, and the next batch does not join it", async () => {
    const { dir, store } = await storeWithSeeds();
    await store.putPapers(extra(2, "kept"));
    await store.close();
    const torn = JSON.stringify(extra(2, "torn"));
    await appendFile(join(dir, JOURNAL_FILE), torn.slice(0, torn.length - 20));
    const reopened = await LowStore.openDirectory(dir);
    expect(reopened.corpus.size).toBe(base + 2);
    expect(reopened.corpus.find("Journal paper torn 0")).toBeUndefined();
    await reopened.putPapers(extra(1, "after"));
    await reopened.close();
    const again = await LowStore.openDirectory(dir);
    expect(again.corpus.size).toBe(base + 3);
    expect(again.corpus.find("Journal paper after 0")).toBeDefined();
  });

  it("refuses a damaged journal with the line and what to do, and leaves it as it was", async () => {
    const { dir, store } = await storeWithSeeds();
    await store.putPapers(extra(1));
    await store.close();
    const journal = join(dir, JOURNAL_FILE);
    await writeFile(journal, `{"not":"a batch"}\n${await readFile(journal, "utf8")}`);
    const damaged = await readFile(journal, "utf8");
    await expect(LowStore.openDirectory(dir)).rejects.toMatchObject({
      message: expect.stringMatching(/papers\.journal\.jsonl line 1 is not a batch of papers/),
      hint: expect.stringMatching(/backup/),
    });
    expect(await readFile(journal, "utf8")).toBe(damaged);
  });
});

describe("a state write that fails", () => {
  /** A state file that refuses writes once `failing` is set: the disk is full, say. */
  class RefusingState extends Memory<WorkspaceState> {
    failing = false;
    override async write(data: WorkspaceState): Promise<void> {
      if (this.failing) throw new Error("disk full");
      await super.write(data);
    }
  }

  it("leaves memory as the disk has it, for every kind of record", async () => {
    const state = new RefusingState();
    const corpus = new Memory<CorpusFile>();
    await corpus.write({ schemaVersion: 1, papers: [] });
    const store = await LowStore.open(corpus, state);
    const channel = "slack:T1:C1";
    const subscription = {
      channel,
      platform: "slack" as const,
      workspaceId: "T1",
      channelId: "C1",
      time: "09:00",
      timeZone: "UTC",
      size: 5,
      topics: [],
      excluded: [],
      createdBy: "U1",
      createdAt: "2026-01-01T00:00:00Z",
    };
    await store.putSubscription(subscription);
    state.failing = true;
    await expect(store.putSubscription({ ...subscription, size: 9 })).rejects.toThrow(/disk full/);
    await expect(store.removeSubscription(channel)).rejects.toThrow(/disk full/);
    expect(store.subscription(channel)).toEqual(subscription);
    const post = {
      ref: { platform: "slack" as const, workspaceId: "T1", channelId: "C1", messageId: "1.1" },
      paperIds: ["2401.00001"],
      postedAt: "2026-01-01T00:00:00Z",
      kind: "digest" as const,
    };
    await expect(store.recordPost(post)).rejects.toThrow(/disk full/);
    expect(store.findPost(post.ref)).toBeUndefined();
    expect(store.postsIn(channel)).toEqual([]);
    await expect(store.putSourceStatus({ name: "arxiv", lastCount: 3 })).rejects.toThrow(/disk full/);
    expect(store.sourceStatuses()).toEqual([]);
    await expect(store.addSave(save)).rejects.toThrow(/disk full/);
    expect(store.savesIn("slack:T1")).toEqual([]);
    state.failing = false;
    expect(await store.addSave(save)).toBe(true);
    await expect(state.read()).resolves.toMatchObject({
      subscriptions: [subscription],
      saves: [save],
      posts: [],
    });
  });
});
