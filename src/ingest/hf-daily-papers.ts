// The Hugging Face daily papers API (huggingface.co/api/daily_papers): its JSON items as papers, upvotes and all.
import { arxivLinks, parseBareArxivId } from "../papers/ids.js";
import type { ParsedPaper } from "../papers/paper.js";
import { webUrl } from "../papers/web-url.js";
import {
  cleanTitle,
  collapseSpaces,
  entryWarning,
  type FeedParseResult,
  feedDay,
  rejectionReason,
  unreadableResult,
} from "./feed-fields.js";
import type { ParseContext, ParseWarning } from "./parse-result.js";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function countOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function authorsOf(paper: Json): string[] {
  const authors = Array.isArray(paper.authors) ? paper.authors : [];
  return authors
    .map((author) => collapseSpaces(isObject(author) ? stringOf(author.name) : stringOf(author)))
    .filter((name) => name !== "");
}

/** The organisation's display name (`Google`), falling back to its handle (`google`). */
function organizationOf(item: Json, paper: Json): string | undefined {
  const organization = isObject(item.organization) ? item.organization : paper.organization;
  if (!isObject(organization)) return undefined;
  return collapseSpaces(stringOf(organization.fullname) || stringOf(organization.name)) || undefined;
}

function keywordsOf(paper: Json): string[] | undefined {
  if (!Array.isArray(paper.ai_keywords)) return undefined;
  const keywords = paper.ai_keywords.map((keyword) => collapseSpaces(stringOf(keyword))).filter(Boolean);
  return keywords.length > 0 ? keywords : undefined;
}

/**
 * The thumbnail, code repository (with its stars) and project page, under the API's own names: `thumbnail` on
 * the item, `githubRepo`, `githubStars` and `projectPage` on its paper (each looked for on the other too).
 * A value that is not a plain http(s) link of sane length is dropped; stars without a repository mean nothing.
 */
function extrasOf(item: Json, paper: Json, context: ParseContext): Partial<ParsedPaper> {
  const thumbnail = webUrl(item.thumbnail ?? paper.thumbnail);
  const githubRepo = webUrl(paper.githubRepo ?? item.githubRepo);
  const githubStars = githubRepo ? countOf(paper.githubStars ?? item.githubStars) : undefined;
  const projectPage = webUrl(paper.projectPage ?? item.projectPage);
  if (!thumbnail && !githubRepo && !projectPage) return {};
  // Stars keep changing after the listing's day, as upvotes do: they are as of the day we read them.
  return { thumbnail, githubRepo, githubStars, projectPage, extrasObservedOn: context.seenAt.slice(0, 10) };
}

function readItem(
  item: unknown,
  index: number,
  context: ParseContext,
): { paper: ParsedPaper } | { warning: ParseWarning } {
  if (!isObject(item))
    return { warning: { line: 1, message: `item ${index + 1} is not an object; skipped` } };
  const paper = isObject(item.paper) ? item.paper : {};
  // The item repeats the paper's title and summary; the paper's own are the ones kept up to date.
  const title = cleanTitle(stringOf(paper.title) || stringOf(item.title));
  const abstract = collapseSpaces(stringOf(paper.summary) || stringOf(item.summary));
  const reason = rejectionReason(title, abstract);
  if (reason) return { warning: entryWarning(1, `item ${index + 1}`, title, reason) };

  const id = collapseSpaces(stringOf(paper.id));
  const ref = parseBareArxivId(id);
  const upvotes = countOf(paper.upvotes);
  const sourceSummary = collapseSpaces(stringOf(paper.ai_summary)) || undefined;
  const parsed: ParsedPaper = {
    arxivId: ref?.id,
    arxivVersion: ref?.version,
    title,
    abstract,
    authors: authorsOf(paper),
    organization: organizationOf(item, paper),
    categories: [],
    published: feedDay(stringOf(paper.publishedAt) || stringOf(item.publishedAt)),
    upvotes,
    // Upvotes keep coming after the listing's day: the count is as of the day we read it.
    upvotesObservedOn: upvotes === undefined ? undefined : context.seenAt.slice(0, 10),
    comments: countOf(item.numComments),
    links: {
      ...(ref ? arxivLinks(ref.id) : {}),
      ...(id ? { huggingFace: `https://huggingface.co/papers/${ref?.id ?? encodeURIComponent(id)}` } : {}),
    },
    sourceSummary,
    sourceKeywords: keywordsOf(paper),
    ...extrasOf(item, paper, context),
    sighting: { source: "huggingface", ref: context.ref, observedOn: context.asOf, seenAt: context.seenAt },
  };
  return { paper: parsed };
}

export function parseHfDailyPapers(text: string, context: ParseContext): FeedParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return unreadableResult(`not JSON: ${(error as Error).message}`);
  }
  if (isObject(data) && typeof data.error === "string") {
    return unreadableResult(`Hugging Face answered with an error: ${collapseSpaces(data.error)}`);
  }
  if (!Array.isArray(data)) return unreadableResult("not a daily papers list: expected a JSON array");

  const papers: ParsedPaper[] = [];
  const warnings: ParseWarning[] = [];
  data.forEach((item, index) => {
    const read = readItem(item, index, context);
    if ("paper" in read) papers.push(read.paper);
    else warnings.push(read.warning);
  });
  return { papers, warnings };
}
