// A follow as typed (`author:"Tri Dao" now`): checked, given its canonical key, described for reasons and lists.
import { UserError } from "../errors.js";
import { parseQuery, type SearchQuery } from "../search/query.js";
import { normalize } from "../search/tokenize.js";

/** Longer than any real follow; a pasted page is refused before it is parsed. */
export const MAX_FOLLOW_CHARS = 300;
/** Follows one channel may keep: enough for a lab's people and topics, few enough to list in one message. */
export const MAX_FOLLOWS_PER_CHANNEL = 100;

export interface FollowRequest {
  /** The query as typed, without the trailing `now`. */
  query: string;
  key: string;
  alert: boolean;
}

/** The canonical form two spellings of one follow share: lower case, accent-free, single spaces. */
export function followKey(query: string): string {
  return normalize(query).replace(/\s+/g, " ").trim();
}

/** Whether a parsed query asks for something a paper can match (exclusions and dates alone match everything). */
export function isEmptyFollow(query: SearchQuery): boolean {
  return (
    query.words.length === 0 &&
    query.phrases.length === 0 &&
    query.authors.length === 0 &&
    query.orgs.length === 0 &&
    query.categories.length === 0
  );
}

const FOLLOW_EXAMPLES =
  'For example: follow author:"Tri Dao", follow org:openbmb, follow "speculative decoding".';

/** Reads `follow` arguments; throws a UserError saying what to type for an empty, huge or unreadable one. */
export function parseFollow(args: string): FollowRequest {
  if (args.length > MAX_FOLLOW_CHARS) {
    throw new UserError(
      "follow-too-long",
      `That follow is ${args.length.toLocaleString("en")} characters; a follow holds at most ${MAX_FOLLOW_CHARS}.`,
      "Follow an author, an org, a category or a few words instead.",
    );
  }
  const trimmed = args.trim();
  const alertMatch = /^(.*\S)\s+now$/i.exec(trimmed);
  const query = (alertMatch ? (alertMatch[1] as string) : trimmed).trim();
  if (query === "") {
    throw new UserError("empty-follow", "Follow what? Give an author, an org or a query.", FOLLOW_EXAMPLES);
  }
  const parsed = parseQuery(query);
  if (isEmptyFollow(parsed)) {
    throw new UserError(
      "empty-follow",
      `"${query.slice(0, 60)}" has nothing a paper could match (only exclusions, dates or a sort).`,
      FOLLOW_EXAMPLES,
    );
  }
  return { query, key: followKey(query), alert: alertMatch !== null };
}

/** A follow as a reason reads: `author:"Tri Dao"` → `author Tri Dao`, `org:openbmb` → `org openbmb`. */
export function describeFollow(query: string): string {
  return query
    .replace(/\b([A-Za-z]+):\s*"([^"]*)"/g, "$1 $2")
    .replace(/\b(author|authors|by|org|organization|organisation|cat|category):\s*(\S)/gi, "$1 $2")
    .replace(/\s+/g, " ")
    .trim();
}

/** The reason a digest or an alert gives for a followed match. */
export function followReason(queries: readonly string[]): string {
  return `follows: ${queries.map(describeFollow).join(" · ")}`;
}
