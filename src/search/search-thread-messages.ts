// What the bot's main thread and its search thread say to each other: plain data only (it is copied across).
import type { MessagePort } from "node:worker_threads";
import type { Paper } from "../papers/paper.js";
import type { IndexSource } from "./index-file.js";
import type { SearchQuery } from "./query.js";
import type { SearchOptions, SearchPage } from "./query-run.js";

/** To the search thread, handled one at a time in the order sent: a search sent after an update sees it. */
export type ToSearchThread =
  /** First, right after the start: begin reading the index file while the main thread opens the store. */
  | {
      type: "read";
      indexFile?: string;
      /** Where pages and failed searches go (the main thread may take them synchronously). */
      answers: MessagePort;
    }
  /**
   * The papers to search, by id and fingerprint, in the store's order. With `build` (when there is no
   * file to restore from) the thread builds the index from every paper, sent next in `batch`es;
   * without, it answers `need`.
   */
  | {
      type: "open";
      ids: string[];
      prints: Uint32Array;
      source?: IndexSource;
      build?: boolean;
      /** With `build`: whether the file is written even when few papers are (the source outdates any). */
      rewrite?: boolean;
    }
  /** With `open`'s `build`: the next papers, in `ids`' order, until there are as many as ids. */
  | { type: "batch"; papers: Paper[] }
  /** The papers at the positions `need` asked for; `rewrite` when the file's source is outdated. */
  | { type: "papers"; papers: Paper[]; rewrite: boolean }
  /** Begin the index file's rewrite the start found due: when the main thread writes its own files, once search answers. */
  | { type: "write" }
  /** New or changed papers to make searchable. */
  | { type: "index"; papers: Paper[] }
  /** A query parsed on the main thread (a bad one never gets here). */
  | { type: "search"; id: number; query: SearchQuery; options: SearchOptions };

/** A failure of a search on the thread: enough to remake a UserError (code and hint) on the main thread. */
export interface ThreadError {
  message: string;
  code?: string;
  hint?: string;
}

/** From the search thread. */
export type FromSearchThread =
  /** The positions in `open`'s ids of the papers the file lacks or holds changed; `written`, the file's source. */
  | { type: "need"; positions: Uint32Array; written?: IndexSource }
  /** The index is up and warmed up: searches are answered from here on. */
  | { type: "ready" }
  | { type: "page"; id: number; page: SearchPage }
  | { type: "failed"; id: number; error: ThreadError }
  | { type: "log"; level: "info" | "warn"; fields: Record<string, unknown>; message: string };

/**
 * Only what the index reads from a paper (its fields, the fingerprint's) crosses to the thread: at
 * 100k papers, copying whole papers (sightings, links, summaries) would cost the main thread more.
 */
export function indexedPart(paper: Paper): Paper {
  const { id, title, abstract, authors, organization, keyphrases, sourceKeywords, categories } = paper;
  const { published, upvotes, arxivVersion, scholar } = paper;
  return {
    id,
    title,
    abstract,
    authors,
    organization,
    keyphrases,
    sourceKeywords,
    categories,
    published,
    upvotes,
    arxivVersion,
    scholar: scholar && { checkedAt: scholar.checkedAt, citationCount: scholar.citationCount },
    links: {},
    sightings: [],
  };
}
