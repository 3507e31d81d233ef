// arXiv's daily listing RSS (rss.arxiv.org/rss/cs.LG): each item's title, authors, categories and abstract.
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
  child,
  children,
  childText,
  elementLineFinder,
  readXml,
  textOf,
  type XmlNode,
} from "./xml-document.js";

/** `arXiv:2406.12345v1 Announce Type: new Abstract: …`, the shape of every item description since 2024. */
const DESCRIPTION = /^arXiv:(\S+)\s+Announce Type:\s*([\w-]+)\s+Abstract:\s*([\s\S]*)$/i;
/** Older listings ended titles with `(arXiv:2406.12345v1 [cs.LG])`. */
const TITLE_SUFFIX = /\s*\(arXiv:[^)]*\)\s*$/;

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, " ");
}

interface Description {
  id?: string;
  announceType?: string;
  abstract: string;
}

function readDescription(raw: string): Description {
  const text = collapseSpaces(raw);
  const match = DESCRIPTION.exec(text);
  if (match) return { id: match[1], announceType: match[2]?.toLowerCase(), abstract: match[3] ?? "" };
  // A description in another shape is still the item's abstract, once any HTML is gone.
  return { abstract: collapseSpaces(stripTags(text)) };
}

/** `dc:creator` holds the whole list in one element (`A, B, and C`); some feeds repeat the element instead. */
function authorsOf(item: XmlNode): string[] {
  return children(item, "creator")
    .flatMap((creator) => collapseSpaces(stripTags(textOf(creator))).split(/\s*,\s*(?:and\s+)?|\s+and\s+/))
    .map((name) => cleanLatex(name).trim())
    .filter((name) => name !== "");
}

function readItem(
  item: XmlNode,
  line: () => number,
  context: ParseContext,
  observedOn: string,
): { paper: ParsedPaper } | { warning: ParseWarning } {
  const title = cleanTitle(childText(item, "title").replace(TITLE_SUFFIX, ""));
  const description = readDescription(childText(item, "description"));
  const ref = [
    description.id,
    childText(item, "guid").replace(/^oai:arXiv\.org:/i, ""),
    childText(item, "link"),
  ]
    .map((candidate) => (candidate ? parseArxivReference(collapseSpaces(candidate)) : undefined))
    .find((found) => found !== undefined);
  const reason = ref ? rejectionReason(title, description.abstract) : "has no arXiv id";
  if (reason || !ref) return { warning: entryWarning(line(), "item", title, reason ?? "has no arXiv id") };

  const announceType = collapseSpaces(textOf(child(item, "announce_type"))) || description.announceType;
  // The item's date is its announcement day: the publication day only for a paper announced as new.
  const published = announceType === "new" ? feedDay(childText(item, "pubDate")) : undefined;
  const paper: ParsedPaper = {
    arxivId: ref.id,
    arxivVersion: ref.version,
    title,
    abstract: description.abstract,
    authors: authorsOf(item),
    categories: arxivCategories(children(item, "category").map(textOf)),
    published,
    links: arxivLinks(ref.id),
    sighting: { source: "rss", ref: context.ref, observedOn, seenAt: context.seenAt },
  };
  return { paper };
}

export function parseArxivRss(text: string, context: ParseContext): FeedParseResult {
  const reading = readXml(text);
  if ("problem" in reading) return unreadableResult(reading.problem, reading.line);
  const channel = child(reading.root.rss, "channel");
  if (channel === undefined) return unreadableResult("not an RSS feed: it has no <rss><channel> element");

  // The listing's day is the channel's publication date; the feed is rebuilt once per announcement.
  const observedOn =
    feedDay(childText(channel, "pubDate")) ?? feedDay(childText(channel, "lastBuildDate")) ?? context.asOf;
  const lineOf = elementLineFinder(text, "item");
  const papers: ParsedPaper[] = [];
  const warnings: ParseWarning[] = [];
  children(channel, "item").forEach((item, index) => {
    const read = readItem(item, () => lineOf(index), context, observedOn);
    if ("paper" in read) papers.push(read.paper);
    else warnings.push(read.warning);
  });
  return { papers, warnings };
}
