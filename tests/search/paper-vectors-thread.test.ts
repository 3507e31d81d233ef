// The paper vectors built on a second thread are the vectors a build here gives, and a thread that cannot take the papers falls back to here.
import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/log.js";
import type { Paper } from "../../src/papers/paper.js";
import { PaperVectors } from "../../src/search/paper-vectors.js";
import { buildPaperVectorsOffThread } from "../../src/search/paper-vectors-thread.js";
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
