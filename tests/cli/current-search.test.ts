// `paperbot search` from the index file alone when it is current: the same answers as reading the store, the journal's new papers included.
import { mkdtemp, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openCurrentCliSearch } from "../../src/cli/open-search.js";
import type { Paper } from "../../src/papers/paper.js";
import { INDEX_FILE_NAME } from "../../src/search/paper-search.js";
import { papersInCorpusFile } from "../../src/store/corpus-file-lookup.js";
import { CORPUS_FILE, LowStore } from "../../src/store/low-store.js";
import { type CliRun, runCliCaptured } from "../helpers/cli.js";
import { summarizedSeedPapers } from "../helpers/core.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

function cli(dataDir: string, ...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { PAPERBOT_DATA_DIR: dataDir }, new Date("2026-11-22T12:00:00Z"));
}

async function seededDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "paperbot-current-"));
  expect((await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR)).code).toBe(0);
  return dir;
}

async function searchJson(dir: string, ...query: string[]): Promise<unknown[]> {
  const run = await cli(dir, "search", ...query, "--limit", "5", "--json");
  expect(run).toMatchObject({ code: 0, stderr: "" });
  return JSON.parse(run.stdout) as unknown[];
}

/** A paper the seeds do not have, about a subject none of them is. */
const NEWCOMER: Paper = {
  id: "2611.04242",
  arxivId: "2611.04242",
  title: "Zymurgical Scheduling of Sourdough Starters",
  abstract: "We schedule zymurgical feeding of sourdough starters with a bandit.",
  authors: ["Ada Baker"],
  categories: ["cs.LG"],
  links: {},
  sightings: [],
};

describe("paperbot search from a current index file", () => {
  it("answers from the file without the store, exactly as the store's search does", async () => {
    const dir = await seededDir();
    // The first search reads the store and writes the index file, recording which corpus file it read.
    const fromStore = await searchJson(dir, "local", "sgd");
    const current = await openCurrentCliSearch(dir);
    expect(current).toBeDefined();
    const hits = (await current?.search.search("local sgd", { limit: 5, offset: 0 }))?.hits ?? [];
    expect(hits.map((hit) => hit.id)).toEqual(fromStore.map((paper) => (paper as Paper).id));
    const store = await LowStore.openReadOnly(dir);
    const papers = await current?.papers(hits.map((hit) => hit.id));
    for (const hit of hits) expect(papers?.get(hit.id)).toEqual(store.corpus.find(hit.id));
    expect(await searchJson(dir, "local", "sgd")).toEqual(fromStore);
  });

  it("indexes the papers the journal gained since the file was written", async () => {
    const dir = await seededDir();
    await searchJson(dir, "local", "sgd");
    const indexWritten = (await stat(join(dir, INDEX_FILE_NAME))).mtimeMs;
    const writer = await LowStore.openDirectory(dir);
    await writer.putPapers([NEWCOMER]);
    await writer.close();
    expect((await stat(join(dir, "papers.journal.jsonl"))).size).toBeGreaterThan(0);
    expect(await openCurrentCliSearch(dir)).toBeDefined();
    const found = (await searchJson(dir, "zymurgical", "sourdough")) as Paper[];
    expect(found.map((paper) => paper.id)).toEqual([NEWCOMER.id]);
    expect(found[0]?.title).toBe(NEWCOMER.title);
    // Nothing to rewrite: the journal lines are read after the file.
    expect((await stat(join(dir, INDEX_FILE_NAME))).mtimeMs).toBe(indexWritten);
  });

  it("is not trusted once the corpus file is another, and the next search rewrites it", async () => {
    const dir = await seededDir();
    await searchJson(dir, "local", "sgd");
    const corpus = join(dir, CORPUS_FILE);
    const later = new Date(Date.now() + 60_000);
    await utimes(corpus, later, later);
    expect(await openCurrentCliSearch(dir)).toBeUndefined();
    expect(await searchJson(dir, "model", "merging")).toHaveLength(5);
    expect(await openCurrentCliSearch(dir)).toBeDefined();
  });
});

describe("papers read out of the corpus file by id", () => {
  const seeds = summarizedSeedPapers().slice(0, 12);
  const awkward = fc.string({ unit: fc.constantFrom("{", "}", '"', "\\", "é", "😀", "a", " ", "\n", "[") });

  it("are the papers the store reads, whatever their text holds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ title: awkward, abstract: awkward, author: awkward }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 11 }),
        // Reads far smaller than a paper, so keys, ids and papers straddle every boundary.
        fc.record({
          chunkBytes: fc.integer({ min: 1, max: 400 }),
          firstReach: fc.integer({ min: 1, max: 300 }),
        }),
        async (texts, pick, sizes) => {
          const dir = await mkdtemp(join(tmpdir(), "paperbot-lookup-"));
          const papers = texts.map((text, i) => ({
            ...(seeds[i] as Paper),
            id: i === 0 ? `odd"id\\${i}` : `paper-${i}`,
            title: `${text.title}.`,
            abstract: text.abstract,
            authors: [text.author],
          }));
          const store = await LowStore.openDirectory(dir);
          await store.putPapers(papers);
          await store.close();
          const wanted = [papers[pick % papers.length]?.id as string, papers[0]?.id as string, "missing"];
          const found = await papersInCorpusFile(dir, wanted);
          expect(await papersInCorpusFile(dir, wanted, sizes)).toEqual(found);
          const reread = await LowStore.openReadOnly(dir);
          expect([...found.keys()].sort()).toEqual([...new Set(wanted.slice(0, 2))].sort());
          for (const [id, paper] of found) expect(paper).toEqual(reread.corpus.find(id));
        },
      ),
      { numRuns: 25 },
    );
  });
});
