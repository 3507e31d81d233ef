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
  // Looked for before collapsing: collapsing every entry's title just to compare it was a measurable cost.
  const title = childText(entry, "title");
  if (!title.includes("Error") || collapseSpaces(title) !== "Error") return undefined;
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
  line: () => number,
  context: ParseContext,
): { paper: ParsedPaper } | { warning: ParseWarning } {
  const title = cleanTitle(childText(entry, "title"));
  const abstract = collapseSpaces(childText(entry, "summary"));
  const ref = parseArxivReference(collapseSpaces(childText(entry, "id")));
  const reason = ref ? rejectionReason(title, abstract) : "has no arXiv id";
  if (reason || !ref) return { warning: entryWarning(line(), "entry", title, reason ?? "has no arXiv id") };
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
  // Entries are read as the reader closes them (see XmlStream); an error entry makes the page an error.
  const papers: ParsedPaper[] = [];
  const warnings: ParseWarning[] = [];
  let entryCount = 0;
  let refusal: { message: string; line: number } | undefined;
  const reading = readXml(text, {
    path: ["feed", "entry"],
    each(entry, line) {
      entryCount++;
      if (refusal) return;
      const message = errorEntryMessage(entry);
      if (message !== undefined) {
        refusal = { message, line: line() };
        return;
      }
      const read = readEntry(entry, line, context);
      if ("paper" in read) papers.push(read.paper);
      else warnings.push(read.warning);
    },
  });
  if ("problem" in reading) return { ...unreadableResult(reading.problem, reading.line), entryCount: 0 };
  const feed = reading.root.feed;
  if (feed === undefined)
    return { ...unreadableResult("not an Atom feed: it has no <feed> element"), entryCount: 0 };

  const paging = {
    totalResults: countOf(childText(feed, "totalResults")),
    startIndex: countOf(childText(feed, "startIndex")),
    itemsPerPage: countOf(childText(feed, "itemsPerPage")),
  };
  if (refusal !== undefined) {
    return {
      papers: [],
      warnings: [{ line: refusal.line, message: `arXiv refused the query: ${refusal.message}` }],
      apiError: refusal.message,
      entryCount,
      ...paging,
    };
  }
  return { papers, warnings, entryCount, ...paging };
}
