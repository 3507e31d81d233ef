// Semantic Scholar's Graph API batch lookup: citation counts, venue and year for up to 500 arXiv ids a request.
import ky, { isHTTPError } from "ky";
import type { ScholarFacts } from "../../papers/paper.js";
import { createHostThrottle } from "./host-throttle.js";
import { DEFAULT_HTTP_OPTIONS, toSourceError } from "./http-client.js";
import { retryAfterMs } from "./retry-after.js";
import { SourceError } from "./source-error.js";

export const SCHOLAR_SOURCE = "semantic-scholar";
export const DEFAULT_SCHOLAR_API = "https://api.semanticscholar.org";
/** The Graph API's own cap on ids in one batch request. */
export const SCHOLAR_BATCH_MAX = 500;
const FIELDS = "citationCount,influentialCitationCount,venue,year";

export interface ScholarClientOptions {
  /** The API's origin; tests point it at a local fake. */
  baseUrl?: string;
  /** SEMANTIC_SCHOLAR_API_KEY, sent as `x-api-key` (never logged). */
  apiKey?: string;
  timeoutMs?: number;
  /** Retries after the first attempt, for 429 and 5xx; a 429's Retry-After is waited out up to `maxRetryAfterMs`. */
  retryLimit?: number;
  retryDelayMs?: number;
  maxRetryAfterMs?: number;
  /**
   * Milliseconds between request starts. With a key Semantic Scholar allows one request a second; without one
   * every keyless client shares one pool, so we ask less often (3 s) by default.
   */
  minIntervalMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** What Semantic Scholar said of one paper: its facts, or undefined when it does not know the paper. */
export type ScholarAnswer = Omit<ScholarFacts, "checkedAt"> | undefined;

export interface ScholarClient {
  /** One answer per id, in order. Fails only with a SourceError (no cause attached: it would carry the key). */
  lookup(arxivIds: readonly string[]): Promise<ScholarAnswer[]>;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** One entry of the batch answer, read defensively: anything odd is left out, never thrown. */
export function readScholarEntry(entry: unknown): ScholarAnswer {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return undefined;
  const record = entry as Record<string, unknown>;
  const venue =
    typeof record.venue === "string" ? record.venue.replace(/\s+/g, " ").trim().slice(0, 200) : undefined;
  const year = count(record.year);
  const facts: NonNullable<ScholarAnswer> = {
    citationCount: count(record.citationCount),
    influentialCitationCount: count(record.influentialCitationCount),
    venue: venue || undefined,
    year: year !== undefined && year >= 1900 && year <= 2200 ? year : undefined,
  };
  for (const key of Object.keys(facts) as (keyof typeof facts)[])
    if (facts[key] === undefined) delete facts[key];
  return facts;
}

/** The answer to a batch of `expected` ids: an array of that length, or a SourceError saying what came instead. */
export function readScholarBatch(body: unknown, expected: number): ScholarAnswer[] {
  if (!Array.isArray(body) || body.length !== expected) {
    throw new SourceError({
      source: SCHOLAR_SOURCE,
      kind: "malformed",
      message: `expected a list of ${expected} answers, got ${Array.isArray(body) ? `${body.length}` : typeof body}`,
    });
  }
  return body.map(readScholarEntry);
}

/** The same failure without its cause (ky's error holds the request, and so the key). */
function withoutCause(error: SourceError): SourceError {
  return new SourceError({
    source: error.source,
    kind: error.kind,
    status: error.status,
    retryAfterSeconds: error.retryAfterSeconds,
    message: error.message.slice(error.source.length + 2),
  });
}

export function createScholarClient(options: ScholarClientOptions = {}): ScholarClient {
  const base = (options.baseUrl ?? DEFAULT_SCHOLAR_API).replace(/\/+$/, "");
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_HTTP_OPTIONS.maxRetryAfterMs;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_HTTP_OPTIONS.retryDelayMs;
  const interval = options.minIntervalMs ?? (options.apiKey ? 1000 : 3000);
  const waitForHost = createHostThrottle({ defaultMs: interval });
  const client = ky.create({
    timeout: options.timeoutMs ?? DEFAULT_HTTP_OPTIONS.timeoutMs,
    headers: {
      "user-agent": DEFAULT_HTTP_OPTIONS.userAgent,
      ...(options.apiKey ? { "x-api-key": options.apiKey } : {}),
    },
    retry: {
      limit: options.retryLimit ?? DEFAULT_HTTP_OPTIONS.retryLimit,
      // The batch lookup only reads, so retrying its POST is safe.
      methods: ["post"],
      statusCodes: [429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      delay: (attempt) => retryDelayMs * 2 ** (attempt - 1),
      // A server asking us to wait longer than we will gets no retry: the job backs off until then instead.
      shouldRetry: ({ error }) => {
        if (!isHTTPError(error)) return undefined;
        const wait = retryAfterMs(error.response.headers.get("retry-after"), Date.now());
        return wait !== undefined && wait > maxRetryAfterMs ? false : undefined;
      },
    },
    hooks: { beforeRequest: [async (request) => waitForHost(new URL(request.url).host)] },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    async lookup(arxivIds) {
      if (arxivIds.length === 0) return [];
      if (arxivIds.length > SCHOLAR_BATCH_MAX) {
        throw new RangeError(`at most ${SCHOLAR_BATCH_MAX} ids a batch, got ${arxivIds.length}`);
      }
      let body: unknown;
      try {
        const response = await client.post(`${base}/graph/v1/paper/batch`, {
          searchParams: { fields: FIELDS },
          json: { ids: arxivIds.map((id) => `ARXIV:${id}`) },
        });
        body = await response.json();
      } catch (error) {
        const failure = toSourceError(SCHOLAR_SOURCE, error);
        throw withoutCause(
          failure.kind === "internal" || error instanceof SyntaxError
            ? new SourceError({
                source: SCHOLAR_SOURCE,
                kind: "malformed",
                message: "the answer is not JSON",
              })
            : failure,
        );
      }
      return readScholarBatch(body, arxivIds.length);
    },
  };
}
