// Reading an arXiv API search (`search_query=cat:cs.LG`) page by page, up to what matches or the configured cap.
import type { ParsedPaper } from "../../papers/paper.js";
import type { ArxivSourceConfig } from "../../source-config.js";
import { parseArxivAtom } from "../arxiv-atom.js";
import type { ParseWarning } from "../parse-result.js";
import { type FetchDeps, readContext, sourceUrls } from "./fetch-deps.js";
import type { Validators } from "./http-client.js";
import { SourceError } from "./source-error.js";
import type { SourceRead } from "./source-read.js";

/** An arXiv API URL; parameters given as undefined are left out. */
export function arxivApiUrl(base: string, params: Record<string, string | number | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function searchParams(source: ArxivSourceConfig): Record<string, string> {
  return { search_query: source.query, sortBy: source.sortBy, sortOrder: "descending" };
}

/** The URL that names this search whatever the page: the sighting's ref, so pages do not count as sightings. */
export function arxivSearchRef(base: string, source: ArxivSourceConfig): string {
  return arxivApiUrl(base, searchParams(source));
}

/** Warnings from a later page say which page, since their line numbers count within it. */
function onPage(warnings: ParseWarning[], start: number): ParseWarning[] {
  return start === 0
    ? warnings
    : warnings.map((w) => ({ ...w, message: `page at start=${start}: ${w.message}` }));
}

export async function readArxivQuery(
  source: ArxivSourceConfig,
  deps: FetchDeps,
  previous: Validators | undefined,
): Promise<SourceRead> {
  const base = sourceUrls(deps).arxivApi;
  const context = readContext(arxivSearchRef(base, source), deps.now());
  const papers: ParsedPaper[] = [];
  const seen = new Set<string>();
  const warnings: ParseWarning[] = [];
  let validators: Validators = {};
  let start = 0;

  const partial = (error: SourceError): SourceRead => {
    // The first page failing is the source failing; a later one keeps what the earlier pages gave.
    if (start === 0) throw error;
    warnings.push({ line: 1, message: `stopped paging at start=${start}: ${error.message}` });
    return { notModified: false, papers, warnings, validators, error };
  };

  while (start < source.maxResults) {
    const url = arxivApiUrl(base, {
      ...searchParams(source),
      start,
      max_results: Math.min(source.pageSize, source.maxResults - start),
    });
    let response: Awaited<ReturnType<FetchDeps["http"]["getText"]>>;
    try {
      // Only the first page is asked "changed since?": if it has not, nothing after it has either.
      response = await deps.http.getText({
        source: source.name,
        url,
        validators: start === 0 ? previous : undefined,
      });
    } catch (error) {
      return partial(error as SourceError);
    }
    if (response.notModified) {
      if (start === 0) return response;
      return partial(
        new SourceError({ source: source.name, kind: "malformed", message: "a 304 for a later page" }),
      );
    }
    if (start === 0) validators = response.validators;

    const page = parseArxivAtom(response.body, context);
    if (page.apiError !== undefined) {
      return partial(
        new SourceError({
          source: source.name,
          kind: "rejected",
          message: `arXiv refused the query: ${page.apiError}`,
        }),
      );
    }
    if (page.unreadable !== undefined) {
      return partial(new SourceError({ source: source.name, kind: "malformed", message: page.unreadable }));
    }
    warnings.push(...onPage(page.warnings, start));
    // New submissions shift the results while we page, so a paper can appear on two pages.
    for (const paper of page.papers) {
      const key = paper.arxivId ?? paper.title;
      if (seen.has(key)) continue;
      seen.add(key);
      papers.push(paper);
    }
    const total = page.totalResults;
    if (page.entryCount === 0) {
      if (total !== undefined && start < total) {
        warnings.push({
          line: 1,
          message: `arXiv sent an empty page at start=${start} of ${total}; stopped there`,
        });
      }
      break;
    }
    start += page.entryCount;
    if (total === undefined || start >= total) break;
  }
  return { notModified: false, papers, warnings, validators };
}
