// The search language every platform shares: words, "phrases", -exclusions and filters like author:.
import { UserError } from "../errors.js";
import { parseDateBound } from "./query-dates.js";
import { lexQuery, type Piece } from "./query-lexer.js";
import { tokenize } from "./tokenize.js";

export type SortOrder = "relevance" | "new" | "top" | "cited";

export interface SearchQuery {
  /** Free words, lower case and accent-free, in the order typed (stop words kept; the index skips them). */
  words: string[];
  /** Each quoted phrase as its words; a paper must contain every one, word for word. */
  phrases: string[][];
  /** -word: papers containing the word (any form of it) are left out. */
  excludeWords: string[];
  /** -"some phrase" (or a hyphenated -word-pair): papers containing the phrase are left out. */
  excludePhrases: string[][];
  /** author: filters, each as the name's words; a paper must match every filter. */
  authors: string[][];
  /** org: filters, each as the name's words; a paper must match every filter. */
  orgs: string[][];
  /** cat: filters, lower case; a paper in any of them matches. */
  categories: string[];
  /** Inclusive ISO days. */
  since?: string;
  until?: string;
  /** Absent: by relevance when there are words, newest first when there are only filters. */
  sort?: SortOrder;
  /** True when the query ends in a free word, which may still be half typed ("quantiz"). */
  lastWordIsPrefix: boolean;
}

/** Enough for any real query; a pasted page is cut here rather than scored word by word. */
export const MAX_QUERY_WORDS = 32;

const FILTER_KEYS: Readonly<Record<string, "author" | "org" | "cat" | "since" | "until" | "sort">> = {
  author: "author",
  authors: "author",
  by: "author",
  org: "org",
  organization: "org",
  organisation: "org",
  cat: "cat",
  category: "cat",
  since: "since",
  until: "until",
  sort: "sort",
};

/** Words followed by a colon that are part of what people paste, not filters. */
const COLON_WORDS = new Set(["http", "https", "ftp", "mailto", "www", "arxiv", "doi", "urn", "file"]);

export const SORTS: Readonly<Record<string, SortOrder>> = {
  relevance: "relevance",
  relevant: "relevance",
  best: "relevance",
  new: "new",
  newest: "new",
  recent: "new",
  date: "new",
  top: "top",
  upvotes: "top",
  votes: "top",
  popular: "top",
  cited: "cited",
  citations: "cited",
  citation: "cited",
};

/** Every sort value the parser takes, as help and errors name them: "relevance (or relevant, best), …". */
export const SORT_VALUES_TEXT = (["relevance", "new", "top", "cited"] as const)
  .map((order) => {
    const aliases = Object.keys(SORTS).filter((name) => SORTS[name] === order && name !== order);
    return `sort:${order} (or ${aliases.join(", ")})`;
  })
  .join(", ");

const FILTER_HELP =
  `Filters: author:name, org:name, cat:cs.LG, since:2024-01-01, until:2024-12-31, ${SORT_VALUES_TEXT}. ` +
  'To search for text with a colon, put it in quotes, e.g. "re:invent".';

export function emptyQuery(): SearchQuery {
  return {
    words: [],
    phrases: [],
    excludeWords: [],
    excludePhrases: [],
    authors: [],
    orgs: [],
    categories: [],
    lastWordIsPrefix: false,
  };
}

/** Parses what someone typed; throws a UserError, saying what to type instead, for a filter it can't read. */
export function parseQuery(text: string): SearchQuery {
  const query = emptyQuery();
  const pieces = joinSpacedFilters(lexQuery(text));
  pieces.forEach((piece, index) => {
    apply(query, piece);
    if (index === pieces.length - 1) query.lastWordIsPrefix = piece.kind !== "phrase" && isFreeWord(piece);
  });
  query.words = query.words.slice(0, MAX_QUERY_WORDS);
  if (query.since && query.until && query.since > query.until) {
    throw new UserError(
      "empty-date-range",
      `since:${query.since} comes after until:${query.until}, so nothing can match.`,
      "Swap the two dates.",
    );
  }
  return query;
}

