// Test helpers: the seed listings, parsed, and a corpus of them.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { mergeIntoCorpus } from "../../src/ingest/ingest.js";
import { parseListing } from "../../src/ingest/parse-listing.js";
import { Corpus } from "../../src/papers/corpus.js";
import type { ParsedPaper } from "../../src/papers/paper.js";

export const SEEDS_DIR = resolve(import.meta.dirname, "../../seeds");
export const AS_OF = "2026-11-22";
export const SEEN_AT = "2026-11-22T00:00:00.000Z";

export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR).sort();
}

export function readSeed(name: string): string {
  return readFileSync(join(SEEDS_DIR, name), "utf8");
}

export function parseSeed(name: string): ReturnType<typeof parseListing> {
  return parseListing(readSeed(name), { ref: name, asOf: AS_OF, seenAt: SEEN_AT });
}

export function parsedSeedPapers(): ParsedPaper[] {
  return seedFiles().flatMap((name) => parseSeed(name).papers);
}

export function seedCorpus(): Corpus {
  const corpus = new Corpus();
  mergeIntoCorpus(corpus, parsedSeedPapers());
  return corpus;
}
