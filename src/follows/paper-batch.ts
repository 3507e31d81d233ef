// A batch of new papers indexed for follows: each follow reads only the papers holding its rarest term, not the whole batch.
import type { Paper } from "../papers/paper.js";
import { stem } from "../search/stem.js";
import { gluedStem, tokenize } from "../search/tokenize.js";
import { nameWords } from "./author-names.js";

/** What matching reads of one paper, computed once per batch. */
export interface PaperFacts {
  paper: Paper;
  /** Every word of its text and names, with each word's stem and glued family name ("llama" of "llama3"). */
  terms: ReadonlySet<string>;
  /** Title, abstract and key phrases as word sequences, for phrases (never across two fields). */
  fields: readonly (readonly string[])[];
  authors: readonly (readonly string[])[];
  organization: readonly string[];
  categories: readonly string[];
}

function factsOf(paper: Paper): PaperFacts {
  const title = tokenize(paper.title);
  const abstract = tokenize(paper.abstract);
  const keyphrases = (paper.keyphrases ?? []).map(tokenize);
  const authors = paper.authors.map(nameWords).filter((name) => name.length > 0);
  const organization = tokenize(paper.organization ?? "");
  const terms = new Set<string>();
  const addAll = (words: readonly string[]) => {
    for (const word of words) {
      terms.add(word);
      terms.add(stem(word));
      const glued = gluedStem(word);
      if (glued) terms.add(glued);
    }
  };
  for (const words of [title, abstract, ...keyphrases, ...authors, organization]) addAll(words);
  return {
    paper,
    terms,
    fields: [title, abstract, ...keyphrases],
    authors,
    organization,
    categories: paper.categories.map((c) => c.toLowerCase()),
  };
}

/** New papers with a term → papers index over them. */
export class PaperBatch {
  readonly facts: readonly PaperFacts[];
  private readonly byTerm = new Map<string, number[]>();
  private readonly byCategory = new Map<string, number[]>();

  constructor(papers: readonly Paper[]) {
    this.facts = papers.map(factsOf);
    this.facts.forEach((facts, slot) => {
      for (const term of facts.terms) push(this.byTerm, term, slot);
      for (const category of facts.categories) push(this.byCategory, category, slot);
    });
  }

  /** The slots of papers holding `term` (a word, its stem, a name word). */
  withTerm(term: string): readonly number[] {
    return this.byTerm.get(term) ?? NONE;
  }

  /** Every category in the batch with its papers' slots. */
  categories(): ReadonlyMap<string, readonly number[]> {
    return this.byCategory;
  }
}

const NONE: readonly number[] = [];

function push(map: Map<string, number[]>, key: string, slot: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [slot]);
  else if (list[list.length - 1] !== slot) list.push(slot);
}
