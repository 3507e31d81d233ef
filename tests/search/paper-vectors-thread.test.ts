// The paper vectors built on a second thread, from the papers or from the index build's words, are the vectors a build here gives; a thread that cannot take the papers falls back to here.
import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/log.js";
import type { Paper } from "../../src/papers/paper.js";
import { fieldTexts } from "../../src/search/doc-record.js";
import { PaperVectors } from "../../src/search/paper-vectors.js";
import {
  buildPaperVectorsFromWords,
  buildPaperVectorsOffThread,
} from "../../src/search/paper-vectors-thread.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { Vocabulary } from "../../src/search/vocabulary.js";
import { WordIds } from "../../src/search/word-ids.js";
import { summarizedSeedPapers } from "../helpers/core.js";

/** A logger that keeps its warnings: the thread path warns only when it falls back. */
function recordingLog(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const ignore = () => undefined;
  const log = {
    warn: (_obj: unknown, message: string) => warnings.push(message),
    info: ignore,
    debug: ignore,
    error: ignore,
  } as unknown as Logger;
  return { log, warnings };
}

/** Whether the index reads a paper's title and abstract as plain words (else they cross to the thread as text). */
function plainTexts(paper: Paper): boolean {
  const words = new WordIds(new Vocabulary());
  words.text(fieldTexts(paper));
  return (words.plainTexts & 3) === 3;
}

function rows(vectors: PaperVectors): [string, number[], number[]][] {
  return Array.from({ length: vectors.size }, (_, row) => {
    const { slots, weights } = vectors.rowAt(row);
    return [vectors.idAt(row), [...slots], [...weights]];
  });
}

describe("the paper vectors on a second thread", () => {
  const papers = summarizedSeedPapers();

  it("are exactly the vectors built here, and answer `similar` alike", async () => {
    const { log, warnings } = recordingLog();
    const vectors = await buildPaperVectorsOffThread(papers, log);
    expect(warnings).toEqual([]);
    const here = PaperVectors.build(papers);
    expect(rows(vectors)).toEqual(rows(here));
    const id = papers[5]?.id as string;
    expect(vectors.similar(id, 8)).toEqual(here.similar(id, 8));
    // Updates after the build move both alike (the document frequencies came across too).
    const changed = { ...(papers[2] as Paper), abstract: "Mixture of experts routing for sparse models." };
    vectors.update([changed]);
    here.update([changed]);
    expect(rows(vectors)).toEqual(rows(here));
  });

  it("are built here, with a warning, when the papers cannot be sent to the thread", async () => {
    const { log, warnings } = recordingLog();
    // A proxy reads like an array here but cannot be copied to another thread.
    const odd = papers.map((paper, i) =>
      i === 0 ? { ...paper, authors: new Proxy([...paper.authors], {}) } : paper,
    );
    const vectors = await buildPaperVectorsOffThread(odd, log);
    expect(warnings).toHaveLength(1);
    expect(rows(vectors)).toEqual(rows(PaperVectors.build(papers)));
  });
});

