// The crash-safety harness: streams saves, un-saves and ingests into a child paperbot, SIGKILLs it at random
// moments, and after every kill checks the files against what the child had acknowledged.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { LowStore } from "../../../src/store/low-store.js";
import type { ChildWriter } from "./child-writers.js";
import { batchTitle, writeListingBatch } from "./listing-batch.js";

const CHILD = fileURLToPath(new URL("./kill-child.ts", import.meta.url));
const PROJECT_ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const WORKSPACE = "console:kill";
const USERS = ["ana", "bo", "cy", "di"];
const PAPERS_SAVED = 12;
const MAX_IN_FLIGHT = 6;

export interface KillCampaignOptions {
  dir: string;
  kills: number;
  seed: number;
  /** How the child writes (see kill-child.ts): the real store, or weaker writers to show what the check catches. */
  durability?: ChildWriter;
  batchSize?: number;
  /** Stop early (with fewer kills, which the caller sees) once this much time has passed. */
  maxMs: number;
  /**
   * Send every save and un-save twice at once, as a person double-pressing: whichever answer comes first
   * must already be true on disk (issue 21.1).
   */
  doublePress?: boolean;
}

export interface KillCampaignResult {
  kills: number;
  /** Kills that landed while at least one write was in flight. */
  killsMidWrite: number;
  /** Kills during start-up, before the child said it was ready (opening, taking a stale lock). */
  killsDuringStart: number;
  operationsAcknowledged: number;
  /** Acknowledged saves found present exactly once, summed over every check. */
  savesChecked: number;
  /** Acknowledged un-saves found absent, summed over every check. */
  unsavesChecked: number;
  batchesIngested: number;
  papersChecked: number;
  problems: string[];
  ms: number;
}

/** A small seeded generator (mulberry32), so a failing run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pending {
  op: "save" | "unsave" | "ingest";
  key?: string;
  batch?: number;
  before?: boolean;
  /** The presses of one save or un-save (two when double-pressed) and how each was answered. */
  presses?: Presses;
}

interface Presses {
  sent: number;
  answers: string[];
}

class Child {
  readonly process: ChildProcess;
  readonly exited: Promise<NodeJS.Signals | number | null>;
  ready = false;
  private stderr = "";
  private onReply: (seq: number, text: string) => void = () => {};
  private readyWaiters: (() => void)[] = [];

  constructor(dir: string, durability: string) {
    this.process = spawn(process.execPath, ["--import", "tsx", CHILD, dir, durability], {
      cwd: PROJECT_ROOT,
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    this.process.stdin?.on("error", () => undefined); // writes racing the kill
    this.process.stderr?.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) =>
      this.process.on("exit", (code, signal) => resolve(signal ?? code)),
    );
    createInterface({ input: this.process.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      if (line.startsWith("ready ")) {
        this.ready = true;
        for (const waiter of this.readyWaiters) waiter();
        return;
      }
      const space = line.indexOf(" ");
      this.onReply(Number(line.slice(0, space)), line.slice(space + 1));
    });
  }

  replies(handler: (seq: number, text: string) => void): void {
    this.onReply = handler;
  }

