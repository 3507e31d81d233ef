// The background job that links papers a listing gave without an arXiv id (the seeds) to arXiv, by exact title,
// so `show` and the cards give abstract and PDF links. A fuzzy match is never taken.
import type { Logger } from "../log.js";
import { normalizeTitle } from "../papers/ids.js";
import { mergePaper } from "../papers/merge.js";
import type { Paper, ParsedPaper } from "../papers/paper.js";
import type { SourceStatus } from "../store/records.js";
import type { Store } from "../store/store.js";

export const TITLE_MATCH_SOURCE = "arxiv-titles";

export interface TitleMatchDeps {
  store: Store;
  /** The arXiv paper with exactly this normalised title, or undefined (LiveSources.findByTitle). */
  find: (title: string) => Promise<ParsedPaper | undefined>;
  now: () => Date;
  log?: Logger;
  /** Called with each paper that gained an arXiv id (the search index takes it). */
  onChanged?: (papers: Paper[]) => void;
  /** Searches a run makes at most (arXiv asks for one every 3 s); the rest wait for the next run. */
  maxPerRun?: number;
  /** A title arXiv did not have is searched again after this many days. */
  recheckDays?: number;
}

export interface TitleMatchReport {
  asked: number;
  linked: number;
  /** Papers without an arXiv id still to search. */
  due: number;
  error?: string;
}

const DAY_MS = 86_400_000;

/** Whether `paper` has no arXiv id and its title was not searched within `recheckDays` of `now`. */
export function needsTitleSearch(paper: Paper, now: Date, recheckDays: number): boolean {
  if (paper.arxivId) return false;
  const checked = paper.arxivTitleCheckedAt ? Date.parse(paper.arxivTitleCheckedAt) : Number.NaN;
  return Number.isNaN(checked) || now.getTime() - checked >= recheckDays * DAY_MS;
}

/**
 * `paper` after the search: merged with the arXiv paper when its normalised title is exactly the same and no
 * other stored paper holds that arXiv id; else only marked as searched.
 */
export function linkByTitle(
  paper: Paper,
  found: ParsedPaper | undefined,
  checkedAt: string,
  holderOf: (arxivId: string) => Paper | undefined,
): Paper {
  const exact =
    found?.arxivId !== undefined &&
    normalizeTitle(found.title) === normalizeTitle(paper.title) &&
    (holderOf(found.arxivId)?.id ?? paper.id) === paper.id;
  const base = exact && found ? mergePaper(paper, found) : paper;
  return { ...base, arxivTitleCheckedAt: checkedAt };
}

export function createTitleMatchJob(deps: TitleMatchDeps): { run(): Promise<TitleMatchReport> } {
  const { store, find, now, log } = deps;
  const maxPerRun = deps.maxPerRun ?? 40;
  const recheckDays = deps.recheckDays ?? 30;
  let running: Promise<TitleMatchReport> | undefined;

  const countDue = (at: Date) => {
    let due = 0;
    for (const paper of store.corpus.all()) if (needsTitleSearch(paper, at, recheckDays)) due += 1;
    return due;
  };

  async function record(update: Partial<SourceStatus>, due: number): Promise<void> {
    const previous = store.sourceStatuses().find((s) => s.name === TITLE_MATCH_SOURCE);
    await store.putSourceStatus({
      ...previous,
      ...update,
      name: TITLE_MATCH_SOURCE,
      memo: { due: String(due) },
    });
  }

  async function runOnce(): Promise<TitleMatchReport> {
    const started = now();
    const todo = [...store.corpus.all()]
      .filter((paper) => needsTitleSearch(paper, started, recheckDays))
      .slice(0, maxPerRun);
    let asked = 0;
    let linked = 0;
    try {
      for (const candidate of todo) {
        const found = await find(candidate.title);
        asked += 1;
        // The paper as stored now: ingest may have linked it meanwhile.
        const current = store.corpus.find(candidate.id) ?? candidate;
        if (current.arxivId) continue;
        const updated = linkByTitle(current, found, now().toISOString(), (id) => store.corpus.find(id));
        await store.putPapers([updated]);
        if (updated.arxivId) {
          linked += 1;
          deps.onChanged?.([updated]);
        }
      }
    } catch (error) {
      const message = (error as Error).message;
      log?.warn({ source: TITLE_MATCH_SOURCE, asked, error: message }, "arXiv title search stopped");
      const at = now();
      await record(
        {
          lastAttemptAt: started.toISOString(),
          lastErrorAt: at.toISOString(),
          lastError: message,
          lastCount: linked,
        },
        countDue(at),
      );
      return { asked, linked, due: countDue(at), error: message };
    }
    const at = now();
    const due = countDue(at);
    await record(
      { lastAttemptAt: started.toISOString(), lastSuccessAt: at.toISOString(), lastCount: linked },
      due,
    );
    if (asked > 0) log?.info({ source: TITLE_MATCH_SOURCE, asked, linked, due }, "arXiv title search ran");
    return { asked, linked, due };
  }

  return {
    run() {
      if (running) return Promise.resolve({ asked: 0, linked: 0, due: 0 });
      running = runOnce()
        .catch((error: unknown) => ({ asked: 0, linked: 0, due: 0, error: (error as Error).message }))
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
