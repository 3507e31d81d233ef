// The live sources as the app uses them: one HTTP client, the configured feeds, and single papers by arXiv id.
import type { Settings } from "../config.js";
import { UserError } from "../errors.js";
import type { Logger } from "../log.js";
import type { ArxivRef } from "../papers/ids.js";
import type { Paper, ParsedPaper } from "../papers/paper.js";
import type { Store } from "../store/store.js";
import { fetchArxivPaper } from "./fetch/arxiv-paper.js";
import { findArxivByTitle } from "./fetch/arxiv-title.js";
import { DEFAULT_HOST_INTERVALS } from "./fetch/host-throttle.js";
import { createHttpClient, type HttpOptions } from "./fetch/http-client.js";
import { ingestSources, type SourceReport } from "./ingest-sources.js";

export interface LiveSources {
  /** Fetches every configured source (or the named ones) into the store. */
  ingest(names?: readonly string[]): Promise<SourceReport[]>;
  fetchPaper(ref: ArxivRef): Promise<ParsedPaper>;
  /** The arXiv paper with exactly this (normalised) title, or undefined; through the same polite client. */
  findByTitle(title: string): Promise<ParsedPaper | undefined>;
}

export interface LiveSourcesDeps {
  settings: Settings;
  store: Store;
  log: Logger;
  now: () => Date;
  enrich?: (papers: Paper[]) => Paper[];
  onChanged?: (papers: Paper[]) => void;
  http?: HttpOptions;
  /**
   * Stops every fetch in flight when aborted (the bot is shutting down): `ingest` then rejects with the
   * signal's reason and writes nothing more, so the store can close under it.
   */
  signal?: AbortSignal;
}

export function createLiveSources(deps: LiveSourcesDeps): LiveSources {
  const { fetch } = deps.settings;
  const http = createHttpClient({
    timeoutMs: fetch.timeoutMs,
    retryLimit: fetch.retryLimit,
    retryDelayMs: fetch.retryDelayMs,
    intervals: { ...DEFAULT_HOST_INTERVALS, defaultMs: fetch.minIntervalMs },
    ...deps.http,
    signal: deps.signal,
  });
  const urls = deps.settings.sourceUrls;
  return {
    async ingest(names) {
      const known = deps.settings.sources.map((s) => s.name);
      const unknown = (names ?? []).filter((name) => !known.includes(name));
      if (unknown.length > 0) {
        throw new UserError(
          "unknown-source",
          `No source named ${unknown.map((n) => `"${n}"`).join(", ")}.`,
          known.length > 0
            ? `Configured sources: ${known.join(", ")}.`
            : "No sources are configured (settings: sources).",
        );
      }
      const chosen =
        names && names.length > 0
          ? deps.settings.sources.filter((s) => names.includes(s.name))
          : deps.settings.sources;
      return ingestSources(chosen, {
        http,
        now: deps.now,
        urls,
        store: deps.store,
        log: deps.log,
        enrich: deps.enrich,
        onChanged: deps.onChanged,
        signal: deps.signal,
      });
    },
    fetchPaper: (ref) => fetchArxivPaper(ref, { http, now: deps.now, urls }),
    findByTitle: (title) => findArxivByTitle(title, { http, now: deps.now, urls }),
  };
}
