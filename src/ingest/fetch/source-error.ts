// The one error a live source fails with: which source, what kind of failure, and what the server said.

export type SourceErrorKind =
  /** The server asked us to slow down (HTTP 429) and kept asking after our retries. */
  | "rate-limited"
  /** The server is down or unreachable (5xx after retries, connection refused, DNS). */
  | "unavailable"
  /** No answer within the client's timeout. */
  | "timeout"
  /** An answer, but not the document we expected (bad XML/JSON, an HTML page). */
  | "malformed"
  /** The server refused the request itself (4xx, or arXiv's error feed): the configuration needs a look. */
  | "rejected"
  /** Our own code failed while reading the source. */
  | "internal";

export interface SourceErrorInit {
  source: string;
  kind: SourceErrorKind;
  message: string;
  status?: number;
  /** How long the server asked us to wait, when it said. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class SourceError extends Error {
  /** The configured source name (or the host, for a one-off request). */
  readonly source: string;
  readonly kind: SourceErrorKind;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: SourceErrorInit) {
    super(`${init.source}: ${init.message}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "SourceError";
    this.source = init.source;
    this.kind = init.kind;
    this.status = init.status;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}
