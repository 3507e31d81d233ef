// Issue 9.2 (the lock itself): one writer per data directory, stale locks broken, readers never blocked or able to write.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLock, LOCK_FILE, lockOwner } from "../../src/store/data-dir-lock.js";
import { LowStore } from "../../src/store/low-store.js";

const save = { workspace: "slack:T1", userId: "U1", paperId: "p1", savedAt: "2026-01-01T00:00:00Z" };

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "paperbot-lock-"));
}

/** A pid that is surely not running: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid as number;
}

function lockText(pid: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    pid,
    hostname: hostname(),
    purpose: "paperbot start",
    since: "2026-01-01T00:00:00.000Z",
    token: "old",
    ...extra,
  });
}

describe("the data directory lock", () => {
  it("is held while a store is open, names its holder, and is gone after close", async () => {
    const dir = await tempDir();
    const store = await LowStore.openDirectory(dir, { lock: { purpose: "paperbot start" } });
    expect(await lockOwner(dir)).toMatchObject({ pid: process.pid, purpose: "paperbot start" });
    await store.addSave(save);
    await store.close();
    expect(await lockOwner(dir)).toBeUndefined();
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  it("refuses while a live process holds it, naming the pid and what to do, after waiting as asked", async () => {
    const dir = await tempDir();
    // The parent of this test run is alive and is not us.
    await writeFile(join(dir, LOCK_FILE), lockText(process.ppid));
    const started = Date.now();
    const refused = LowStore.openDirectory(dir, { lock: { purpose: "paperbot save", waitMs: 300 } });
    await expect(refused).rejects.toMatchObject({
      code: "store-locked",
      message: expect.stringContaining(`in use by another paperbot (paperbot start, pid ${process.ppid}`),
      hint: expect.stringMatching(/Stop that paperbot first/),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), "utf8")).token).toBe("old");
  });

  it("waits for a holder that lets go within the wait", async () => {
    const dir = await tempDir();
    const first = await LowStore.openDirectory(dir);
    await first.addSave(save);
    // Another "process" (an older open in this one would be fenced instead): hold the file as a live stranger would.
    await first.close();
    await writeFile(join(dir, LOCK_FILE), lockText(process.ppid));
    setTimeout(() => void rm(join(dir, LOCK_FILE)), 200);
    const second = await LowStore.openDirectory(dir, { lock: { purpose: "paperbot start", waitMs: 5_000 } });
    expect(second.savesOf("slack:T1", "U1")).toHaveLength(1);
    await second.close();
  });

  it("breaks a lock left by a killed process, and one whose pid now belongs to another process", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), lockText(await deadPid()));
    const store = await LowStore.openDirectory(dir);
    expect((await lockOwner(dir))?.pid).toBe(process.pid);
    await store.close();
    // A recycled pid: alive, but started at another time than the holder did.
    await writeFile(join(dir, LOCK_FILE), lockText(process.ppid, { processStart: "1" }));
    const again = await LowStore.openDirectory(dir);
    expect((await lockOwner(dir))?.pid).toBe(process.pid);
    await again.close();
  });

  it("breaks a half-written lock only once it is old", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), "");
    await expect(DataDirLock.acquire(dir, { purpose: "x", waitMs: 100 })).rejects.toMatchObject({
      code: "store-locked",
    });
    await utimes(join(dir, LOCK_FILE), new Date(0), new Date(0));
    const lock = await DataDirLock.acquire(dir, { purpose: "x" });
    await lock.release();
  });

  it("fences an older store of the same process when the directory is opened again (a restart)", async () => {
    const dir = await tempDir();
    const old = await LowStore.openDirectory(dir);
    const current = await LowStore.openDirectory(dir);
    await expect(old.addSave(save)).rejects.toMatchObject({ code: "store-superseded" });
    expect(old.savesIn("slack:T1")).toEqual([]);
    expect(await current.addSave(save)).toBe(true);
    const owner = await lockOwner(dir);
    await old.close(); // releases nothing: the lock is the newer store's
    expect(await lockOwner(dir)).toEqual(owner);
    await current.close();
    expect(await lockOwner(dir)).toBeUndefined();
  });

  it("opens read-only beside a writer, sees every acknowledged write, and refuses to change anything", async () => {
    const dir = await tempDir();
    const writer = await LowStore.openDirectory(dir);
    await writer.addSave(save);
    const reader = await LowStore.openReadOnly(dir);
    expect(reader.savesIn("slack:T1")).toHaveLength(1);
    await expect(reader.addSave({ ...save, userId: "U2" })).rejects.toMatchObject({
      code: "store-read-only",
    });
    await expect(reader.putPapers([])).rejects.toMatchObject({ code: "store-read-only" });
    expect(reader.savesIn("slack:T1")).toHaveLength(1);
    expect((await lockOwner(dir))?.pid).toBe(process.pid);
    await writer.close();
  });

  it("leaves no temp files behind and cleans those of a killed writer", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, ".state.json.4242.7.tmp"), "{ half");
    await writeFile(join(dir, ".state.json.tmp"), "{ half");
    const store = await LowStore.openDirectory(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.addSave({ ...save, userId: `U${i}` })));
    expect((await readdir(dir)).sort()).toEqual([LOCK_FILE, "state.json"]);
    expect(JSON.parse(await readFile(join(dir, "state.json"), "utf8")).saves).toHaveLength(50);
    await store.close();
  });
});
