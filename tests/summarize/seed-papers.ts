// Loads the seed listings the way ingest does, merged by id: the corpus the summarize tests run over.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseListing } from "../../src/ingest/parse-listing.js";
import { Corpus } from "../../src/papers/corpus.js";
import type { Paper } from "../../src/papers/paper.js";

const SEEDS = join(import.meta.dirname, "../../seeds");

export function loadSeedPapers(): Paper[] {
  const corpus = new Corpus();
  for (const file of readdirSync(SEEDS).sort()) {
    const text = readFileSync(join(SEEDS, file), "utf8");
    const { papers } = parseListing(text, { ref: file, asOf: "2026-11-22", seenAt: "2026-11-22T00:00:00Z" });
    for (const paper of papers) corpus.upsert(paper);
  }
  return [...corpus.all()];
}

export function seedByTitle(papers: Paper[], title: string): Paper {
  const paper = papers.find((p) => p.title === title);
  if (!paper) throw new Error(`no seed paper titled ${title}`);
  return paper;
}
