import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newPaper } from "../../src/papers/merge.js";
import { LowStore } from "../../src/store/low-store.js";
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
