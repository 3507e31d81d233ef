// The background job that adds Semantic Scholar's citation counts, venue and year to papers: after ingest,
// never on a request's path, resumable (each batch is stored as it lands), its state in `paperbot stats`.
import type { ScholarAnswer, ScholarClient } from "../ingest/fetch/semantic-scholar.js";
import { SCHOLAR_BATCH_MAX, SCHOLAR_SOURCE } from "../ingest/fetch/semantic-scholar.js";
import { isSourceError } from "../ingest/fetch/source-error.js";
import type { Logger } from "../log.js";
import type { Paper, ScholarFacts } from "../papers/paper.js";
import type { SourceStatus } from "../store/records.js";
import type { Store } from "../store/store.js";
import {
  countDue,
  DEFAULT_REFRESH_POLICY,
  duePapers,
  type RefreshPolicy,
  withScholarFacts,
} from "./scholar-refresh.js";

export interface ScholarJobDeps {
  store: Store;
  client: ScholarClient;
  now: () => Date;
  log?: Logger;
  policy?: RefreshPolicy;
  /** Ids a request (at most 500, the API's cap). */
  batchSize?: number;
  /** Requests a run makes at most; what is left is due next run. */
  maxBatches?: number;
  /** After a failure without a Retry-After, the first wait; it doubles each failure in a row up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface ScholarRunReport {
  /** Why nothing was asked: a run was already going, or an earlier failure asked us to wait. */
  skipped?: "running" | "backing-off" | "stopped";
  /** Papers asked about, and how many of them Semantic Scholar knew. */
  asked: number;
  found: number;
  /** Papers still due after the run. */
  due: number;
  error?: string;
}

export interface ScholarJob {
  /** One run: never throws (a failure is recorded in the source status and the report). */
  run(): Promise<ScholarRunReport>;
  /** Lets the current batch land, then stops the run; later runs do nothing (for shutdown). */
  stop(): Promise<void>;
}

/** The record kept for a paper: the answer's facts (or none, when it was unknown) and when we asked. */
export function scholarRecord(answer: ScholarAnswer, checkedAt: string): ScholarFacts {
  return { checkedAt, ...(answer ?? {}) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createScholarJob(deps: ScholarJobDeps): ScholarJob {
  const { store, client, now, log } = deps;
  const policy = deps.policy ?? DEFAULT_REFRESH_POLICY;
  const batchSize = Math.min(SCHOLAR_BATCH_MAX, Math.max(1, deps.batchSize ?? SCHOLAR_BATCH_MAX));
  const maxBatches = deps.maxBatches ?? 20;
  const backoffMs = deps.backoffMs ?? 60_000;
  const maxBackoffMs = deps.maxBackoffMs ?? 3_600_000;
  let running: Promise<ScholarRunReport> | undefined;
  let stopping = false;

  const status = (): SourceStatus =>
    store.sourceStatuses().find((s) => s.name === SCHOLAR_SOURCE) ?? { name: SCHOLAR_SOURCE };

  async function record(
    update: Partial<SourceStatus>,
    memo: Record<string, string | undefined>,
  ): Promise<void> {
    const previous = status();
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...previous.memo, ...memo }))
      if (value !== undefined) merged[key] = value;
    await store.putSourceStatus({ ...previous, ...update, name: SCHOLAR_SOURCE, memo: merged });
  }

  /** The wait after a failure: the server's Retry-After when it gave one, else a doubling backoff. */
  function waitAfter(error: unknown): number {
    if (isSourceError(error) && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
    const last = Number(status().memo?.backoffMs ?? 0);
    return Math.min(maxBackoffMs, last > 0 ? last * 2 : backoffMs);
  }

  async function runOnce(): Promise<ScholarRunReport> {
    const started = now();
    const nextAttemptAt = status().memo?.nextAttemptAt;
    if (nextAttemptAt && started.toISOString() < nextAttemptAt) {
      return {
        skipped: "backing-off",
        asked: 0,
        found: 0,
        due: countDue(store.corpus.all(), started, policy),
      };
    }
    let asked = 0;
    let found = 0;
    const due = duePapers(store.corpus.all(), started, batchSize * maxBatches, policy);
    try {
      for (const batch of chunks(due, batchSize)) {
        if (stopping) break;
        const answers = await client.lookup(batch.map((paper) => paper.arxivId as string));
        const checkedAt = now().toISOString();
        // The paper as it is now (ingest may have changed it while we waited), with the answer added.
        const updated: Paper[] = batch.map((paper, i) =>
          withScholarFacts(store.corpus.find(paper.id) ?? paper, scholarRecord(answers[i], checkedAt)),
        );
        await store.putPapers(updated);
        asked += batch.length;
        found += answers.filter((answer) => answer !== undefined).length;
      }
    } catch (error) {
      const wait = waitAfter(error);
      const failedAt = now();
      const message = isSourceError(error) ? error.message : `internal error: ${(error as Error).message}`;
      log?.warn(
        { source: SCHOLAR_SOURCE, asked, waitMs: wait, error: message },
        "Semantic Scholar enrichment stopped",
      );
      await record(
        {
          lastAttemptAt: started.toISOString(),
          lastErrorAt: failedAt.toISOString(),
          lastError: message,
          lastCount: asked,
        },
        {
          nextAttemptAt: new Date(failedAt.getTime() + wait).toISOString(),
          backoffMs: String(wait),
          due: String(countDue(store.corpus.all(), failedAt, policy)),
        },
      );
      return { asked, found, due: countDue(store.corpus.all(), failedAt, policy), error: message };
    }
    const finished = now();
    const left = countDue(store.corpus.all(), finished, policy);
    await record(
      { lastAttemptAt: started.toISOString(), lastSuccessAt: finished.toISOString(), lastCount: asked },
      { nextAttemptAt: undefined, backoffMs: undefined, due: String(left) },
    );
    if (asked > 0)
      log?.info({ source: SCHOLAR_SOURCE, asked, found, due: left }, "Semantic Scholar enrichment ran");
    return { asked, found, due: left };
  }

  return {
    run() {
      if (stopping) return Promise.resolve({ skipped: "stopped", asked: 0, found: 0, due: 0 });
      if (running) return Promise.resolve({ skipped: "running", asked: 0, found: 0, due: 0 });
      running = runOnce()
        .catch((error: unknown): ScholarRunReport => {
          // Recording the failure itself failed (the store is closing): say so, never throw into the caller.
          log?.warn(
            { source: SCHOLAR_SOURCE, error: (error as Error).message },
            "Semantic Scholar enrichment failed",
          );
          return { asked: 0, found: 0, due: 0, error: (error as Error).message };
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    async stop() {
      stopping = true;
      await running;
    },
  };
}
