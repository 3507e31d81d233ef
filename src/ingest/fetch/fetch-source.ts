// Fetching one configured source into an outcome that never throws: papers, warnings, error, and staleness.

import type { ParsedPaper } from "../../papers/paper.js";
import type { HuggingFaceSourceConfig, SourceConfig, SourceKind } from "../../source-config.js";
import { addDays } from "../../time/zoned-time.js";
import { parseArxivRss } from "../arxiv-rss.js";
import { parseHfDailyPapers } from "../hf-daily-papers.js";
import type { ParseWarning } from "../parse-result.js";
import { readArxivQuery } from "./arxiv-query.js";
import { type FetchDeps, readContext, sourceUrls } from "./fetch-deps.js";
import { batchFingerprint, type SourceState } from "./fetch-state.js";
import { lastReadDay, readMissedDays } from "./hf-catch-up.js";
import type { Validators } from "./http-client.js";
import { SourceError } from "./source-error.js";
import { readDocument, type SourceRead } from "./source-read.js";

export interface SourceOutcome {
  /** The configured source name. */
  source: string;
  kind: SourceKind;
  papers: ParsedPaper[];
  warnings: ParseWarning[];
  /** Why the source failed (or stopped part-way, with the papers read before kept). */
  error?: SourceError;
  /** Nothing new since last run: the server said 304, or it served the same batch of papers again. */
  stale: boolean;
  /** The server answered 304 Not Modified to our conditional request. */
  notModified: boolean;
  /** What to remember for the next run; the caller persists it under `source`. */
  state: SourceState;
  /** Hugging Face: the missed days whose dated listings were read before today's, oldest first. */
  caughtUpDays?: string[];
}

function readSource(config: SourceConfig, deps: FetchDeps, validators: Validators): Promise<SourceRead> {
  const urls = sourceUrls(deps);
  const now = deps.now();
  switch (config.kind) {
    case "arxiv":
      return readArxivQuery(config, deps, validators);
    case "rss": {
      const url = `${urls.arxivRss.replace(/\/+$/, "")}/${config.category}`;
      return readDocument(deps.http, { source: config.name, url, validators, now }, parseArxivRss);
    }
    case "huggingface":
      return readDocument(
        deps.http,
        { source: config.name, url: urls.huggingFaceDaily, validators, now },
        parseHfDailyPapers,
      );
  }
}

/** The state as the caller will store it: absent validators are left out, not written as undefined. */
function withoutUndefined(state: SourceState): SourceState {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined));
}

function asSourceError(source: string, error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  return new SourceError({
    source,
    kind: "internal",
    message: `failed while reading: ${String(error)}`,
    cause: error,
  });
}

/** Today's read of a source: its current feed or listing, with the conditional request and the batch check. */
async function fetchLatest(config: SourceConfig, deps: FetchDeps): Promise<SourceOutcome> {
  const previous = deps.state?.[config.name] ?? {};
  const base = { source: config.name, kind: config.kind, notModified: false, stale: false };
  try {
    const read = await readSource(config, deps, { etag: previous.etag, lastModified: previous.lastModified });
    if (read.notModified) {
      return { ...base, papers: [], warnings: [], notModified: true, stale: true, state: previous };
    }
    if (read.error) {
      // A partial batch is not the batch: keep the old state so the next run reads the source in full.
      return { ...base, papers: read.papers, warnings: read.warnings, error: read.error, state: previous };
    }
    const fingerprint = batchFingerprint(read.papers);
    const state = withoutUndefined({ ...read.validators, fingerprint, checkedAt: deps.now().toISOString() });
    return {
      ...base,
      papers: read.papers,
      warnings: read.warnings,
      stale: previous.fingerprint === fingerprint,
      state,
    };
  } catch (error) {
    return { ...base, papers: [], warnings: [], error: asSourceError(config.name, error), state: previous };
  }
}

/**
 * Hugging Face lists papers per day: first the days missed since the last run read (by date, oldest
 * first, up to the source's cap), then today's listing. A day that fails ends the run there, and the
 * state keeps the last good day so the next run starts again from the failed one.
 */
async function fetchHuggingFace(config: HuggingFaceSourceConfig, deps: FetchDeps): Promise<SourceOutcome> {
  const previous = deps.state?.[config.name] ?? {};
  const today = readContext("", deps.now()).asOf;
  const lastDay = lastReadDay(previous);
  let catchUp: Awaited<ReturnType<typeof readMissedDays>>;
  try {
    catchUp = await readMissedDays(config, deps, lastDay);
  } catch (error) {
    catchUp = { days: [], papers: [], warnings: [], error: asSourceError(config.name, error) };
  }
  const lastGood = catchUp.days.at(-1) ?? lastDay;
  const caughtUpDays = catchUp.days.length > 0 ? { caughtUpDays: catchUp.days } : {};
  if (catchUp.error) {
    return {
      source: config.name,
      kind: config.kind,
      papers: catchUp.papers,
      warnings: catchUp.warnings,
      error: catchUp.error,
      stale: false,
      notModified: false,
      state: withoutUndefined({ ...previous, lastDay: lastGood }),
      ...caughtUpDays,
    };
  }
  const latest = await fetchLatest(config, deps);
  return {
    ...latest,
    papers: [...catchUp.papers, ...latest.papers],
    warnings: [...catchUp.warnings, ...latest.warnings],
    // Missed days read are news even when today's listing is the same batch as last time.
    stale: latest.stale && catchUp.days.length === 0,
    notModified: latest.notModified && catchUp.days.length === 0,
    // Today's listing grows all day, so today is never "read": the next day reads it again, whole, by date.
    state: withoutUndefined({ ...latest.state, lastDay: latest.error ? lastGood : addDays(today, -1) }),
    ...caughtUpDays,
  };
}

export function fetchSource(config: SourceConfig, deps: FetchDeps): Promise<SourceOutcome> {
  return config.kind === "huggingface" ? fetchHuggingFace(config, deps) : fetchLatest(config, deps);
}
