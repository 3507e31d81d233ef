// Data directories holding N generated papers exactly as the store writes them, built once and reused across runs.
import { existsSync, rmSync } from "node:fs";
import { cp, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { INDEX_FILE_VERSION } from "../src/search/index-file.js";
import { PAPER_VECTORS_VERSION } from "../src/search/paper-vectors.js";
import { CORPUS_FILE, LowStore } from "../src/store/low-store.js";
import { DEFAULT_SEED, generateCorpus } from "./corpus.js";

/** Where fixtures live: outside the repository, keyed by size and seed, so a rerun skips generation. */
export function fixtureRoot(): string {
  return process.env.PAPERBOT_BENCH_DIR ?? join(tmpdir(), "paperbot-bench");
}

/**
 * The store's corpus file format the cached fixtures were written in: bumped when it changes (2: ASCII,
 * compact JSON; 3: a paper a line), so a measurement never times a start on a file the store no longer
 * writes (an earlier layout is rewritten at open, which a start would then time).
 */
const STORE_FORMAT = 3;

/** A directory whose papers.json holds the N-paper corpus, written by the store itself (no state: a fresh install). */
export async function corpusFixture(size: number, seed = DEFAULT_SEED): Promise<string> {
  const dir = join(fixtureRoot(), `corpus-${size}-${seed}-f${STORE_FORMAT}`);
  if (existsSync(join(dir, CORPUS_FILE))) return dir;
  const building = `${dir}.building-${process.pid}`;
  await mkdir(building, { recursive: true });
  const store = await LowStore.openDirectory(building);
  await store.putPapers(generateCorpus(size, seed));
  await store.close();
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
  return dir;
}

/**
 * The fixture's index and vectors files, named by their format versions: checkouts of different
 * versions (worktrees, branches) share a fixture directory, and none may take another's file for its own.
 */
export function fixtureIndexFile(fixtureDir: string): string {
  return join(fixtureDir, `search-index.v${INDEX_FILE_VERSION}.bin`);
}

export function fixtureVectorsFile(fixtureDir: string): string {
  return join(fixtureDir, `paper-vectors.v${PAPER_VECTORS_VERSION}.bin`);
}

/**
 * A private copy of the fixture's corpus, for a measurement that opens (and may write) the store; removed
 * when the process exits (each measurement runs in a child of its own), since a 100k copy with its index
 * files is ~1 GB and a night of runs filled the disk.
 */
export async function copyOfFixture(size: number, seed = DEFAULT_SEED): Promise<string> {
  const source = await corpusFixture(size, seed);
  const dir = await mkdtemp(join(tmpdir(), `paperbot-bench-${size}-`));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  await cp(join(source, CORPUS_FILE), join(dir, CORPUS_FILE));
  return dir;
}
