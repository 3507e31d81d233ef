// Layout A: the text of a daily-papers web page (header, page date, then title / abstract / meta blocks).
import { cleanLatex } from "../papers/clean-latex.js";
import type { ParsedPaper } from "../papers/paper.js";
import { MONTH_PATTERN, monthNumber, resolveListingDate } from "./listing-dates.js";
import {
  ABSTRACT_MIN_CHARS,
  type ParseContext,
  type ParseResult,
  type ParseWarning,
  TITLE_MAX_CHARS,
} from "./parse-result.js";

const HEADER_MARKERS = ["byAK and the research community", "Get trending papers in your email inbox!"];
const DATE_LINE = new RegExp(`^(${MONTH_PATTERN})[a-z]* (\\d{1,2})(?:, (\\d{4}))?(?: (\\d+))?$`);
const AUTHOR_COUNT_LINE = /^•\s*(\d+) authors?$/;
const SEPARATOR_LINE = "·";
const HEADER_SEARCH_LINES = 20;

interface Line {
  number: number;
  text: string;
}

function nonEmptyLines(text: string): Line[] {
  const lines: Line[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed) lines.push({ number: index + 1, text: trimmed });
  });
  return lines;
}

function parseDateLine(text: string, reference: string): { date?: string; upvotes?: number } | undefined {
  const match = DATE_LINE.exec(text);
  if (!match) return undefined;
  const month = monthNumber(match[1] ?? "");
  if (month === undefined) return undefined;
  const date = resolveListingDate(
    { month, day: Number(match[2]), year: match[3] ? Number(match[3]) : undefined },
    reference,
  );
  return { date, upvotes: match[4] ? Number(match[4]) : undefined };
}

/** The index of the page's own date line, when the text opens like a daily-papers page. */
function findPageDate(lines: Line[]): number | undefined {
  const head = lines.slice(0, HEADER_SEARCH_LINES);
  const marker = head.findIndex((line) => HEADER_MARKERS.includes(line.text));
  if (marker < 0) return undefined;
  const dateIndex = head.findIndex((line, index) => index > marker && DATE_LINE.test(line.text));
  return dateIndex < 0 ? undefined : dateIndex;
}

export function looksLikeDailyPapersPage(text: string): boolean {
  return findPageDate(nonEmptyLines(text.slice(0, 4000))) !== undefined;
}

function isMetaLine(text: string): boolean {
  return text === SEPARATOR_LINE || AUTHOR_COUNT_LINE.test(text) || DATE_LINE.test(text);
}

/** An organisation line is written `<handle> <Display Name>`; the display name is what people read. */
function organizationName(text: string): string {
  const space = text.indexOf(" ");
  return space < 0 ? text : text.slice(space + 1).trim();
}

export function parseDailyPapersPage(text: string, context: ParseContext): ParseResult {
  const lines = nonEmptyLines(text);
  const warnings: ParseWarning[] = [];
  const papers: ParsedPaper[] = [];
  const pageDateIndex = findPageDate(lines);
  if (pageDateIndex === undefined) {
    return { papers, warnings: [{ line: 1, message: "no daily-papers page header and date found" }] };
  }
  const pageLine = lines[pageDateIndex] as Line;
  const pageDate = parseDateLine(pageLine.text, context.asOf)?.date ?? context.asOf;

  let i = pageDateIndex + 1;
  const at = (index: number): Line | undefined => lines[index];
  while (i < lines.length) {
    const titleLine = at(i) as Line;
    if (isMetaLine(titleLine.text)) {
      warnings.push({
        line: titleLine.number,
        message: `unexpected line outside a paper: "${titleLine.text}"`,
      });
      i++;
      continue;
    }
    const abstractLine = at(i + 1);
    if (!abstractLine || abstractLine.text.length < ABSTRACT_MIN_CHARS || isMetaLine(abstractLine.text)) {
      warnings.push({
        line: titleLine.number,
        message: `"${titleLine.text.slice(0, 60)}" has no abstract after it; skipped`,
      });
      i++;
      continue;
    }
    if (titleLine.text.length > TITLE_MAX_CHARS) {
      warnings.push({
        line: titleLine.number,
        message: `title longer than ${TITLE_MAX_CHARS} characters; skipped`,
      });
      i += 2;
      continue;
    }
    // A title of nothing but LaTeX (`$ $`) cleans to nothing: no title, so no paper.
    if (cleanLatex(titleLine.text).trim() === "") {
      warnings.push({ line: titleLine.number, message: "title is empty once LaTeX is removed; skipped" });
      i += 2;
      continue;
    }
    i += 2;

    let authorCount: number | undefined;
    let organization: string | undefined;
    let published: string | undefined;
    let upvotes: number | undefined;
    // The optional meta block: an author count or an organisation, then "·" and the date line.
    for (;;) {
      const line = at(i);
      if (!line) break;
      const count = AUTHOR_COUNT_LINE.exec(line.text);
      if (count) {
        authorCount = Number(count[1]);
        i++;
        continue;
      }
      if (line.text === SEPARATOR_LINE) {
        const dateLine = at(i + 1);
        const parsed = dateLine ? parseDateLine(dateLine.text, pageDate) : undefined;
        if (!parsed?.date) {
          warnings.push({ line: line.number, message: "a '·' not followed by a date line" });
          i++;
          break;
        }
        published = parsed.date;
        upvotes = parsed.upvotes;
        i += 2;
        break;
      }
      const next = at(i + 1)?.text;
      const isOrganization =
        organization === undefined &&
        line.text.length <= 100 &&
        (next === SEPARATOR_LINE || (next !== undefined && AUTHOR_COUNT_LINE.test(next)));
      if (isOrganization) {
        organization = organizationName(line.text);
        i++;
        continue;
      }
      break;
    }

    papers.push({
      title: cleanLatex(titleLine.text),
      abstract: abstractLine.text,
      authors: [],
      authorCount,
      organization,
      categories: [],
      published,
      upvotes,
      upvotesObservedOn: upvotes === undefined ? undefined : pageDate,
      links: {},
      sighting: {
        source: "seed",
        ref: context.ref,
        observedOn: pageDate,
        seenAt: context.seenAt,
        line: titleLine.number,
      },
    });
  }
  return { papers, warnings };
}
