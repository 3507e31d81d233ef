// Loads the seed listings into a Corpus, as the search evaluation and the search tests see them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseListing } from "../../src/ingest/parse-listing.js";
import { Corpus } from "../../src/papers/corpus.js";

export const SEEDS_DIR = fileURLToPath(new URL("../../seeds/", import.meta.url));

/** The 161 distinct seed papers, merged the way ingest merges them. */
export function loadSeedCorpus(dir: string = SEEDS_DIR): Corpus {
  const corpus = new Corpus();
  for (const file of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    const { papers } = parseListing(text, { ref: file, asOf: "2026-11-22", seenAt: "2026-11-22T00:00:00Z" });
    for (const paper of papers) corpus.upsert(paper);
  }
  return corpus;
}
