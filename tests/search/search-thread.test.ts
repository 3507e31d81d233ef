// The bot's search on a thread of its own, through a real worker thread: the same pages as search here, updates in order, bad queries, a thread that dies, a restart from the file.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/corpus.js";
import { generateQueries } from "../../bench/queries.js";
import { isUserError } from "../../src/errors.js";
import { createLogger } from "../../src/log.js";
import type { Paper } from "../../src/papers/paper.js";
import { paperFingerprints } from "../../src/search/fingerprint.js";
import { readIndexFileEntry, writeIndexFile } from "../../src/search/index-file.js";
import { createIndexSearch, openIndexSearch } from "../../src/search/paper-search.js";
import { restoreByPrints, stalePositions } from "../../src/search/restore-by-prints.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { SearchThread, type ThreadedSearch } from "../../src/search/search-thread.js";
import type { FromSearchThread } from "../../src/search/search-thread-messages.js";
import { loadSeedCorpus } from "../eval/search-seeds.js";

const log = createLogger({ level: "silent" });
const seeds = [...loadSeedCorpus().all()];
/** The seeds among generated papers made of their sentences: enough for broad and narrow queries alike. */
const papers: Paper[] = [...generateCorpus(1_500), ...seeds];
const queries = [
  ...generateQueries(papers, 60),
  "local sgd",
  '"mixture of experts" -survey',
  "author:qin",
  "cat:cs.LG sort:new",
  "quantiz",
  "model merging since:2023 sort:top",
];
const PAGE = { limit: 10, offset: 0 };

const running: SearchThread[] = [];
afterEach(async () => {
  for (const thread of running.splice(0)) await thread.close();
});

/** A search thread opened over `over`, restoring from `indexFile` when given. */
async function onThread(over: readonly Paper[], indexFile?: string): Promise<SearchThread> {
  const thread = SearchThread.start(indexFile, log);
  if (!thread) throw new Error("no thread");
  running.push(thread);
  await thread.open(over, paperFingerprints(over), {
    restore: indexFile !== undefined,
    log,
    fallBack: (current) => openIndexSearch(current, { indexFile, log, warmUp: false }),
  });
  return thread;
}

async function tempFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "paperbot-thread-")), "search-index.bin");
}

describe("restoring from ids and fingerprints", () => {
  it("gives the index SearchIndex.restore gives, reading only the papers it asks for", async () => {
    const before = papers.slice(0, 1_400);
    const built = SearchIndex.build(before);
    // Each restore gets its own copy: an index restored from a snapshot takes over its arrays.
    const snapshot = built.toSnapshot();
    const changed = { ...(papers[3] as Paper), title: "Pyramid Codebooks for Everything" };
    const now = [papers[0] as Paper, changed, ...papers.slice(5)]; // 1, 2 and 4 removed; 1,400.. new
    const ids = now.map((paper) => paper.id);
    const prints = paperFingerprints(now);
    const positions = stalePositions(snapshot, ids, prints);
    expect([...positions]).toEqual([...now.keys()].filter((at) => at === 1 || at >= 1_400 - 3));
    const asked = Array.from(positions, (at) => now[at] as Paper);
    const variant = restoreByPrints(SearchIndex.load(snapshot), ids, prints, positions, asked);
    const restored = SearchIndex.restore(built.toSnapshot(), now, prints);
    expect(variant.changed).toBe(restored.changed);
    expect(variant.index.toSnapshot()).toEqual(restored.index.toSnapshot());
  });
});

