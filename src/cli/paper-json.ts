// The stable JSON shape of a paper for `--json` output (documented in the README; change it only additively).
import { authorsIncomplete } from "../papers/describe.js";
import type { Paper } from "../papers/paper.js";

export interface PaperJson {
  id: string;
  arxivId: string | null;
  title: string;
  authors: string[];
  authorCount: number | null;
  /** The paper has more authors than `authors` names (a listing's "et al.", or a larger count). */
  authorsTruncated: boolean;
  organization: string | null;
  categories: string[];
  published: string | null;
  upvotes: number | null;
  tldr: string | null;
  keyphrases: string[];
  links: { abstract: string | null; pdf: string | null; huggingFace: string | null };
  abstract: string;
  seenIn: { source: string; ref: string; observedOn: string | null }[];
  /** The figure, code and project page (from Hugging Face); null when no source gave them. */
  thumbnail: string | null;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  /** What Semantic Scholar said and when we asked; null until asked. A field it did not give is null. */
  semanticScholar: {
    citationCount: number | null;
    influentialCitationCount: number | null;
    venue: string | null;
    year: number | null;
    checkedAt: string;
  } | null;
}

export function paperJson(paper: Paper): PaperJson {
  return {
    id: paper.id,
    arxivId: paper.arxivId ?? null,
    title: paper.title,
    authors: paper.authors,
    authorCount:
      paper.authorCount ??
      (paper.authors.length > 0 && !paper.authorsTruncated ? paper.authors.length : null),
    authorsTruncated: authorsIncomplete(paper),
    organization: paper.organization ?? null,
    categories: paper.categories,
    published: paper.published ?? null,
    upvotes: paper.upvotes ?? null,
    tldr: paper.tldr ?? null,
    keyphrases: paper.keyphrases ?? [],
    links: {
      abstract: paper.links.abstract ?? null,
      pdf: paper.links.pdf ?? null,
      huggingFace: paper.links.huggingFace ?? null,
    },
    abstract: paper.abstract,
    seenIn: paper.sightings.map((s) => ({ source: s.source, ref: s.ref, observedOn: s.observedOn ?? null })),
    thumbnail: paper.thumbnail ?? null,
    githubRepo: paper.githubRepo ?? null,
    githubStars: paper.githubStars ?? null,
    projectPage: paper.projectPage ?? null,
    semanticScholar: paper.scholar
      ? {
          citationCount: paper.scholar.citationCount ?? null,
          influentialCitationCount: paper.scholar.influentialCitationCount ?? null,
          venue: paper.scholar.venue ?? null,
          year: paper.scholar.year ?? null,
          checkedAt: paper.scholar.checkedAt,
        }
      : null,
  };
}
