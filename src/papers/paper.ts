// The paper model every part of paperbot shares: what we know of one paper, and where we saw it.

/** Where a paper was seen: a seed file, a feed, a chat message. One entry per distinct sighting. */
export interface Sighting {
  /** The kind of source: "seed", "arxiv", "huggingface", "rss", "chat". */
  source: string;
  /** What exactly was read: a file name, a feed URL, a chat place. */
  ref: string;
  /** The day the source describes (a listing page's date), ISO YYYY-MM-DD, when known. */
  observedOn?: string;
  /** When paperbot read it, ISO timestamp. */
  seenAt: string;
  /** The line of the file where the paper starts, when read from a file. */
  line?: number;
}

export interface PaperLinks {
  abstract?: string;
  pdf?: string;
  huggingFace?: string;
}

export interface Paper {
  /** The arXiv id (without version) when known, otherwise `p` + a hash of the normalized title. */
  id: string;
  arxivId?: string;
  arxivVersion?: number;
  /** Display title, LaTeX residue cleaned. */
  title: string;
  abstract: string;
  /** Author names where the source gives them (may be a prefix of the full list). */
  authors: string[];
  /** How many authors the paper has, when known (a source may give only the count). */
  authorCount?: number;
  /** The source cut the list short ("… et al."): `authors` are the first names, not all of them. */
  authorsTruncated?: boolean;
  organization?: string;
  /** arXiv categories, e.g. "cs.LG". */
  categories: string[];
  /** Publication date, ISO YYYY-MM-DD. Absent when no source said. */
  published?: string;
  upvotes?: number;
  /** The day of the observation the upvote count comes from, so newer counts win. */
  upvotesObservedOn?: string;
  /** How many comments the paper's discussion has on its source (Hugging Face), as last observed. */
  comments?: number;
  links: PaperLinks;
  sightings: Sighting[];
  /** Our one-line summary and key phrases, computed at ingest. */
  tldr?: string;
  keyphrases?: string[];
  /** What a source itself said about the paper (e.g. Hugging Face's AI summary), kept apart from ours. */
  sourceSummary?: string;
  sourceKeywords?: string[];
  /** Who brought the paper in from chat, when someone did. */
  addedBy?: { workspaceId: string; userId: string; at: string };

  // What a reader looks for first, as Hugging Face's daily papers list it. Each link is an http(s) URL
  // (`webUrl`); a source that does not say leaves the field absent.
  /** The paper's thumbnail (its figure), an image URL. */
  thumbnail?: string;
  /** The paper's code repository (usually on GitHub) and its stars as last observed. */
  githubRepo?: string;
  githubStars?: number;
  /** The paper's project page. */
  projectPage?: string;
  /** The day the fields above were observed, so newer observations win (like `upvotesObservedOn`). */
  extrasObservedOn?: string;

  /** For a paper without an arXiv id: when arXiv was last searched for its exact title (so it is not asked every run). */
  arxivTitleCheckedAt?: string;
  /** What Semantic Scholar knows of the paper, and when we asked: the lookup's cache record. */
  scholar?: ScholarFacts;
}

/** Semantic Scholar's facts about a paper. Only `checkedAt` when it did not know the paper. */
export interface ScholarFacts {
  /** When we asked (ISO timestamp): the lookup is refreshed from here on a schedule (see enrich/scholar-refresh.ts). */
  checkedAt: string;
  citationCount?: number;
  influentialCitationCount?: number;
  venue?: string;
  year?: number;
}

/** A paper as a parser reads it, before it has an id or has been merged with what we know. */
export type ParsedPaper = Omit<Paper, "id" | "sightings"> & { sighting: Sighting };
