// What a run remembers about each source for the next one: HTTP validators and a fingerprint of the last batch.
import { createHash } from "node:crypto";
import { titleId } from "../../papers/ids.js";
import type { ParsedPaper } from "../../papers/paper.js";

export interface SourceState {
  /** The ETag of the last successful answer, sent back as If-None-Match. */
  etag?: string;
  /** Its Last-Modified, sent back as If-Modified-Since. */
  lastModified?: string;
  /** Which papers (and versions) the last batch held, to tell a feed that has not moved on. */
  fingerprint?: string;
  /** When the source last answered, ISO timestamp. */
  checkedAt?: string;
  /**
   * Hugging Face: the last UTC day (YYYY-MM-DD) whose listing was read whole (by date, once the day was
   * over, or yesterday after reading today's), so a later run reads the days after it by date.
   */
  lastDay?: string;
}

/** Per source name. The caller persists it between runs; the fetchers never write it anywhere. */
export type FetchState = Record<string, SourceState>;

function paperKey(paper: ParsedPaper): string {
  if (!paper.arxivId) return titleId(paper.title);
  return paper.arxivVersion === undefined ? paper.arxivId : `${paper.arxivId}v${paper.arxivVersion}`;
}

/** The same set of papers in any order gives the same fingerprint. */
export function batchFingerprint(papers: readonly ParsedPaper[]): string {
  const keys = [...new Set(papers.map(paperKey))].sort();
  return createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 16);
}
