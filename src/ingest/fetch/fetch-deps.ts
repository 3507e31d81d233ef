// What the fetchers need from the outside: the HTTP client, the clock, where each service lives, and the last state.
import type { ParseContext } from "../parse-result.js";
import type { FetchState } from "./fetch-state.js";
import type { HttpClient } from "./http-client.js";

export interface SourceUrls {
  /** The arXiv API query endpoint. */
  arxivApi: string;
  /** The arXiv RSS root; a category is appended as a path segment. */
  arxivRss: string;
  /** The Hugging Face daily papers endpoint. */
  huggingFaceDaily: string;
}

export const DEFAULT_SOURCE_URLS: SourceUrls = {
  arxivApi: "https://export.arxiv.org/api/query",
  arxivRss: "https://rss.arxiv.org/rss",
  huggingFaceDaily: "https://huggingface.co/api/daily_papers",
};

export interface FetchDeps {
  /** One client for the whole run, so every source shares its per-host pace. */
  http: HttpClient;
  now: () => Date;
  /** Base URLs to use instead of the real services (tests point them at 127.0.0.1). */
  urls?: Partial<SourceUrls>;
  /** What the previous run remembered, by source name. */
  state?: FetchState;
}

export function sourceUrls(deps: Pick<FetchDeps, "urls">): SourceUrls {
  return { ...DEFAULT_SOURCE_URLS, ...deps.urls };
}

/** The parse context for a read of `ref` now: the day is the UTC day of the read. */
export function readContext(ref: string, now: Date): ParseContext {
  const seenAt = now.toISOString();
  return { ref, asOf: seenAt.slice(0, 10), seenAt };
}
