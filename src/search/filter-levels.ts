// Keyed filters (author:, org:, cat:) as exact document marks, so a query never reads a record to apply them.
import { categoryMatches } from "./doc-record.js";
import type { KeyedDocs } from "./keyed-docs.js";

/**
 * Each level is a condition a document must meet (the union of its lists); a document passes the
 * filters when it meets every level. One level per name word and one for the categories, so
 * `author:"rasoul etesami" cat:cs.LG` is three levels; the smallest is marked first.
 */
export interface FilterLevels {
  levels: ArrayLike<number>[][];
  /** Author filters of several words: the words must also be in one name, a check on the record. */
  sameName: string[][];
}

export interface KeyedFilters {
  categories: readonly string[];
  authors: readonly (readonly string[])[];
  orgs: readonly (readonly string[])[];
}

export interface KeyedIndexes {
  byAuthor: KeyedDocs;
  byOrg: KeyedDocs;
  byCategory: KeyedDocs;
}

/** The levels of a query's keyed filters, or undefined when it has none. */
export function filterLevels(filters: KeyedFilters, keyed: KeyedIndexes): FilterLevels | undefined {
  const levels: ArrayLike<number>[][] = [];
  for (const words of filters.authors) for (const word of words) levels.push([keyed.byAuthor.get(word)]);
  // An organisation is one name: every word in it is the whole check.
  for (const words of filters.orgs) for (const word of words) levels.push([keyed.byOrg.get(word)]);
  if (filters.categories.length > 0) {
    const lists: ArrayLike<number>[] = [];
    for (const key of keyed.byCategory.keys()) {
      if (filters.categories.some((wanted) => categoryMatches(key, wanted)))
        lists.push(keyed.byCategory.get(key));
    }
    levels.push(lists);
  }
  if (levels.length === 0) return undefined;
  levels.sort((a, b) => sizeOf(a) - sizeOf(b));
  return { levels, sameName: filters.authors.filter((words) => words.length > 1).map((words) => [...words]) };
}

function sizeOf(level: readonly ArrayLike<number>[]): number {
  let size = 0;
  for (const list of level) size += list.length;
  return size;
}

/**
 * Sets marks[doc] to how many levels, in order, the document meets: it reaches level i + 1 only from i,
 * so a document in two lists of one level counts once. Passing documents end at `levels.length`.
 */
export function markLevels(marks: Uint8Array, { levels }: FilterLevels): void {
  levels.forEach((level, index) => {
    for (const list of level) {
      for (let j = 0; j < list.length; j++) {
        const doc = list[j] as number;
        if (marks[doc] === index) marks[doc] = index + 1;
      }
    }
  });
}

/** Clears the marks: only documents of the first level were ever marked. */
export function unmarkLevels(marks: Uint8Array, { levels }: FilterLevels): void {
  for (const list of levels[0] ?? []) for (let j = 0; j < list.length; j++) marks[list[j] as number] = 0;
}

/** The documents worth visiting for a filter-only query: those of the smallest level. */
export function levelCandidates({ levels }: FilterLevels): readonly ArrayLike<number>[] {
  return levels[0] ?? [];
}