  async waitReady(timeoutMs: number): Promise<void> {
    if (this.ready) return;
    const ready = new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    const exited = this.exited.then((how) => {
      throw new Error(`the child exited (${String(how)}) before it was ready: ${this.stderr.slice(-2000)}`);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the child was not ready in ${timeoutMs} ms: ${this.stderr.slice(-2000)}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([ready, exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  send(line: string): void {
    this.process.stdin?.write(`${line}\n`);
  }

  async kill(): Promise<NodeJS.Signals | number | null> {
    this.process.kill("SIGKILL");
    return this.exited;
  }

  async end(): Promise<NodeJS.Signals | number | null> {
    this.process.stdin?.end();
    return this.exited;
  }
}

export async function runKillCampaign(options: KillCampaignOptions): Promise<KillCampaignResult> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const durability = options.durability ?? "fsync";
  // Small enough that batches go to the corpus journal (a tenth of the corpus), and every few
  // batches the journal is full and papers.json is rewritten: kills land in appends, rewrites and clears.
  const batchSize = options.batchSize ?? 8;
  const listings = join(options.dir, "..", `${options.dir.split("/").pop()}-listings`);
  await mkdir(listings, { recursive: true });

  const result: KillCampaignResult = {
    kills: 0,
    killsMidWrite: 0,
    killsDuringStart: 0,
    operationsAcknowledged: 0,
    savesChecked: 0,
    unsavesChecked: 0,
    batchesIngested: 0,
    papersChecked: 0,
    problems: [],
    ms: 0,
  };
  const problem = (text: string) => {
    if (result.problems.length < 50) result.problems.push(`${text} (seed ${options.seed})`);
  };

  /** What the child acknowledged: saved or not, per "user paper". */
  const expected = new Map<string, boolean>();
  /** Batches: true once acknowledged (or found whole on disk), false once found absent. */
  const batches = new Map<number, boolean>();
  let seedIds: string[] = [];
  let nextBatch = 0;
  let seq = 0;

  const verify = async (inFlight: Map<number, Pending>) => {
    let store: LowStore;
    let rawPapers: { id: string; title: string }[];
    try {
      store = await LowStore.openReadOnly(options.dir);
      rawPapers = (JSON.parse(await readFile(join(options.dir, "papers.json"), "utf8")) as { papers: [] })
        .papers;
    } catch (error) {
      problem(`after kill ${result.kills} the store did not load: ${(error as Error).message}`);
      return;
    }
    const rawIds = new Set(rawPapers.map((p) => p.id));
    if (rawIds.size !== rawPapers.length) problem(`after kill ${result.kills} papers.json has duplicate ids`);
    // What a restart sees: papers.json with the journal of later batches replayed over it.
    const papers = [...store.corpus.all()];
    const ids = new Set(papers.map((p) => p.id));
    for (const id of seedIds)
      if (!ids.has(id)) problem(`after kill ${result.kills} seed paper ${id} is gone`);
    const titles = new Set(papers.map((p) => p.title));
    const unknownBatches = new Set(
      [...inFlight.values()].flatMap((p) => (p.op === "ingest" ? [p.batch] : [])),
    );
    for (let batch = 0; batch < nextBatch; batch++) {
      let present = 0;
      for (let i = 0; i < batchSize; i++) if (titles.has(batchTitle(batch, i))) present += 1;
      if (present !== 0 && present !== batchSize)
        problem(`after kill ${result.kills} batch ${batch} is torn: ${present} of ${batchSize} papers`);
      if (batches.get(batch) === true && present !== batchSize)
        problem(`after kill ${result.kills} acknowledged batch ${batch} lost ${batchSize - present} papers`);
      if (batches.get(batch) === false && present !== 0)
        problem(`after kill ${result.kills} batch ${batch} came back`);
      if (unknownBatches.has(batch) || !batches.has(batch)) batches.set(batch, present === batchSize);
    }
    result.papersChecked += rawPapers.length;

    const counts = new Map<string, number>();
    for (const save of store.savesIn(WORKSPACE)) {
      const key = `${save.userId} ${save.paperId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!ids.has(save.paperId))
        problem(`after kill ${result.kills} a save names paper ${save.paperId}, not stored`);
    }
    // A key is known once any press of it was answered: that answer must be true on disk.
    const unsure = new Set(
      [...inFlight.values()].flatMap((p) => (p.key && p.presses?.answers.length === 0 ? [p.key] : [])),
    );
    for (const [key, count] of counts) {
      if (count > 1) problem(`after kill ${result.kills} "${key}" is saved ${count} times`);
    }
    for (const user of USERS) {
      for (const paper of seedIds.slice(0, PAPERS_SAVED)) {
        const key = `${user} ${paper}`;
        const present = (counts.get(key) ?? 0) > 0;
        if (unsure.has(key) || !expected.has(key)) {
          expected.set(key, present);
          continue;
        }
        if (expected.get(key) === true) {
          if (present) result.savesChecked += 1;
          else problem(`after kill ${result.kills} the acknowledged save "${key}" is lost`);
        } else {
          if (!present) result.unsavesChecked += 1;
          else problem(`after kill ${result.kills} the un-saved "${key}" came back`);
        }
      }
    }
  };

  const runChild = async (cycle: number): Promise<void> => {
    const child = new Child(options.dir, durability);
    const inFlight = new Map<number, Pending>();
    const earlyKill = cycle > 0 && random() < 0.15;
    if (earlyKill) {
      await Promise.race([sleep(random() * 900), child.exited]);
      const wasReady = child.ready;
      if ((await child.kill()) === "SIGKILL") {
        result.kills += 1;
        if (!wasReady) result.killsDuringStart += 1;
      }
      await verify(inFlight);
      return;
    }
    await child.waitReady(30_000);
    if (seedIds.length === 0) {
      const store = await LowStore.openReadOnly(options.dir);
      seedIds = [...store.corpus.all()].map((p) => p.id).sort();
    }
    const busyKeys = new Set<string>();
    let ingesting = false;
    // Pre-write the next batches so an ingest never waits on the harness.
    const written = nextBatch + 8;
    for (let b = nextBatch; b < written; b++) await writeListingBatch(listings, b, batchSize);
    const sendNext = () => {
      while (inFlight.size < MAX_IN_FLIGHT) {
        seq += 1;
        if (!ingesting && nextBatch < written && random() < 0.04) {
          ingesting = true;
          const batch = nextBatch++;
          inFlight.set(seq, { op: "ingest", batch });
          child.send(`${seq} ingest ${join(listings, `batch-${String(batch).padStart(4, "0")}.txt`)}`);
          continue;
        }
        const key = `${pick(USERS)} ${pick(seedIds.slice(0, PAPERS_SAVED))}`;
        if (busyKeys.has(key)) continue;
        const before = expected.get(key) ?? false;
        // Mostly toggles; now and then the same op again, which must answer "already".
        const op = random() < 0.1 ? (before ? "save" : "unsave") : before ? "unsave" : "save";
        busyKeys.add(key);
        const presses: Presses = { sent: options.doublePress ? 2 : 1, answers: [] };
        inFlight.set(seq, { op, key, before, presses });
        child.send(`${seq} ${op} ${key}`);
        if (options.doublePress) {
          seq += 1;
          inFlight.set(seq, { op, key, before, presses });
          child.send(`${seq} ${op} ${key}`);
        }
      }
    };
    let answered: () => void = () => {};
    const firstAnswer = new Promise<void>((resolve) => {
      answered = resolve;
    });
    child.replies((n, text) => {
      answered();
      const pending = inFlight.get(n);
      if (!pending) return problem(`reply to unknown line ${n}: ${text}`);
      inFlight.delete(n);
      result.operationsAcknowledged += 1;
      if (pending.op === "ingest") {
        ingesting = false;
        if (!text.startsWith("ingested")) problem(`ingest answered: ${text}`);
        else {
          batches.set(pending.batch as number, true);
          result.batchesIngested += 1;
        }
      } else {
        const key = pending.key as string;
        const presses = pending.presses as Presses;
        const answer = /^(Saved|Removed) /.test(text)
          ? "changed"
          : /was (already|not) in your saves/.test(text)
            ? "already"
            : "other";
        presses.answers.push(answer);
        const wanted = pending.before === (pending.op === "save") ? "already" : "changed";
        // Of two presses that change a save, one changes it and the other finds it so: either may come first.
        const consistent =
          answer === wanted || (presses.sent === 2 && wanted === "changed" && answer === "already");
        if (!consistent)
          problem(
            `"${pending.op} ${key}" answered "${text}" but it was ${pending.before ? "saved" : "not saved"}`,
          );
        if (presses.answers.length === presses.sent) {
          busyKeys.delete(key);
          const changed = presses.answers.filter((a) => a === "changed").length;
          if (changed !== (wanted === "changed" ? 1 : 0))
            problem(`"${pending.op} ${key}" pressed ${presses.sent} times changed it ${changed} times`);
        }
        expected.set(key, pending.op === "save");
      }
      sendNext();
    });
    sendNext();
    if (options.doublePress) {
      // Aim at the window that matters: just after an answer, while its twin may still be writing.
      await Promise.race([firstAnswer, sleep(10_000)]);
      await sleep(random() * 60);
    } else {
      await sleep(20 + random() * 400);
    }
    if (inFlight.size > 0) result.killsMidWrite += 1;
    child.replies(() => undefined); // anything after the kill signal is not an acknowledgement we count
    const snapshot = new Map(inFlight);
    if ((await child.kill()) === "SIGKILL") result.kills += 1;
    await verify(snapshot);
  };

  for (let cycle = 0; result.kills < options.kills; cycle++) {
    if (Date.now() - started > options.maxMs) {
      problem(`stopped after ${options.maxMs} ms with ${result.kills} of ${options.kills} kills`);
      break;
    }
    try {
      await runChild(cycle);
    } catch (error) {
      problem(`cycle ${cycle}: ${(error as Error).message}`);
      break;
    }
    if (result.problems.length > 0) break;
  }

  // A last, clean start: the store loads, and a clean exit leaves no lock behind.
  const last = new Child(options.dir, durability);
  try {
    await last.waitReady(30_000);
    await last.end();
    await verify(new Map());
  } catch (error) {
    problem(`the final start failed: ${(error as Error).message}`);
  }
  result.ms = Date.now() - started;
  return result;
}
