// Finding a paper on arXiv by its exact title (`search_query=ti:"…"`), for papers a listing gave without an arXiv id.
import { normalizeTitle } from "../../papers/ids.js";
import type { ParsedPaper } from "../../papers/paper.js";
import { parseArxivAtom } from "../arxiv-atom.js";
import { arxivApiUrl } from "./arxiv-query.js";
import { type FetchDeps, readContext, sourceUrls } from "./fetch-deps.js";
import { SourceError } from "./source-error.js";

/** Enough candidates to see past a few near-namesakes; the match itself must be exact. */
const CANDIDATES = 5;

/**
 * The arXiv search for a title: its normalised words as one quoted phrase in the title field (punctuation,
 * quotes and LaTeX would otherwise be read as query syntax).
 */
export function titleSearchQuery(title: string): string {
  return `ti:"${normalizeTitle(title)}"`;
}

/**
 * The arXiv paper whose normalised title is exactly `title`'s, or undefined. A fuzzy match is never taken, and
 * neither is an ambiguous one (two different papers with the same title). Fails with a SourceError.
 */
export async function findArxivByTitle(
  title: string,
  deps: Pick<FetchDeps, "http" | "now" | "urls">,
): Promise<ParsedPaper | undefined> {
  const wanted = normalizeTitle(title);
  if (wanted.length === 0) return undefined;
  const url = arxivApiUrl(sourceUrls(deps).arxivApi, {
    search_query: titleSearchQuery(title),
    max_results: CANDIDATES,
  });
  const response = await deps.http.getText({ source: "arxiv", url });
  if (response.notModified) return undefined;
  const page = parseArxivAtom(response.body, readContext(url, deps.now()));
  if (page.unreadable !== undefined) {
    throw new SourceError({ source: "arxiv", kind: "malformed", message: page.unreadable });
  }
  const exact = page.papers.filter((paper) => paper.arxivId && normalizeTitle(paper.title) === wanted);
  const ids = new Set(exact.map((paper) => paper.arxivId));
  return ids.size === 1 ? exact[0] : undefined;
}
