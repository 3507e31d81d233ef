// The index file: a restart loads the index, catches up with changed, new and removed papers, and answers as a rebuild would.
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/log.js";
import type { Paper } from "../../src/papers/paper.js";
import { SupersededWrite } from "../../src/search/framed-file.js";
import {
  openIndexFileEntry,
  readIndexFile,
  readIndexFileEntry,
  writeIndexFile,
} from "../../src/search/index-file.js";
import { openIndexSearch, openPaperSearch, readSearchFilesAhead } from "../../src/search/paper-search.js";
import { PAPER_VECTORS_FILE_NAME } from "../../src/search/paper-vectors-file.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { loadSeedCorpus } from "../eval/search-seeds.js";

const QUERIES = [
  "local sgd",
  "quantizaton llm",
  '"mixture of experts" -survey',
  "author:qin",
  "cat:cs.LG sort:new",
  "minic",
  "model merging since:2023 sort:top",
];

function answers(index: SearchIndex): unknown[] {
  return QUERIES.map((text) => index.search(parseQuery(text), { limit: 5 }));
}

async function tempFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "paperbot-index-")), "search-index.bin");
}

describe("the search index file", () => {
  const papers = [...loadSeedCorpus().all()];

  it("gives back an index that answers exactly as the one written", async () => {
    const built = SearchIndex.build(papers);
    const file = await tempFile();
    await writeIndexFile(file, built.toSnapshot());
    const snapshot = await readIndexFile(file);
    expect(snapshot).toBeDefined();
    const { index, changed } = SearchIndex.restore(snapshot as NonNullable<typeof snapshot>, papers);
    expect(changed).toBe(0);
    expect(index.size).toBe(papers.length);
    expect(answers(index)).toEqual(answers(built));
    expect(index.similar(papers[3]?.id as string, 5)).toEqual(built.similar(papers[3]?.id as string, 5));
  });

  it("catches up with papers changed, added and removed since it was written", async () => {
    const file = await tempFile();
    await writeIndexFile(file, SearchIndex.build(papers.slice(0, 150)).toSnapshot());
    const changedPaper: Paper = { ...(papers[0] as Paper), title: "Pyramid Codebooks for Everything" };
    const now = [changedPaper, ...papers.slice(2)]; // papers[1] removed, 150..160 new
    const snapshot = await readIndexFile(file);
    const { index, changed } = SearchIndex.restore(snapshot as NonNullable<typeof snapshot>, now);
    expect(changed).toBe(1 + 1 + (papers.length - 150));
    expect(index.size).toBe(now.length);
    expect(index.search(parseQuery("pyramid codebooks")).hits[0]?.id).toBe(changedPaper.id);
    expect(index.has(papers[1]?.id as string)).toBe(false);
    const fresh = SearchIndex.build(now);
    for (const text of QUERIES) {
      const restoredIds = index.search(parseQuery(text), { limit: 5 }).hits.map((hit) => hit.id);
      const freshIds = fresh.search(parseQuery(text), { limit: 5 }).hits.map((hit) => hit.id);
      expect(new Set(restoredIds)).toEqual(new Set(freshIds));
    }
  });

  it("written again after catching up with new papers, answers exactly as the caught-up index", async () => {
    // The terms the new papers and the queries touched are lists; the rest are still the loaded
    // file's arrays, copied a run of terms at a time: a posting put in the wrong place changes an answer.
    // (Few enough new papers that the field norms stay, as at a restart: a refresh re-weighs every list.)
    const file = await tempFile();
    await writeIndexFile(file, SearchIndex.build(papers.slice(0, 156)).toSnapshot());
    const snapshot = await readIndexFile(file);
    const { index, changed } = SearchIndex.restore(snapshot as NonNullable<typeof snapshot>, papers);
    expect(changed).toBe(papers.length - 156);
    const more = [...QUERIES, "attention heads", "speculative decoding", "reinforcement", "diffusion"];
    const before = more.map((text) => index.search(parseQuery(text), { limit: 10 }));
    const again = await tempFile();
    await writeIndexFile(again, index.toSnapshot());
    const reread = SearchIndex.load(
      (await readIndexFile(again)) as NonNullable<Awaited<ReturnType<typeof readIndexFile>>>,
    );
    expect(more.map((text) => reread.search(parseQuery(text), { limit: 10 }))).toEqual(before);
    for (const paper of papers.slice(140, 160))
      expect(reread.similar(paper.id, 5)).toEqual(index.similar(paper.id, 5));
  });

  it("written from the live index's own arrays, is byte for byte the file a copy of the index gives", async () => {
    // A restored index with new papers (new words, lists made for the terms they touched) and some
    // terms read by queries: runs of untouched loaded postings and texts are written as views.
    const file = await tempFile();
    await writeIndexFile(file, SearchIndex.build(papers.slice(0, 150)).toSnapshot());
    const snapshot = await readIndexFile(file);
    const { index } = SearchIndex.restore(snapshot as NonNullable<typeof snapshot>, papers);
    const before = answers(index);
    const live = await tempFile();
    const copied = await tempFile();
    await writeIndexFile(live, index.toSections());
    await writeIndexFile(copied, index.toSnapshot());
    expect((await readFile(live)).equals(await readFile(copied))).toBe(true);
    const reread = SearchIndex.load((await readIndexFile(live)) as NonNullable<typeof snapshot>);
    expect(answers(reread)).toEqual(before);
    // The words first seen since the load are merged into the loaded dictionary order, which stays sorted.
    const { surfaces, surfaceOrder, terms, termOrder } = index.toSnapshot().vocabulary;
    const sortedIds = (strings: string[]) =>
      [...strings.keys()].sort((a, b) => ((strings[a] as string) < (strings[b] as string) ? -1 : 1));
    expect([...surfaceOrder]).toEqual(sortedIds(surfaces));
    expect([...termOrder]).toEqual(sortedIds(terms));
    expect(surfaces.length).toBeGreaterThan(
      (snapshot as NonNullable<typeof snapshot>).vocabulary.surfaces.length,
    );
  });

  it("is not replaced by a write that papers were indexed during, and no temporary file is left", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-index-"));
    const file = join(dir, "search-index.bin");
    const index = SearchIndex.build(papers.slice(0, 150));
    await writeIndexFile(file, index.toSnapshot());
    const old = await readFile(file);
    const from = index.changeCount;
    const writing = writeIndexFile(file, index.toSections(), undefined, {
      unchanged: () => index.changeCount === from,
    });
    index.add(papers[150] as Paper);
    await expect(writing).rejects.toBeInstanceOf(SupersededWrite);
    expect((await readFile(file)).equals(old)).toBe(true);
    expect(await readdir(dir)).toEqual(["search-index.bin"]);
  });

  it("rewritten at a start from a moved corpus, holds the papers indexed while it was written", async () => {
    const file = await tempFile();
    await writeIndexFile(file, SearchIndex.build(papers.slice(0, 160)).toSnapshot(), { corpus: 1 });
    const writes: (() => Promise<void>)[] = [];
    const search = await openIndexSearch(papers.slice(0, 160), {
      indexFile: file,
      log: createLogger({ level: "silent" }),
      warmUp: false,
      persist: (write) => void writes.push(write),
      source: { now: { corpus: 2 }, outdates: (written) => written?.corpus !== 2 },
    });
    expect(writes).toHaveLength(1);
    const newcomer = papers[160] as Paper;
    const writing = (writes[0] as () => Promise<void>)();
    search.index([newcomer]);
    await writing;
    const entry = await readIndexFileEntry(file);
    expect(entry?.source).toEqual({ corpus: 2 });
    const reread = SearchIndex.load((entry as NonNullable<typeof entry>).snapshot);
    expect(reread.has(newcomer.id)).toBe(true);
    expect(reread.search(parseQuery(newcomer.title), { limit: 3 }).hits[0]?.id).toBe(newcomer.id);
  });

  it("at the bot's start, is rewritten once search is up, not before it answers", async () => {
    const file = await tempFile();
    await writeIndexFile(file, SearchIndex.build(papers).toSnapshot(), { corpus: 1 });
    const search = await openPaperSearch(papers, {
      indexFile: file,
      log: createLogger({ level: "silent" }),
      warmUp: false,
      source: { now: { corpus: 2 }, outdates: (written) => written?.corpus !== 2 },
    });
    expect((await readIndexFileEntry(file))?.source).toEqual({ corpus: 1 });
    expect((await search.search("local sgd", { limit: 3, offset: 0 })).hits).toHaveLength(3);
    await vi.waitFor(async () => expect((await readIndexFileEntry(file))?.source).toEqual({ corpus: 2 }), {
      timeout: 5_000,
    });
  });

  it("read ahead (as a start does while the store parses), is what the search is opened from", async () => {
    const file = await tempFile();
    const vectors = join(dirname(file), PAPER_VECTORS_FILE_NAME);
    const log = createLogger({ level: "silent" });
    const first = await openPaperSearch(papers, { indexFile: file, log, persist: (write) => write() });
    const ahead = readSearchFilesAhead(file);
    await Promise.all([ahead.index, ahead.vectors]);
    // Spoilt after the read: a search opened from what was read needs to write neither file again.
    await writeFile(file, "not an index");
    await writeFile(vectors, "not vectors");
    let writes = 0;
    const read = await openPaperSearch(papers, {
      indexFile: file,
      log,
      readAhead: ahead,
      persist: () => void writes++,
    });
    expect(writes).toBe(0);
    for (const text of QUERIES)
      expect(read.search(text, { limit: 5, offset: 0 })).toEqual(first.search(text, { limit: 5, offset: 0 }));
    const id = papers[3]?.id as string;
    expect(read.similar(id, 5)).toEqual(first.similar(id, 5));
    // Nothing there to read ahead: the search is built and both files written, as without.
    const missing = `${file}.missing`;
    await openPaperSearch(papers, {
      indexFile: missing,
      log,
      readAhead: readSearchFilesAhead(missing),
      persist: () => void writes++,
    });
    expect(writes).toBe(2);
  });

  it("opened for reads a range at a time, answers exactly as the index written, and writes the same file", async () => {
    // A name with a newline in it sends its list into the header as an array instead of a section.
    const odd: Paper = { ...(papers[5] as Paper), id: "odd-names", authors: ["Ada\nLovelace", "Qin Li"] };
    const all = [...papers, odd];
    const built = SearchIndex.build(all);
    const file = await tempFile();
    await writeIndexFile(file, built.toSnapshot());
    const entry = openIndexFileEntry(file);
    expect(entry).toBeDefined();
    const ranged = SearchIndex.load(entry?.snapshot as NonNullable<typeof entry>["snapshot"]);
    expect(ranged.size).toBe(all.length);
    const more = [...QUERIES, '"local sgd"', "author:lovelace", "-model merging", "attention heads"];
    for (const text of more)
      expect(ranged.search(parseQuery(text), { limit: 5 })).toEqual(
        built.search(parseQuery(text), { limit: 5 }),
      );
    expect(ranged.similar(papers[3]?.id as string, 5)).toEqual(built.similar(papers[3]?.id as string, 5));
    // Written again from the ranged index (the ranges no query read are read for it), the file is the same index.
    const again = await tempFile();
    await writeIndexFile(again, ranged.toSnapshot());
    const reread = SearchIndex.load(
      (await readIndexFile(again)) as NonNullable<Awaited<ReturnType<typeof readIndexFile>>>,
    );
    for (const text of more)
      expect(reread.search(parseQuery(text), { limit: 5 })).toEqual(
        built.search(parseQuery(text), { limit: 5 }),
      );
    // A paper indexed after the load is found beside the ranged ones.
    const newcomer: Paper = {
      ...(papers[7] as Paper),
      id: "newcomer",
      title: "Zymurgical Sourdough Schedules",
    };
    ranged.add(newcomer);
    built.add(newcomer);
    for (const text of [...more, "zymurgical sourdough", '"sourdough schedules"'])
      expect(ranged.search(parseQuery(text), { limit: 5 })).toEqual(
        built.search(parseQuery(text), { limit: 5 }),
      );
  });

  it("opened a range at a time, reads the rest a piece at a time, keeping changes made meanwhile, then reads no more", async () => {
    const built = SearchIndex.build(papers);
    const file = await tempFile();
    await writeIndexFile(file, built.toSnapshot());
    const ranged = SearchIndex.load(
      openIndexFileEntry(file)?.snapshot as NonNullable<ReturnType<typeof openIndexFileEntry>>["snapshot"],
    );
    // Lists made, then changed in place (a paper updated, one removed, the norms refreshed), before the rest is read.
    const [first, second] = papers as [Paper, Paper];
    const changes = (index: SearchIndex) => {
      index.search(parseQuery("local sgd"), { limit: 5 });
      index.update({ ...first, abstract: `${first.abstract} local sgd federated mixture of experts` });
      index.remove(second.id);
      index.refreshNorms();
    };
    changes(ranged);
    changes(built);
    const rest = ranged.readRest();
    let pieces = 0;
    for (let step = rest.next(); step.done !== true; step = rest.next()) {
      pieces++;
      // A query between two pieces, as the search thread answers them.
      if (pieces === 2) expect(answers(ranged)).toEqual(answers(built));
    }
    expect(pieces).toBeGreaterThan(2);
    // The file overwritten in place (not renamed): a read from it now would give other bytes.
    await writeFile(file, Buffer.alloc((await readFile(file)).length, 7));
    const more = [...QUERIES, '"local sgd"', '"mixture of experts"', "attention heads", "author:li"];
    for (const text of more)
      expect(ranged.search(parseQuery(text), { limit: 5 })).toEqual(
        built.search(parseQuery(text), { limit: 5 }),
      );
    expect(ranged.similar(papers[3]?.id as string, 5)).toEqual(built.similar(papers[3]?.id as string, 5));
    // Nothing is left to read: a second pass has no pieces.
    expect([...ranged.readRest()].length).toBe(0);
    expect([...built.readRest()].length).toBe(0);
  });

  it("after reading the rest, needs the file for nothing, its papers' names included, and lets it go", async () => {
    const built = SearchIndex.build(papers);
    const file = await tempFile();
    await writeIndexFile(file, built.toSnapshot());
    // How many of this process's open files are the index file (Linux; elsewhere the check is skipped).
    const proc = "/proc/self/fd";
    const holding = () =>
      existsSync(proc)
        ? readdirSync(proc).filter((fd) => {
            try {
              return readlinkSync(join(proc, fd)) === file;
            } catch {
              return false;
            }
          }).length
        : undefined;
    const ranged = SearchIndex.load(
      openIndexFileEntry(file)?.snapshot as NonNullable<ReturnType<typeof openIndexFileEntry>>["snapshot"],
    );
    const opened = holding();
    if (opened !== undefined) expect(opened).toBe(1);
    // Nothing touched first: no query, no paper's names read.
    for (const _ of ranged.readRest());
    if (opened !== undefined) expect(holding()).toBe(0);
    await writeFile(file, Buffer.alloc((await readFile(file)).length, 7));
    // Updating a paper reads its stored names (to take it out of the author and category keys).
    const [first] = papers as [Paper];
    for (const index of [ranged, built])
      index.update({ ...first, authors: ["Grace Hopper"], abstract: `${first.abstract} cobol` });
    expect(ranged.toSnapshot()).toEqual(built.toSnapshot());
    for (const text of [...QUERIES, "author:hopper cobol", `author:"${first.authors[0]}"`])
      expect(ranged.search(parseQuery(text), { limit: 5 })).toEqual(
        built.search(parseQuery(text), { limit: 5 }),
      );
  });

  it("is ignored when missing, cut short or not an index file", async () => {
    const file = await tempFile();
    expect(await readIndexFile(file)).toBeUndefined();
    await writeFile(file, "not an index");
    expect(await readIndexFile(file)).toBeUndefined();
    const bytes = await writeIndexFile(file, SearchIndex.build(papers).toSnapshot());
    const { readFile } = await import("node:fs/promises");
    await writeFile(file, (await readFile(file)).subarray(0, Math.floor(bytes / 2)));
    expect(await readIndexFile(file)).toBeUndefined();
    expect(openIndexFileEntry(file)).toBeUndefined();
    await writeFile(file, "not an index");
    expect(openIndexFileEntry(file)).toBeUndefined();
    expect(openIndexFileEntry(`${file}.missing`)).toBeUndefined();
  });
});
