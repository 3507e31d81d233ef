// The raw material the synthetic corpus recombines: the seed papers' sentences, titles, words and key phrases.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseListing } from "../src/ingest/parse-listing.js";
import { Corpus } from "../src/papers/corpus.js";
import type { Paper } from "../src/papers/paper.js";
import { summarizePapers } from "../src/summarize/enrich.js";
import { KeyphraseModel } from "../src/summarize/keyphrases.js";
import { splitSentences } from "../src/summarize/sentences.js";

export const SEEDS_DIR = fileURLToPath(new URL("../seeds/", import.meta.url));

export interface SeedPaper {
  title: string;
  /** The title split at its colon, when it has one: "FightLadder" / "A Benchmark for …". */
  head?: string;
  tail: string;
  sentences: string[];
  keyphrases: string[];
  categories: string[];
  organization?: string;
}

export interface SeedMaterial {
  papers: SeedPaper[];
  /** Distinct lower-case content words of all abstracts, for typos and made-up variants. */
  words: string[];
  /** Author names seen in the seeds. */
  authors: string[];
}

let cached: SeedMaterial | undefined;

/** Parses and summarizes the seed listings once (about 161 papers, a fraction of a second). */
export function seedMaterial(dir: string = SEEDS_DIR): SeedMaterial {
  if (cached) return cached;
  const corpus = new Corpus();
  for (const file of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    const { papers } = parseListing(text, { ref: file, asOf: "2026-11-22", seenAt: "2026-11-22T00:00:00Z" });
    for (const paper of papers) corpus.upsert(paper);
  }
  const all = [...corpus.all()];
  const summarized = summarizePapers(all, new KeyphraseModel(all));
  const words = new Set<string>();
  const authors = new Set<string>();
  const papers = summarized.map((paper: Paper): SeedPaper => {
    for (const word of paper.abstract.toLowerCase().match(/[a-z]{5,}/g) ?? []) words.add(word);
    for (const name of paper.authors) authors.add(name);
    const colon = paper.title.indexOf(": ");
    return {
      title: paper.title,
      head: colon > 0 && colon < 40 ? paper.title.slice(0, colon) : undefined,
      tail: colon > 0 && colon < 40 ? paper.title.slice(colon + 2) : paper.title,
      sentences: splitSentences(paper.abstract).filter((s) => s.length >= 40),
      keyphrases: paper.keyphrases ?? [],
      categories: paper.categories,
      organization: paper.organization,
    };
  });
  cached = {
    papers: papers.filter((p) => p.sentences.length >= 2),
    words: [...words].sort(),
    authors: [...authors].sort(),
  };
  return cached;
}
