// Reads a seed listing in whichever layout it is written, and refuses text in neither.
import { UserError } from "../errors.js";
import { looksLikeCompactListing, parseCompactListing } from "./compact-listing.js";
import { looksLikeDailyPapersPage, parseDailyPapersPage } from "./daily-papers-page.js";
import type { ParseContext, ParseResult } from "./parse-result.js";

export type ListingLayout = "daily-papers-page" | "compact-listing";

export function detectLayout(text: string): ListingLayout | undefined {
  if (looksLikeDailyPapersPage(text)) return "daily-papers-page";
  if (looksLikeCompactListing(text)) return "compact-listing";
  return undefined;
}

/** Parses a listing; throws a UserError naming the file when it is in neither known layout. */
export function parseListing(text: string, context: ParseContext): ParseResult & { layout: ListingLayout } {
  const layout = detectLayout(text);
  if (layout === undefined) {
    throw new UserError(
      "unknown-layout",
      `${context.ref} is not a paper listing paperbot can read.`,
      "Expected a daily-papers page (a header, then title / abstract blocks) or a compact listing (score, category and date on one line, title and authors on the next, the abstract on the third).",
    );
  }
  const result =
    layout === "daily-papers-page" ? parseDailyPapersPage(text, context) : parseCompactListing(text, context);
  return { ...result, layout };
}
