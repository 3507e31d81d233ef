// Layout B: a compact listing, three lines a paper (score+category+date glued; title+authors glued; abstract).
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

const META_LINE = new RegExp(
  `^(\\d+(?:\\.\\d+)?)?([A-Z]{2,4})(${MONTH_PATTERN})[a-z]* (\\d{1,2})(?:, (\\d{4}))?$`,
);
/** A name may be an organisation ("MiniMax") or a person; it rarely has more than four words. */
const MAX_WORDS_IN_FIRST_NAME = 4;

export function looksLikeCompactListing(text: string): boolean {
  const first = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== "");
  return first !== undefined && META_LINE.test(first.trim());
}

/**
 * Splits `The Role of Local Steps in Local SGDTiancheng Qin, S. Rasoul Etesami` into title and authors.
 * The first author is glued to the title's last word: the split is the earliest point where an upper-case
 * letter starting a lower-case word follows a non-space, such that at most four words remain before the
 * first comma. Undefined when no such point exists.
 */
export function splitTitleAndAuthors(
  line: string,
): { title: string; authors: string[]; etAl: boolean } | undefined {
  const comma = line.indexOf(", ");
  const head = comma < 0 ? line : line.slice(0, comma);
  const glue = /(?<=[^\s\-–(/])(?=\p{Lu}\p{Ll})/gu;
  for (const match of head.matchAll(glue)) {
    const position = match.index ?? 0;
    const firstName = head.slice(position);
    if (firstName.split(/\s+/).length > MAX_WORDS_IN_FIRST_NAME) continue;
    const title = line.slice(0, position).trim();
    let rest = line.slice(position).trim();
    const etAl = /\s*et al\.?$/.test(rest);
    rest = rest.replace(/,?\s*et al\.?$/, "");
    const authors = rest
      .split(/,\s*/)
      .map((name) => name.trim())
      .filter((name) => name !== "");
    if (title === "" || authors.length === 0) return undefined;
    return { title, authors, etAl };
  }
  return undefined;
}

const CATEGORY_PREFIX: Record<string, string> = {
  AI: "cs.AI",
  LG: "cs.LG",
  GT: "cs.GT",
  CL: "cs.CL",
  CV: "cs.CV",
};

export function parseCompactListing(text: string, context: ParseContext): ParseResult {
  const lines = text.split(/\r\n|\r|\n/);
  const warnings: ParseWarning[] = [];
  const papers: ParsedPaper[] = [];
  let i = 0;
  while (i < lines.length) {
    const metaText = (lines[i] ?? "").trim();
    if (metaText === "") {
      i++;
      continue;
    }
    const meta = META_LINE.exec(metaText);
    if (!meta) {
      warnings.push({
        line: i + 1,
        message: `expected a "score category date" line, found "${metaText.slice(0, 60)}"`,
      });
      i++;
      continue;
    }
    const titleLine = (lines[i + 1] ?? "").trim();
    const abstract = (lines[i + 2] ?? "").trim();
    const split = splitTitleAndAuthors(titleLine);
    // A title of nothing but LaTeX (`$`) cleans to nothing: no title, so no paper.
    const title = split ? cleanLatex(split.title) : "";
    if (
      !split ||
      title.trim() === "" ||
      split.title.length > TITLE_MAX_CHARS ||
      abstract.length < ABSTRACT_MIN_CHARS
    ) {
      warnings.push({
        line: i + 2,
        message: split
          ? "paper without a usable title or abstract; skipped"
          : "cannot tell the title from the authors; skipped",
      });
      i += 1;
      continue;
    }
    const [, , code = "", monthName = "", day, year] = meta;
    const month = monthNumber(monthName);
    const published =
      month === undefined
        ? undefined
        : resolveListingDate(
            { month, day: Number(day), year: year ? Number(year) : undefined },
            context.asOf,
          );
    const isOrganization = split.authors.length > 1 && !/\s/.test(split.authors[0] ?? "");
    const authors = isOrganization ? split.authors.slice(1) : split.authors;
    papers.push({
      title,
      abstract,
      authors,
      authorCount: split.etAl ? undefined : authors.length,
      authorsTruncated: split.etAl || undefined,
      organization: isOrganization ? split.authors[0] : undefined,
      categories: [CATEGORY_PREFIX[code] ?? `cs.${code}`],
      published,
      links: {},
      sighting: { source: "seed", ref: context.ref, seenAt: context.seenAt, line: i + 1 },
    });
    i += 3;
  }
  return { papers, warnings };
}
