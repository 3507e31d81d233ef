// Fetching the configured live sources into the store: each source on its own, failures recorded, never fatal.
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import type { SourceConfig } from "../source-config.js";
import type { Store } from "../store/store.js";
import { fetchAllSources } from "./fetch/fetch-all-sources.js";
import type { FetchDeps } from "./fetch/fetch-deps.js";
import type { FetchState } from "./fetch/fetch-state.js";
import { type IngestCounts, mergeIntoCorpus } from "./ingest.js";

export interface SourceReport extends IngestCounts {
  source: string;
  stale: boolean;
  error?: string;
  warnings: number;
  /** Hugging Face: the missed days read by date before today's listing, when there were any. */
  caughtUpDays?: string[];
}

export interface IngestSourcesDeps extends Omit<FetchDeps, "state"> {
  store: Store;
  log: Logger;
  enrich?: (papers: Paper[]) => Paper[];
  /** Makes the changed papers searchable. */
  onChanged?: (papers: Paper[]) => void;
  /** Aborted: the fetches failed because we are stopping, so nothing is recorded (not even as errors). */
  signal?: AbortSignal;
}

function fetchState(store: Store): FetchState {
  return Object.fromEntries(store.sourceStatuses().map((status) => [status.name, { ...status.memo }]));
}

export async function ingestSources(
  sources: readonly SourceConfig[],
  deps: IngestSourcesDeps,
): Promise<SourceReport[]> {
  const { store, log } = deps;
  const outcomes = await fetchAllSources(sources, {
    http: deps.http,
    now: deps.now,
    urls: deps.urls,
    state: fetchState(store),
  });
  deps.signal?.throwIfAborted();
  const reports: SourceReport[] = [];
  for (const outcome of outcomes) {
    const at = deps.now().toISOString();
    const merged = mergeIntoCorpus(store.corpus, outcome.papers);
    const changed = deps.enrich ? deps.enrich(merged.changed) : merged.changed;
    if (changed.length > 0) {
      await store.putPapers(changed);
      deps.onChanged?.(changed);
    }
    const previous = store.sourceStatuses().find((s) => s.name === outcome.source);
    const error = outcome.error ? `${outcome.error.kind}: ${outcome.error.message}` : undefined;
    await store.putSourceStatus({
      ...previous,
      name: outcome.source,
      lastAttemptAt: at,
      lastSuccessAt: error ? previous?.lastSuccessAt : at,
      lastErrorAt: error ? at : previous?.lastErrorAt,
      lastError: error ?? previous?.lastError,
      lastCount: outcome.papers.length,
      stale: outcome.stale,
      memo: Object.fromEntries(
        Object.entries(outcome.state).filter(([, v]) => typeof v === "string"),
      ) as Record<string, string>,
    });
    if (error)
      log.warn(
        { source: outcome.source, kind: outcome.error?.kind },
        `source ${outcome.source} failed: ${error}`,
      );
    else
      log.info(
        {
          source: outcome.source,
          new: merged.counts.new,
          updated: merged.counts.updated,
          stale: outcome.stale,
          ...(outcome.caughtUpDays ? { caughtUpDays: outcome.caughtUpDays } : {}),
        },
        "source ingested",
      );
    reports.push({
      source: outcome.source,
      ...merged.counts,
      stale: outcome.stale,
      error,
      warnings: outcome.warnings.length,
      ...(outcome.caughtUpDays ? { caughtUpDays: outcome.caughtUpDays } : {}),
    });
  }
  return reports;
}
