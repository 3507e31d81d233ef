// What the live-feed parsers (arXiv API, arXiv RSS, Hugging Face) share: field clean-up and the rule that keeps garbage out.
import { cleanLatex } from "../papers/clean-latex.js";
import { type ParseResult, type ParseWarning, TITLE_MAX_CHARS } from "./parse-result.js";

/** A feed parser's result: when the document as a whole could not be read, `unreadable` says why. */
export interface FeedParseResult extends ParseResult {
  /** Set when the text is not the expected document at all (bad XML/JSON, wrong root); papers is then empty. */
  unreadable?: string;
}

/** One result for a document that could not be read: no papers, one warning, and the reason. */
export function unreadableResult(reason: string, line = 1): FeedParseResult {
  return { papers: [], warnings: [{ line, message: reason }], unreadable: reason };
}

/**
 * A whitespace run that is not already one plain space. Matching every run (`/\s+/`) also matched each single
 * space between two words and replaced it by itself, ~200 matches an abstract: collapsing was four fifths of
 * reading an Atom entry (`node --cpu-prof`), and matching only what changes is ~3× faster on the same abstracts.
 */
const SPACES_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/** Feeds wrap titles and abstracts at fixed widths and indent the continuation lines: read them as one line. */
export function collapseSpaces(text: string): string {
  return text.replace(SPACES_TO_COLLAPSE, " ").trim();
}

/** A title as people read it: one line, LaTeX residue turned into text. */
export function cleanTitle(raw: string): string {
  return collapseSpaces(cleanLatex(collapseSpaces(raw)));
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The day as ISO YYYY-MM-DD when it exists in the (proleptic Gregorian) calendar. Counted by hand rather than
 * round-tripped through a Date, which was a visible cost with one call a paper; years before 100 are refused
 * as they were then (Date.UTC reads them as 19xx).
 */
function validDay(year: number, month: number, day: number): string | undefined {
  if (year < 100 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
    return undefined;
  }
  return `${String(year).padStart(4, "0")}-${twoDigits(month)}-${twoDigits(day)}`;
}

/**
 * The calendar day a feed timestamp names, ISO YYYY-MM-DD: ISO 8601 (`2024-06-17T17:59:59Z`) or RFC 822
 * (`Mon, 17 Jun 2024 00:00:00 -0400`). The day is read as written, not shifted to UTC, because the feed's
 * own zone is the one its announcement day is in.
 */
export function feedDay(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(value);
  if (!rfc) return undefined;
  const month = MONTHS.indexOf((rfc[2] ?? "").toLowerCase()) + 1;
  return month > 0 ? validDay(Number(rfc[3]), month, Number(rfc[1])) : undefined;
}

/** arXiv category codes (`cs.LG`, `hep-th`, `cond-mat.stat-mech`); feeds also carry ACM and MSC classes, which are not. */
const ARXIV_CATEGORY = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;

export function arxivCategories(terms: Iterable<string>): string[] {
  const kept = new Set<string>();
  for (const term of terms) {
    const trimmed = term.trim();
    if (ARXIV_CATEGORY.test(trimmed)) kept.add(trimmed);
  }
  return [...kept];
}

/**
 * Why a candidate is not a paper, or undefined when it is one. Structured feeds say which field is the
 * abstract, so any non-empty abstract counts (withdrawn papers have one-line abstracts); a title must be a
 * title-sized line.
 */
export function rejectionReason(title: string, abstract: string): string | undefined {
  if (!title) return "has no title";
  if (title.length > TITLE_MAX_CHARS) return `has a title longer than ${TITLE_MAX_CHARS} characters`;
  if (!abstract) return "has no abstract";
  return undefined;
}

/** A warning about one entry, quoting the start of its title so a person can find it. */
export function entryWarning(line: number, what: string, title: string, reason: string): ParseWarning {
  const quoted = title ? ` "${title.slice(0, 60)}"` : "";
  return { line, message: `${what}${quoted} ${reason}; skipped` };
}
