// The fields a paper is searched by, and how much a match in each counts (BM25F).

export const FIELDS = ["title", "abstract", "authors", "organization", "keyphrases"] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_COUNT = FIELDS.length;

/**
 * Per field: weight (a title word says more about a paper than an abstract word) and b, how much a
 * long field dilutes a match (none for names: a long author list is not "about" anyone less).
 */
export const FIELD_WEIGHTS: Readonly<Record<Field, number>> = {
  title: 3,
  abstract: 1,
  authors: 2,
  organization: 2,
  keyphrases: 1.5,
};
export const FIELD_B: Readonly<Record<Field, number>> = {
  title: 0.5,
  abstract: 0.75,
  authors: 0,
  organization: 0,
  keyphrases: 0.5,
};

/** BM25 term-frequency saturation. */
export const K1 = 1.2;
