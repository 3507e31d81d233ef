// The ingest step every source shares: merge parsed papers into the corpus and report what changed.
import type { Corpus } from "../papers/corpus.js";
import type { Paper, ParsedPaper } from "../papers/paper.js";

export interface IngestCounts {
  read: number;
  new: number;
  updated: number;
  unchanged: number;
}

export interface IngestOutcome {
  counts: IngestCounts;
  /** Papers that are new or changed, in their merged form, each once. */
  changed: Paper[];
  newIds: string[];
}

/** Merges `parsed` into `corpus` (which it updates in memory). Persisting is the caller's. */
export function mergeIntoCorpus(corpus: Corpus, parsed: Iterable<ParsedPaper>): IngestOutcome {
  const counts: IngestCounts = { read: 0, new: 0, updated: 0, unchanged: 0 };
  const changed = new Map<string, Paper>();
  const newIds = new Set<string>();
  for (const paper of parsed) {
    counts.read++;
    const { paper: stored, outcome } = corpus.upsert(paper);
    if (outcome === "new") newIds.add(stored.id);
    if (outcome !== "unchanged") changed.set(stored.id, stored);
    // A paper new in this batch and seen again later in it counts as new once, not as updated.
    if (outcome === "updated" && newIds.has(stored.id)) continue;
    counts[outcome]++;
  }
  return { counts, changed: [...changed.values()], newIds: [...newIds] };
}
