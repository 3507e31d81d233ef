// The arXiv API's Atom feed (export.arxiv.org/api/query): its entries as papers, its paging counts, its error feed.
import { cleanLatex } from "../papers/clean-latex.js";
import { arxivLinks, parseArxivReference } from "../papers/ids.js";
import type { ParsedPaper } from "../papers/paper.js";
import {
  arxivCategories,
  cleanTitle,
  collapseSpaces,
  entryWarning,
  type FeedParseResult,
  feedDay,
  rejectionReason,
  unreadableResult,
} from "./feed-fields.js";
import type { ParseContext, ParseWarning } from "./parse-result.js";
import {
  attribute,
  child,
  children,
  childText,
  countOf,
  elementLines,
  readXml,
  textOf,
  type XmlNode,
} from "./xml-document.js";

export interface ArxivAtomResult extends FeedParseResult {
  /** How many papers match the query in all (`opensearch:totalResults`), for paging. */
  totalResults?: number;
  /** The offset of this page's first entry (`opensearch:startIndex`). */
  startIndex?: number;
  /** How many entries a page holds (`opensearch:itemsPerPage`). */
  itemsPerPage?: number;
  /** What arXiv said when it refused the query: its error feed's one entry, e.g. "incorrect id format for 1234.1". */
  apiError?: string;
  /** How many entries the page held, papers or not: paging stops on a page with none. */
  entryCount: number;
}

/** arXiv reports a refused query as a feed whose one entry is titled "Error" and points into /api/errors. */
function errorEntryMessage(entry: XmlNode): string | undefined {
  if (collapseSpaces(childText(entry, "title")) !== "Error") return undefined;
  const id = childText(entry, "id");
  if (!id.includes("/api/errors") && parseArxivReference(id)) return undefined;
  return collapseSpaces(childText(entry, "summary")) || "arXiv refused the query";
}

function authorsOf(entry: XmlNode): string[] {
  return children(entry, "author")
    .map((author) => collapseSpaces(cleanLatex(childText(author, "name"))))
    .filter((name) => name !== "");
}

/** The primary category first, then the cross-lists, without ACM/MSC classes. */
function categoriesOf(entry: XmlNode): string[] {
  const primary = attribute(child(entry, "primary_category"), "term");
  const terms = children(entry, "category").map((category) => attribute(category, "term") ?? "");
  return arxivCategories(primary ? [primary, ...terms] : terms);
}

function readEntry(
  entry: XmlNode,
  line: number,
  context: ParseContext,
): { paper: ParsedPaper } | { warning: ParseWarning } {
  const title = cleanTitle(childText(entry, "title"));
  const abstract = collapseSpaces(childText(entry, "summary"));
  const ref = parseArxivReference(collapseSpaces(childText(entry, "id")));
  const reason = ref ? rejectionReason(title, abstract) : "has no arXiv id";
  if (reason || !ref) return { warning: entryWarning(line, "entry", title, reason ?? "has no arXiv id") };
  // arXiv's own links carry the version and plain http; the canonical ones match every other source's.
  const paper: ParsedPaper = {
    arxivId: ref.id,
    arxivVersion: ref.version,
    title,
    abstract,
    authors: authorsOf(entry),
    categories: categoriesOf(entry),
    published: feedDay(textOf(child(entry, "published"))),
    links: arxivLinks(ref.id),
    sighting: { source: "arxiv", ref: context.ref, observedOn: context.asOf, seenAt: context.seenAt },
  };
  return { paper };
}

export function parseArxivAtom(text: string, context: ParseContext): ArxivAtomResult {
  const reading = readXml(text);
  if ("problem" in reading) return { ...unreadableResult(reading.problem, reading.line), entryCount: 0 };
  const feed = reading.root.feed;
  if (feed === undefined)
    return { ...unreadableResult("not an Atom feed: it has no <feed> element"), entryCount: 0 };

  const entries = children(feed, "entry");
  const lines = elementLines(text, "entry");
  const paging = {
    totalResults: countOf(childText(feed, "totalResults")),
    startIndex: countOf(childText(feed, "startIndex")),
    itemsPerPage: countOf(childText(feed, "itemsPerPage")),
  };
  const apiError = entries.map(errorEntryMessage).find((message) => message !== undefined);
  if (apiError !== undefined) {
    return {
      papers: [],
      warnings: [{ line: lines[0] ?? 1, message: `arXiv refused the query: ${apiError}` }],
      apiError,
      entryCount: entries.length,
      ...paging,
    };
  }

  const papers: ParsedPaper[] = [];
  const warnings: ParseWarning[] = [];
  entries.forEach((entry, index) => {
    const read = readEntry(entry, lines[index] ?? 1, context);
    if ("paper" in read) papers.push(read.paper);
    else warnings.push(read.warning);
  });
  return { papers, warnings, entryCount: entries.length, ...paging };
}
