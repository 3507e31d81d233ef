// The index file: a restart loads the index, catches up with changed, new and removed papers, and answers as a rebuild would.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { openIndexFileEntry, readIndexFile, writeIndexFile } from "../../src/search/index-file.js";
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