describe("the paper vectors on a second thread, from the words the index build reads", () => {
  // Text where the index's words are not the vectors' tokens goes across as text: a tail run on into
  // letters, characters outside ASCII, an empty abstract.
  const papers: Paper[] = [
    ...summarizedSeedPapers(),
    ...[
      "A 2.7B model beats v2.0 by 9.5 points.",
      "Na\u00efve Bayes, r\u00e9sum\u00e9s.",
      "",
      "e.g. 3.14x, a.1.2b",
    ].map((abstract, i) => ({ ...(summarizedSeedPapers()[i] as Paper), id: `odd-${i}`, abstract })),
  ];

  it("are exactly the vectors built here from the text", async () => {
    const { log, warnings } = recordingLog();
    const fed = buildPaperVectorsFromWords(papers, log);
    SearchIndex.build(papers, undefined, fed.listener);
    fed.finish();
    expect(rows(await fed.vectors)).toEqual(rows(PaperVectors.build(papers)));
    expect(warnings).toEqual([]);
  });

  it("take the words from the build's shared blocks, or from a copy told as a plain array", async () => {
    const { log, warnings } = recordingLog();
    const fed = buildPaperVectorsFromWords(papers, log);
    let shared = 0;
    const copying = {
      read: (...[doc, ids, plain, vocabulary]: Parameters<typeof fed.listener.read>) => {
        if (ids.buffer instanceof SharedArrayBuffer) shared++;
        // Every other paper's words on memory of their own, which cannot be handed over as they are.
        fed.listener.read(doc, doc % 2 === 0 ? ids.slice() : ids, plain, vocabulary);
      },
      end: () => fed.listener.end(),
      pairs: fed.listener.pairs,
    };
    const index = SearchIndex.build(papers, undefined, copying);
    expect(shared).toBe(papers.length);
    index.takePairs(await fed.listener.pairs);
    fed.finish();
    expect(rows(await fed.vectors)).toEqual(rows(PaperVectors.build(papers)));
    expect(index.toSnapshot().pairs).toEqual(SearchIndex.build(papers).toSnapshot().pairs);
    expect(warnings).toEqual([]);
  });

  it("come from the words the listener is told, not from the papers' text", async () => {
    const { log } = recordingLog();
    const fed = buildPaperVectorsFromWords(papers, log);
    // Paper i is told the words of paper i + 1's texts: its vector follows the words (the rest of it,
    // and any paper whose words are not plain, comes from paper i itself).
    const shifted = [...papers.slice(1), papers[0] as Paper];
    SearchIndex.build(shifted, undefined, fed.listener);
    fed.finish();
    const expected = papers.map((paper, i) => {
      const told = shifted[i] as Paper;
      return plainTexts(told) ? { ...paper, title: told.title, abstract: told.abstract } : paper;
    });
    expect(rows(await fed.vectors)).toEqual(rows(PaperVectors.build(expected)));
    expect(rows(PaperVectors.build(expected))).not.toEqual(rows(PaperVectors.build(papers)));
  });

  it("are built from the papers' text when no build reads them, or the thread cannot take them", async () => {
    const { log, warnings } = recordingLog();
    const unread = buildPaperVectorsFromWords(papers, log);
    unread.finish();
    expect(rows(await unread.vectors)).toEqual(rows(PaperVectors.build(papers)));
    expect(warnings).toEqual([]);
    const odd = papers.map((paper, i) =>
      i === 0 ? { ...paper, authors: new Proxy([...paper.authors], {}) } : paper,
    );
    const fed = buildPaperVectorsFromWords(odd, log);
    SearchIndex.build(odd, undefined, fed.listener);
    fed.finish();
    expect(rows(await fed.vectors)).toEqual(rows(PaperVectors.build(papers)));
    expect(warnings).toHaveLength(1);
  });

  it("make the index's pairs' first pass from the same words, which the index finishes as its own", async () => {
    const { log, warnings } = recordingLog();
    const fed = buildPaperVectorsFromWords(papers, log);
    const index = SearchIndex.build(papers, undefined, fed.listener);
    // The build left the pairs to the thread, whose first pass finishes into what a build here builds.
    expect(index.hasPairs).toBe(false);
    const pairs = await fed.listener.pairs;
    const here = SearchIndex.build(papers);
    expect(pairs && structuredClone(pairs)).toEqual(pairs);
    index.takePairs(pairs);
    expect(index.toSnapshot().pairs).toEqual(here.toSnapshot().pairs);
    fed.finish();
    await fed.vectors;
    expect(index.hasPairs).toBe(true);
    for (const query of ['"local sgd"', '"mixture of experts" routing', "language model", '"2.7B model"'])
      expect(index.search(parseQuery(query), { limit: 10, offset: 0 })).toEqual(
        here.search(parseQuery(query), { limit: 10, offset: 0 }),
      );
    expect(warnings).toEqual([]);
  });

  it("leave the pairs to the index when the thread was not told every paper's words", async () => {
    const { log } = recordingLog();
    const fed = buildPaperVectorsFromWords(papers, log);
    // Told the first ten papers only: the rest cross as text when `finish` ends it.
    let told = 0;
    const someWords = {
      read: (...args: Parameters<typeof fed.listener.read>) => {
        if (told++ < 10) fed.listener.read(...args);
      },
      end: () => fed.listener.end(),
      pairs: fed.listener.pairs,
    };
    const index = SearchIndex.build(papers, undefined, someWords);
    expect(await fed.listener.pairs).toBeUndefined();
    index.takePairs(undefined);
    expect(index.hasPairs).toBe(false);
    // A phrase query makes them here, and answers as an index built here does.
    const here = SearchIndex.build(papers);
    expect(index.search(parseQuery('"local sgd"'), { limit: 10, offset: 0 })).toEqual(
      here.search(parseQuery('"local sgd"'), { limit: 10, offset: 0 }),
    );
    expect(index.hasPairs).toBe(true);
    expect(rows(await fed.vectors)).toEqual(rows(PaperVectors.build(papers)));
  });
});
