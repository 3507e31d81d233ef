// Fetching every configured source at once, each in isolation: one failing source never stops the others.

import type { SourceConfig } from "../../source-config.js";
import type { FetchDeps } from "./fetch-deps.js";
import { fetchSource, type SourceOutcome } from "./fetch-source.js";
import type { FetchState } from "./fetch-state.js";

/** Outcomes in the order of `sources`. Never rejects; the shared client keeps the per-host pace. */
export function fetchAllSources(sources: readonly SourceConfig[], deps: FetchDeps): Promise<SourceOutcome[]> {
  return Promise.all(sources.map((source) => fetchSource(source, deps)));
}

/** The state to persist after a run: each source's new state, and the old one for sources not fetched. */
export function nextFetchState(previous: FetchState, outcomes: readonly SourceOutcome[]): FetchState {
  const next: FetchState = { ...previous };
  for (const outcome of outcomes) next[outcome.source] = outcome.state;
  return next;
}
