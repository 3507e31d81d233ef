// Keeps the baseline's per-query measurements on disk, keyed by everything they depend on, so a re-run over the same inputs skips MiniSearch's hour at 100k.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Paper } from "../../src/papers/paper.js";
import type { Measured } from "./search-scale.js";
import type { StyledQuery } from "./search-styled-queries.js";

/** Where `npm run eval` keeps them: inside node_modules, so a fresh install starts clean. */
export const BASELINE_CACHE_DIR = new URL("../../node_modules/.cache/paperbot-search-eval/", import.meta.url)
  .pathname;

export interface BaselineInputs {
  papers: readonly Paper[];
  queries: readonly StyledQuery[];
  /** The library's version, its set-up and the measuring code, as text: any change is a new key. */
  setup: string;
}

/** A hash of the corpus (ids, titles, abstracts in order), the queries and the set-up. */
export function baselineKey({ papers, queries, setup }: BaselineInputs): string {
  const hash = createHash("sha256");
  hash.update(setup);
  for (const { query, title, style } of queries) hash.update(`\u0001${style}\u0002${query}\u0002${title}`);
  for (const { id, title, abstract } of papers) hash.update(`\u0003${id}\u0002${title}\u0002${abstract}`);
  return hash.digest("hex").slice(0, 32);
}

export interface Cached {
  measured: Measured;
  /** When the measurements were taken, if they were read from the cache (an ISO date). */
  cachedAt?: string;
}

/** The stored measurements for `key`, else `measure()`'s, stored for next time. */
export function cachedMeasurement(
  dir: string,
  key: string,
  measure: () => Measured,
  now: () => Date,
): Cached {
  const file = join(dir, `${key}.json`);
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { measuredAt: string; measured: Measured };
    return { measured: stored.measured, cachedAt: stored.measuredAt };
  } catch {
    // Missing or unreadable: measure afresh.
  }
  const measured = measure();
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed, so a run stopped halfway never leaves half a file to be read.
  writeFileSync(`${file}.tmp`, JSON.stringify({ measuredAt: now().toISOString(), measured }));
  renameSync(`${file}.tmp`, file);
  return { measured };
}