/** "author: qin" (a space after the colon) means author:qin; "author:" alone is a filter missing its value. */
function joinSpacedFilters(pieces: Piece[]): Piece[] {
  const joined: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    const key = piece.kind === "word" ? /^([A-Za-z]+):$/.exec(piece.text)?.[1] : undefined;
    if (piece.kind !== "word" || key === undefined || !FILTER_KEYS[key.toLowerCase()]) {
      joined.push(piece);
      continue;
    }
    const next = pieces[i + 1];
    const value = next && next.kind !== "pair" && !next.negated ? next.text : "";
    joined.push({ kind: "pair", key, value, negated: piece.negated });
    if (value !== "") i++;
  }
  return joined;
}

function isFreeWord(piece: Piece): boolean {
  return piece.kind === "word" ? !piece.negated && tokenize(piece.text).length > 0 : isColonWord(piece);
}

/** A key:value that is really a word: a URL, an arXiv id, "10:30". */
function isColonWord(piece: Piece): boolean {
  if (piece.kind !== "pair") return false;
  const key = piece.key.toLowerCase();
  return FILTER_KEYS[key] === undefined && (COLON_WORDS.has(key) || piece.value.startsWith("/"));
}

function apply(query: SearchQuery, piece: Piece): void {
  if (piece.kind === "phrase") applyPhrase(query, tokenize(piece.text), piece.negated);
  else if (piece.kind === "word") applyWord(query, piece.text, piece.negated);
  else if (isColonWord(piece)) applyWord(query, `${piece.key}:${piece.value}`, piece.negated);
  else applyFilter(query, piece);
}

function applyPhrase(query: SearchQuery, words: string[], negated: boolean): void {
  if (words.length === 0) return;
  if (negated) query.excludePhrases.push(words);
  else if (words.length === 1) query.words.push(...words);
  else query.phrases.push(words);
}

function applyWord(query: SearchQuery, text: string, negated: boolean): void {
  const words = tokenize(text);
  if (!negated) query.words.push(...words);
  else if (words.length === 1) query.excludeWords.push(...words);
  else applyPhrase(query, words, true); // -local-sgd leaves out the pair, not each word
}

function applyFilter(query: SearchQuery, piece: Extract<Piece, { kind: "pair" }>): void {
  const key = FILTER_KEYS[piece.key.toLowerCase()];
  if (key === undefined) {
    throw new UserError(
      "unknown-filter",
      `I don't know the filter "${piece.key.slice(0, 30)}:".`,
      FILTER_HELP,
    );
  }
  if (piece.negated) {
    throw new UserError(
      "negated-filter",
      `Leaving out papers with -${key}: isn't supported.`,
      "Drop the minus to keep only those papers, or exclude a word instead, e.g. -survey.",
    );
  }
  const value = piece.value.trim();
  if (key === "since" || key === "until") query[key] = parseDateBound(key, value);
  else if (key === "sort") query.sort = parseSort(value);
  else if (key === "cat") query.categories.push(parseCategory(value));
  else query[key === "author" ? "authors" : "orgs"].push(parseName(key, value));
}

function parseSort(value: string): SortOrder {
  const sort = SORTS[value.toLowerCase()];
  if (sort) return sort;
  throw new UserError(
    "bad-sort",
    `I can't sort by "${value.slice(0, 30)}".`,
    `Use ${SORT_VALUES_TEXT}: new is newest first, top is most upvoted, cited is most cited (Semantic Scholar).`,
  );
}

function parseCategory(value: string): string {
  if (/^[A-Za-z][A-Za-z-]*(?:\.[A-Za-z-]+)?$/.test(value)) return value.toLowerCase();
  throw new UserError(
    "bad-category",
    `"cat:${value.slice(0, 30)}" isn't an arXiv category.`,
    "Write it like cat:cs.LG or cat:stat.ML (or just cat:LG).",
  );
}

function parseName(key: "author" | "org", value: string): string[] {
  const words = tokenize(value);
  if (words.length > 0) return words;
  const example = key === "author" ? 'author:qin or author:"tiancheng qin"' : "org:microsoft";
  throw new UserError("empty-filter", `${key}: needs a name after it.`, `For example ${example}.`);
}
