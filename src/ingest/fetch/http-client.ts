// GETting a feed politely: a per-host pace, retries with backoff that honour Retry-After, timeouts, conditional requests.
import ky, { type HTTPError, isHTTPError, isTimeoutError } from "ky";
import { createHostThrottle, DEFAULT_HOST_INTERVALS, type HostIntervals } from "./host-throttle.js";
import { retryAfterMs } from "./retry-after.js";
import { SourceError } from "./source-error.js";

export interface HttpOptions {
  /** Per attempt, until the response headers arrive. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 408/429/5xx and network failures. */
  retryLimit?: number;
  /** The first retry's delay; each later one doubles it (when the server gives no Retry-After). */
  retryDelayMs?: number;
  /** The longest Retry-After we wait out; a server asking for longer fails the request as rate-limited. */
  maxRetryAfterMs?: number;
  intervals?: HostIntervals;
  userAgent?: string;
  /** A fetch to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Aborts every request, retry wait and pacing wait of this client (the bot is stopping). */
  signal?: AbortSignal;
}

export const DEFAULT_HTTP_OPTIONS = {
  timeoutMs: 30_000,
  retryLimit: 3,
  retryDelayMs: 1000,
  maxRetryAfterMs: 60_000,
  intervals: DEFAULT_HOST_INTERVALS,
  userAgent: "paperbot/0.1 (a team chat bot that shares research papers)",
} satisfies HttpOptions;

/** What a server told us about a response's version, sent back next time to ask "changed since?". */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface TextRequest {
  /** The source name, for errors. */
  source: string;
  url: string;
  validators?: Validators;
}

export type TextResponse =
  | { notModified: true }
  | { notModified: false; body: string; validators: Validators };

export interface HttpClient {
  /** The body of a GET, or notModified when the server answered 304. Fails only with a SourceError. */
  getText(request: TextRequest): Promise<TextResponse>;
}

function conditionalHeaders(validators: Validators | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers["if-none-match"] = validators.etag;
  if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
  return headers;
}

function statusError(source: string, error: HTTPError): SourceError {
  const { status } = error.response;
  if (status === 429) {
    const wait = retryAfterMs(error.response.headers.get("retry-after"), Date.now());
    return new SourceError({
      source,
      kind: "rate-limited",
      status,
      retryAfterSeconds: wait === undefined ? undefined : Math.ceil(wait / 1000),
      message: "the server is rate-limiting us (HTTP 429); the next run will try again",
      cause: error,
    });
  }
  if (status >= 500) {
    return new SourceError({
      source,
      kind: "unavailable",
      status,
      message: `server error (HTTP ${status})`,
      cause: error,
    });
  }
  return new SourceError({
    source,
    kind: "rejected",
    status,
    message: `the server refused the request (HTTP ${status}); check the source's settings`,
    cause: error,
  });
}

/** Any failure of a request as a SourceError, so callers handle one error type. */
export function toSourceError(source: string, error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  if (isHTTPError(error)) return statusError(source, error);
  if (isTimeoutError(error)) {
    return new SourceError({
      source,
      kind: "timeout",
      message: "no answer before the timeout",
      cause: error,
    });
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
  return new SourceError({
    source,
    kind: "unavailable",
    message: `could not connect (${detail})`,
    cause: error,
  });
}

export function createHttpClient(options: HttpOptions = {}): HttpClient {
  // Options given as undefined keep their defaults.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings = { ...DEFAULT_HTTP_OPTIONS, ...given } as typeof DEFAULT_HTTP_OPTIONS & HttpOptions;
  const waitForHost = createHostThrottle(settings.intervals, settings.signal);
  const client = ky.create({
    timeout: settings.timeoutMs,
    headers: { "user-agent": settings.userAgent },
    // A 304 is an answer, not a failure: the caller reads it as "not modified".
    throwHttpErrors: (status) => status !== 304,
    retry: {
      limit: settings.retryLimit,
      methods: ["get"],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      delay: (attempt) => settings.retryDelayMs * 2 ** (attempt - 1),
      // ky would wait out any Retry-After (clamped to the maximum); a server asking for longer gets no retry.
      shouldRetry: ({ error }) => {
        if (!isHTTPError(error)) return undefined;
        const wait = retryAfterMs(error.response.headers.get("retry-after"), Date.now());
        return wait !== undefined && wait > settings.maxRetryAfterMs ? false : undefined;
      },
    },
    hooks: {
      // Before each attempt, retries included; the timeout starts only after the wait.
      beforeRequest: [
        async (request) => {
          await waitForHost(new URL(request.url).host);
        },
      ],
    },
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.signal ? { signal: settings.signal } : {}),
  });

  return {
    async getText({ source, url, validators }) {
      try {
        const response = await client.get(url, { headers: conditionalHeaders(validators) });
        if (response.status === 304) {
          await response.body?.cancel();
          return { notModified: true };
        }
        const body = await response.text();
        const etag = response.headers.get("etag") ?? undefined;
        const lastModified = response.headers.get("last-modified") ?? undefined;
        return { notModified: false, body, validators: { etag, lastModified } };
      } catch (error) {
        throw toSourceError(source, error);
      }
    },
  };
}
