// One paper from arXiv by id (`id_list=`), for a paper someone pasted in chat.
import { UserError } from "../../errors.js";
import type { ArxivRef } from "../../papers/ids.js";
import type { ParsedPaper } from "../../papers/paper.js";
import { parseArxivAtom } from "../arxiv-atom.js";
import { arxivApiUrl } from "./arxiv-query.js";
import { type FetchDeps, readContext, sourceUrls } from "./fetch-deps.js";
import { isSourceError } from "./source-error.js";

function displayId(ref: ArxivRef): string {
  return ref.version === undefined ? ref.id : `${ref.id}v${ref.version}`;
}

function notFound(ref: ArxivRef): UserError {
  return new UserError(
    "arxiv-not-found",
    `arXiv has no paper ${displayId(ref)}.`,
    "Check the id, or paste the paper's arxiv.org link.",
  );
}

/** A failure of arXiv itself, told as what the person can do; the SourceError stays attached as the cause. */
function unavailable(cause: unknown): UserError {
  const rateLimited = isSourceError(cause) && cause.kind === "rate-limited";
  const error = new UserError(
    "arxiv-unavailable",
    rateLimited ? "arXiv is asking us to slow down." : "arXiv isn't answering right now.",
    "Try again in a few minutes.",
  );
  error.cause = cause;
  return error;
}

/** The paper, or a UserError: "arXiv has no paper 2406.99999", or arXiv being unavailable. */
export async function fetchArxivPaper(
  ref: ArxivRef,
  deps: Pick<FetchDeps, "http" | "now" | "urls">,
): Promise<ParsedPaper> {
  const url = arxivApiUrl(sourceUrls(deps).arxivApi, { id_list: displayId(ref), max_results: 1 });
  let body: string;
  try {
    const response = await deps.http.getText({ source: "arxiv", url });
    if (response.notModified) throw unavailable(new Error("a 304 to an unconditional request"));
    body = response.body;
  } catch (error) {
    throw error instanceof UserError ? error : unavailable(error);
  }
  const page = parseArxivAtom(body, readContext(url, deps.now()));
  if (page.unreadable !== undefined) throw unavailable(new Error(page.unreadable));
  // arXiv answers an unknown or malformed id with an empty feed or its error feed: to the person, both are "no paper".
  const paper = page.papers.find((candidate) => candidate.arxivId === ref.id);
  if (!paper) throw notFound(ref);
  return paper;
}
