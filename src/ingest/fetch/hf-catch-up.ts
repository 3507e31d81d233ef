// Hugging Face days missed while paperbot was down: which dated listings to read, and reading them oldest first.

import type { ParsedPaper } from "../../papers/paper.js";
import type { HuggingFaceSourceConfig } from "../../source-config.js";
import { addDays } from "../../time/zoned-time.js";
import { parseHfDailyPapers } from "../hf-daily-papers.js";
import type { ParseWarning } from "../parse-result.js";
import { type FetchDeps, sourceUrls } from "./fetch-deps.js";
import type { SourceState } from "./fetch-state.js";
import { SourceError } from "./source-error.js";
import { readDocument } from "./source-read.js";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | undefined): value is string {
  return value !== undefined && ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/**
 * The last day whose listing a run read whole. A state written before catch-up existed has only
 * `checkedAt`, the time of the last answer: that day was read as "today", perhaps before the day's
 * last papers, so the day before it serves. A source never read has none, and reads only today.
 */
export function lastReadDay(state: SourceState): string | undefined {
  if (isDay(state.lastDay)) return state.lastDay;
  const checked = state.checkedAt?.slice(0, 10);
  return isDay(checked) ? addDays(checked, -1) : undefined;
}

/** The days after `lastDay` and before `today`, oldest first: at most the `cap` most recent of them. */
export function missedDays(lastDay: string | undefined, today: string, cap: number): string[] {
  if (!isDay(lastDay) || !isDay(today) || cap <= 0) return [];
  const earliest = addDays(today, -cap);
  const days: string[] = [];
  for (let day = addDays(lastDay, 1); day < today; day = addDays(day, 1)) {
    if (day >= earliest) days.push(day);
  }
  return days;
}

export interface CatchUp {
  /** The days whose listings were read, oldest first. */
  days: string[];
  papers: ParsedPaper[];
  warnings: ParseWarning[];
  /** The day that failed, as a SourceError naming it; the days after it were not asked for. */
  error?: SourceError;
}

/** A failure of one day's listing, saying which day and that the next run starts again from it. */
function dayError(source: string, day: string, error: unknown): SourceError {
  const cause =
    error instanceof SourceError
      ? error
      : new SourceError({ source, kind: "internal", message: String(error), cause: error });
  const detail = cause.message.startsWith(`${source}: `)
    ? cause.message.slice(source.length + 2)
    : cause.message;
  return new SourceError({
    source,
    kind: cause.kind,
    status: cause.status,
    retryAfterSeconds: cause.retryAfterSeconds,
    message: `the listing for ${day}: ${detail}; the next run starts again from that day`,
    cause,
  });
}

/**
 * Reads `?date=` listings for the days missed since `lastDay`, one at a time through the shared client
 * (so the host's pace and the retries hold), and stops at the first day that fails.
 */
export async function readMissedDays(
  config: HuggingFaceSourceConfig,
  deps: FetchDeps,
  lastDay: string | undefined,
): Promise<CatchUp> {
  const now = deps.now();
  const base = sourceUrls(deps).huggingFaceDaily;
  const catchUp: CatchUp = { days: [], papers: [], warnings: [] };
  for (const day of missedDays(lastDay, now.toISOString().slice(0, 10), config.catchUpDays)) {
    const url = new URL(base);
    url.searchParams.set("date", day);
    try {
      // Sighted like today's listing, under the endpoint's name, on the day the listing describes.
      const context = { ref: base, asOf: day, seenAt: now.toISOString() };
      const read = await readDocument(
        deps.http,
        { source: config.name, url: url.toString(), now, context },
        parseHfDailyPapers,
      );
      if (!read.notModified) {
        catchUp.papers.push(...read.papers);
        catchUp.warnings.push(...read.warnings.map((w) => ({ ...w, message: `${day}: ${w.message}` })));
      }
      catchUp.days.push(day);
    } catch (error) {
      catchUp.error = dayError(config.name, day, error);
      break;
    }
  }
  return catchUp;
}
