// One writer per data directory: a lock file naming its holder, taken atomically and broken only when its holder is dead.
import { randomBytes } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { link, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { UserError } from "../errors.js";

export const LOCK_FILE = "paperbot.lock";

/** What the lock file says about its holder, so a refused process can say who to stop. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** The holder's start time as the kernel counts it (Linux), so a recycled pid is not taken for it. */
  processStart?: string;
  /** What the holder is doing: "bot", "cli save", … */
  purpose: string;
  since: string;
  token: string;
}

export interface LockOptions {
  /** What this process is doing, shown to anyone it blocks. */
  purpose: string;
  /** How long to wait for a busy directory before refusing (default 0: refuse at once). */
  waitMs?: number;
  /** What the refused user should do, after the sentence naming the holder. */
  busyHint?: string;
}

const POLL_MS = 50;
/** A lock file with no readable owner is being written right now, or was left half-written long ago. */
const UNREADABLE_GRACE_MS = 5_000;

/** Locks this process holds, by path: the newest holder in a process wins (a restart, in tests). */
const heldHere = new Map<string, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A process that exits without closing its store (an error, process.exit) still lets the next one in.
  process.on("exit", () => {
    for (const [path, token] of heldHere) {
      try {
        const owner = JSON.parse(readFileSync(path, "utf8")) as LockOwner;
        if (owner.token === token) unlinkSync(path);
      } catch {
        // already gone, or someone else's now
      }
    }
  });
}

function processStartOf(pid: number): string | undefined {
  try {
    // Field 22 of /proc/PID/stat, counted after the command name (which may hold spaces and parentheses).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true; // cannot tell from here: assume it is
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  if (owner.pid === process.pid) return true;
  const start = processStartOf(owner.pid);
  return !(owner.processStart && start && start !== owner.processStart);
}

async function readOwner(path: string): Promise<LockOwner | "missing" | "unreadable"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    return typeof owner.pid === "number" && typeof owner.token === "string" ? owner : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** Creates the lock file with its whole content in one step, or fails with EEXIST. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temp, content);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    // No hard links on this file system: an exclusive create is nearly as good.
    try {
      await writeFile(path, content, { flag: "wx" });
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw inner;
    }
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Moves a dead holder's lock aside. The rename succeeds for one process only; if what it moved is not
 * the stale lock it read (another process broke it and locked first), it puts that lock back.
 */
async function breakStale(path: string, stale: LockOwner | "unreadable"): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = await readOwner(aside);
  const same =
    stale === "unreadable"
      ? moved === "unreadable"
      : typeof moved === "object" && moved.token === stale.token;
  if (!same) await link(aside, path).catch(() => undefined);
  await rm(aside, { force: true });
}

function describeOwner(dir: string, owner: LockOwner): string {
  const where = owner.hostname === hostname() ? "" : ` on ${owner.hostname}`;
  return `${dir} is in use by another paperbot (${owner.purpose}, pid ${owner.pid}${where}, since ${owner.since}).`;
}

export class DataDirLock {
  private released = false;

  private constructor(
    readonly path: string,
    readonly owner: LockOwner,
  ) {}

  /** Takes the lock on `dir`, waiting up to `waitMs` for another process to let go; refuses with who holds it. */
  static async acquire(dir: string, options: LockOptions): Promise<DataDirLock> {
    const path = join(resolve(dir), LOCK_FILE);
    const owner: LockOwner = {
      pid: process.pid,
      hostname: hostname(),
      processStart: processStartOf(process.pid),
      purpose: options.purpose,
      since: new Date().toISOString(),
      token: randomBytes(12).toString("hex"),
    };
    const content = `${JSON.stringify(owner, null, 2)}\n`;
    installExitHook();
    const deadline = Date.now() + (options.waitMs ?? 0);
    for (;;) {
      if (heldHere.has(path)) {
        // Held by an earlier store of this very process: that store is superseded, and fenced off.
        await writeFile(`${path}.${owner.token}.tmp`, content);
        await rename(`${path}.${owner.token}.tmp`, path);
        heldHere.set(path, owner.token);
        return new DataDirLock(path, owner);
      }
      if (await createExclusive(path, content)) {
        heldHere.set(path, owner.token);
        return new DataDirLock(path, owner);
      }
      const current = await readOwner(path);
      if (current === "missing") continue;
      if (current === "unreadable") {
        const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
        if (age > UNREADABLE_GRACE_MS) {
          await breakStale(path, "unreadable");
          continue;
        }
      } else if (!isAlive(current)) {
        await breakStale(path, current);
        continue;
      }
      if (Date.now() >= deadline) {
        const message =
          current === "unreadable"
            ? `${dir} is locked by another paperbot (${path} is being written).`
            : describeOwner(dir, current);
        throw new UserError(
          "store-locked",
          message,
          options.busyHint ??
            `Stop that paperbot first, or use another --data-dir. If it is surely not running, delete ${path}.`,
        );
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))),
      );
    }
  }

  /** True while this is the lock's newest holder in this process and it was not released. */
  get current(): boolean {
    return !this.released && heldHere.get(this.path) === this.owner.token;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (heldHere.get(this.path) !== this.owner.token) return;
    heldHere.delete(this.path);
    const current = await readOwner(this.path);
    if (typeof current === "object" && current.token === this.owner.token)
      await rm(this.path, { force: true });
  }
}

/** Who holds the lock on `dir` now, if anyone (for messages and tests). */
export async function lockOwner(dir: string): Promise<LockOwner | undefined> {
  const owner = await readOwner(join(resolve(dir), LOCK_FILE));
  return typeof owner === "object" ? owner : undefined;
}