describe("search on a thread of its own", () => {
  it("answers every query with the page search here gives", async () => {
    const here = createIndexSearch(papers);
    const thread = await onThread(papers);
    for (const text of queries)
      expect(await thread.search(text, PAGE)).toEqual(await here.search(text, PAGE));
    // Any text: the same page, or the same refusal.
    const words = queries.flatMap((text) => text.split(" "));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: 0, max: 40 }),
        async (picked, offset) => {
          const text = picked.join(" ");
          const options = { limit: 5, offset };
          const outcome = (search: ThreadedSearch) =>
            search.search(text, options).then(
              (page) => page,
              (error: unknown) => (isUserError(error) ? error.code : error),
            );
          expect(await outcome(thread)).toEqual(await outcome(here));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("sees a paper indexed before the search that looks for it", async () => {
    const thread = await onThread(papers);
    const newcomer = {
      ...(seeds[0] as Paper),
      id: "2599.00001",
      title: "Zyxwvut Ferrets Learn Quantization",
    };
    thread.index([newcomer]);
    expect((await thread.search("zyxwvut ferrets", PAGE)).hits[0]?.id).toBe(newcomer.id);
    const renamed = { ...newcomer, title: "Plain Otters" };
    thread.index([renamed]);
    const ids = (page: { hits: { id: string }[] }) => page.hits.map((hit) => hit.id);
    expect(ids(await thread.search("zyxwvut ferrets", PAGE))).not.toContain(newcomer.id);
    expect((await thread.search("plain otters", PAGE)).hits[0]?.id).toBe(newcomer.id);
  });

  it("refuses a bad query with the UserError search here gives, code and hint", async () => {
    const thread = await onThread(papers);
    const here = createIndexSearch(papers);
    for (const bad of ["since:yesterday-ish", "sort:sideways", '"""author:']) {
      const there = await thread.search(bad, PAGE).catch((error: unknown) => error);
      const mine = await here.search(bad, PAGE).catch((error: unknown) => error);
      if (!isUserError(mine)) continue;
      expect(isUserError(there)).toBe(true);
      expect(there).toMatchObject({ code: mine.code, hint: mine.hint, message: mine.message });
    }
    // Refused by the index itself (no paper has a citation count), on the thread: still a UserError.
    const refused = await thread.search("local sgd sort:cited", PAGE).catch((error: unknown) => error);
    const refusedHere = await here.search("local sgd sort:cited", PAGE).catch((error: unknown) => error);
    expect(isUserError(refusedHere)).toBe(true);
    expect(refused).toMatchObject({ code: (refusedHere as { code: string }).code });
  });

  it("answers here when the thread dies, with every update it was sent", async () => {
    const thread = await onThread(papers);
    const newcomer = { ...(seeds[1] as Paper), id: "2599.00002", title: "Quokka Gradient Descent" };
    thread.index([newcomer]);
    const waiting = thread.search("quokka gradient", PAGE);
    await thread.thread.terminate();
    const here = createIndexSearch([...papers, newcomer]);
    expect((await waiting).hits[0]?.id).toBe(newcomer.id);
    for (const text of queries.slice(0, 10))
      expect(await thread.search(text, PAGE)).toEqual(await here.search(text, PAGE));
    const later = { ...(seeds[2] as Paper), id: "2599.00003", title: "Wombat Attention" };
    thread.index([later]);
    expect((await thread.search("wombat attention", PAGE)).hits[0]?.id).toBe(later.id);
  });

  it("restarts from its index file, asking only for the papers changed or new since it was written", async () => {
    const file = await tempFile();
    await writeIndexFile(file, SearchIndex.build(papers.slice(0, 1_400)).toSnapshot());
    const changed = { ...(papers[7] as Paper), title: "Capybara Mixture of Experts" };
    const now = [...papers.slice(0, 7), changed, ...papers.slice(8)];
    const thread = SearchThread.start(file, log);
    if (!thread) throw new Error("no thread");
    running.push(thread);
    const asked: number[] = [];
    thread.thread.on("message", (message: FromSearchThread) => {
      if (message.type === "need") asked.push(...message.positions);
    });
    await thread.open(now, paperFingerprints(now), {
      restore: true,
      log,
      fallBack: () => Promise.reject(new Error("the thread should not fail")),
    });
    expect(asked).toEqual([...now.keys()].filter((at) => at === 7 || at >= 1_400));
    expect((await thread.search("capybara", PAGE)).hits[0]?.id).toBe(changed.id);
    const here = createIndexSearch(now);
    for (const text of queries.slice(0, 20)) {
      const ids = (search: ThreadedSearch) =>
        search.search(text, PAGE).then((page) => new Set(page.hits.map((hit) => hit.id)));
      expect(await ids(thread)).toEqual(await ids(here));
    }
    // More than a few papers were new: the thread rewrites the file when told (the bot does once search answers).
    expect((await readIndexFileEntry(file))?.snapshot.ids.length).toBe(1_400);
    thread.write();
    await expect
      .poll(async () => (await readIndexFileEntry(file))?.snapshot.ids.length, { timeout: 20_000 })
      .toBe(now.length);
  }, 60_000);
});
