// When a paper's Semantic Scholar facts are due for a (re)fetch: pure, with `now` passed in.
import type { Paper, ScholarFacts } from "../papers/paper.js";

export interface RefreshPolicy {
  /** How long facts stay fresh (days). */
  refreshDays: number;
  /** A paper younger than `youngDays` gathers citations fast: its facts stay fresh only `youngRefreshDays`. */
  youngDays: number;
  youngRefreshDays: number;
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = { refreshDays: 7, youngDays: 30, youngRefreshDays: 1 };

const DAY_MS = 86_400_000;

/** Whether `paper` was published less than `policy.youngDays` before `now` (an undated paper is not young). */
function isYoung(paper: Paper, now: Date, policy: RefreshPolicy): boolean {
  if (!paper.published) return false;
  const published = Date.parse(`${paper.published}T00:00:00Z`);
  return !Number.isNaN(published) && now.getTime() - published < policy.youngDays * DAY_MS;
}

/** Whether `paper` (which must have an arXiv id to be looked up) needs asking about at `now`. */
export function isDue(paper: Paper, now: Date, policy: RefreshPolicy = DEFAULT_REFRESH_POLICY): boolean {
  if (!paper.arxivId) return false;
  const checked = paper.scholar ? Date.parse(paper.scholar.checkedAt) : Number.NaN;
  if (Number.isNaN(checked)) return true;
  const days = isYoung(paper, now, policy) ? policy.youngRefreshDays : policy.refreshDays;
  return now.getTime() - checked >= days * DAY_MS;
}

/** The papers due at `now`: never asked first, then the longest ago, at most `limit`. */
export function duePapers(
  papers: Iterable<Paper>,
  now: Date,
  limit: number,
  policy: RefreshPolicy = DEFAULT_REFRESH_POLICY,
): Paper[] {
  const due: Paper[] = [];
  for (const paper of papers) if (isDue(paper, now, policy)) due.push(paper);
  due.sort((a, b) => (a.scholar?.checkedAt ?? "").localeCompare(b.scholar?.checkedAt ?? ""));
  return due.slice(0, limit);
}

/** How many papers are due at `now` (for `paperbot stats`). */
export function countDue(
  papers: Iterable<Paper>,
  now: Date,
  policy: RefreshPolicy = DEFAULT_REFRESH_POLICY,
): number {
  let count = 0;
  for (const paper of papers) if (isDue(paper, now, policy)) count += 1;
  return count;
}

/** `paper` with `facts` as its Semantic Scholar record (a new object; `paper` is not modified). */
export function withScholarFacts(paper: Paper, facts: ScholarFacts): Paper {
  return { ...paper, scholar: facts };
}
