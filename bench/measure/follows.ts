// Matching 10,000 follows (1,000 channels × 10) against a batch of 1,000 new papers, beside the same matcher scanning every paper.
import { AuthorNames } from "../../src/follows/author-names.js";
import { followedMatches } from "../../src/follows/matches.js";
import { PaperBatch } from "../../src/follows/paper-batch.js";
import type { Paper } from "../../src/papers/paper.js";
import type { FollowRecord } from "../../src/store/follow-records.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { createRandom, type Random } from "../random.js";
import { since } from "../stats.js";

const CHANNELS = 1_000;
const PER_CHANNEL = 10;
const BATCH = 1_000;

/**
 * Follows as people write them, drawn from the corpus: 45% authors (a tenth by initial), 10% orgs, 5%
 * categories, 25% title phrases, 15% two title words.
 */
function followsFor(papers: readonly Paper[], count: number, rng: Random): string[] {
  const pick = <T>(list: readonly T[]): T => rng.pick(list);
  const random = () => rng.next();
  const queries: string[] = [];
  while (queries.length < count) {
    const paper = pick(papers);
    const words = paper.title.split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
    const kind = random();
    if (kind < 0.45 && paper.authors.length > 0) {
      const name = pick(paper.authors);
      const parts = name.split(" ");
      queries.push(
        random() < 0.1 && parts.length > 1
          ? `author:"${parts[0]?.[0]}. ${parts.slice(1).join(" ")}"`
          : `author:"${name}"`,
      );
    } else if (kind < 0.55 && paper.organization) queries.push(`org:"${paper.organization}"`);
    else if (kind < 0.6 && paper.categories[0]) queries.push(`cat:${paper.categories[0]}`);
    else if (kind < 0.85 && words.length >= 2) queries.push(`"${words[0]} ${words[1]}"`);
    else if (words.length >= 2) queries.push(`${pick(words)} ${pick(words)}`);
  }
  return queries;
}

export const measure: Measure = async ({ size, smoke }) => {
  const channels = smoke ? 50 : CHANNELS;
  const papers = await loadPapers(size);
  const random = createRandom(7);
  const newest = [...papers].sort((a, b) => (b.published ?? "").localeCompare(a.published ?? ""));
  const batchPapers = newest.slice(0, Math.min(BATCH, Math.ceil(papers.length / 5)));
  const queries = followsFor(papers, channels * PER_CHANNEL, random);
  const byChannel: FollowRecord[][] = [];
  for (let c = 0; c < channels; c++) {
    byChannel.push(
      queries.slice(c * PER_CHANNEL, (c + 1) * PER_CHANNEL).map((query) => ({
        channel: `slack:T${c % 100}:C${c}`,
        key: query.toLowerCase(),
        query,
        alert: false,
        createdBy: "U1",
        createdAt: "2025-01-01T00:00:00Z",
      })),
    );
  }

  let started = performance.now();
  const names = AuthorNames.of(papers);
  const namesMs = since(started);

  // The first pass compiles every follow (once, then cached), as the bot does on its first tick.
  started = performance.now();
  let matches = 0;
  const batch = new PaperBatch(batchPapers);
  for (const follows of byChannel) matches += followedMatches(follows, batch, names).length;
  const firstMs = since(started);

  started = performance.now();
  let again = 0;
  const batch2 = new PaperBatch(batchPapers);
  for (const follows of byChannel) again += followedMatches(follows, batch2, names).length;
  const matchMs = since(started);

  // Baseline: the same matcher without the batch's term index: every follow looks at every new paper.
  started = performance.now();
  let scanned = 0;
  const singles = batchPapers.map((paper) => new PaperBatch([paper]));
  for (const follows of byChannel)
    for (const single of singles) scanned += followedMatches(follows, single, names).length;
  const scanMs = since(started);
  if (scanned !== matches || again !== matches)
    throw new Error(`matches differ: ${matches} ${again} ${scanned}`);

  return {
    follows: channels * PER_CHANNEL,
    batch: batchPapers.length,
    matches,
    namesMs,
    firstMs,
    matchMs,
    scanMs,
  };
};

runChild(measure, import.meta.url);
