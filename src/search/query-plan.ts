// Turns a parsed query into index terms: each typed word becomes the terms it may stand for.
import type { SearchQuery } from "./query.js";
import { stem } from "./stem.js";
import { isStopWord } from "./stop-words.js";
import { MIN_TYPO_LENGTH } from "./typo-index.js";
import { NO_TERM, type Vocabulary } from "./vocabulary.js";

/** One term a typed word may mean, and how much a match on it counts (1 = the word itself). */
export interface Alternative {
  term: number;
  weight: number;
}

export interface QueryPlan {
  /** Words that rank; a document scores the best of each word's alternatives. */
  words: Alternative[][];
  /** Terms every result must contain (the words of quoted phrases). */
  required: Alternative[][];
  /** Phrases as surface-word ids; undefined when a phrase has a word no document has. */
  phrases: (number[] | undefined)[];
  excludedTerms: number[];
  excludedPhrases: number[][];
  /**
   * Pairs of surface-word ids the query has side by side ("local steps", "all reduce"), and the
   * halves of a word it glued together ("allreduce"): a document holding a pair in a row scores a
   * little more, so the paper about exactly the query's words beats one that only has them apart.
   */
  adjacent: [number, number][];
  /**
   * A word followed by one typed in part ("layer norm", "from vid"): the pair counts as above with
   * whichever completion (`rights`, surface ids) most often follows `left` in the papers.
   */
  continued: { left: number; rights: number[] }[];
  /**
   * Typed abbreviations the papers write out ("rl" → reinforcement learning): a paper holding the
   * words in a row counts as holding the abbreviation's term. `word`: the query word's position in `words`.
   */
  expansions: { word: number; term: number; phrase: number[] }[];
  /** True when the query had words but none the index knows: nothing can match. */
  hopeless: boolean;
}

/** How a half-typed or mistyped word counts against the word itself. */
export const PREFIX_WEIGHT = 0.7;
export const TYPO_WEIGHT = 0.8;
export const SPLIT_WEIGHT = 0.9;
const MIN_SPLIT_LENGTH = 5;
/** Shorter prefixes match too much of the vocabulary to mean anything. */
export const MIN_PREFIX_LENGTH = 3;
/** How many words a prefix may stand for: the most common ones, which are what people mostly mean. */
const MAX_PREFIX_TERMS = 64;
const MAX_PREFIX_SCAN = 2000;
/** Longer words are typed whole: only words this short are read as clipped ("norm", "param"). */
const MAX_CLIPPED_LENGTH = 5;
const MAX_CLIPPED_TERMS = 8;

export function planQuery(
  query: SearchQuery,
  vocabulary: Vocabulary,
  df: (term: number) => number,
  size: number,
  expand: (word: string) => number[] | undefined = () => undefined,
): QueryPlan {
  const words: Alternative[][] = [];
  const adjacent: [number, number][] = [];
  const continued: QueryPlan["continued"] = [];
  const expansions: QueryPlan["expansions"] = [];
  const seen = new Set<string>();
  query.words.forEach((word, index) => {
    const isLast = query.lastWordIsPrefix && index === query.words.length - 1;
    const next = query.words[index + 1];
    if (next !== undefined && !(isStopWord(word) && isStopWord(next))) {
      const pair = surfaceIds([word, next], vocabulary);
      if (pair) adjacent.push(pair as [number, number]);
    }
    // Stop words neither rank nor get typo or compound guesses ("without" is not a typo of anything).
    if ((seen.has(word) && !isLast) || isStopWord(word)) return;
    seen.add(word);
    const alternatives = resolveWord(word, isLast, vocabulary, df, size);
    const before = query.words[index - 1];
    if (before !== undefined && !(isStopWord(before) && isStopWord(word))) {
      const left = vocabulary.surfaceId(before);
      const rights = completionSurfaces(word, alternatives, vocabulary, df);
      if (left !== undefined && rights.length > 0) continued.push({ left, rights });
    }
    if (alternatives.length > 0) {
      const term = vocabulary.termOfWord(word);
      const phrase = term === undefined ? undefined : expand(word);
      if (term !== undefined && phrase) expansions.push({ word: words.length, term, phrase });
      words.push(alternatives);
      return;
    }
    const split = splitCompound(word, vocabulary, df);
    words.push(...split.words);
    if (split.halves) adjacent.push(split.halves);
  });
  const phraseTerms = query.phrases.flatMap((phrase) => phrase.map((word) => vocabulary.termOfWord(word)));
  const required = [...new Set(phraseTerms)]
    .filter((term): term is number => term !== undefined)
    .map((term) => [{ term, weight: 1 }]);
  return {
    words,
    required,
    phrases: query.phrases.map((phrase) => surfaceIds(phrase, vocabulary)),
    excludedTerms: query.excludeWords
      .map((word) => vocabulary.termOfWord(word))
      .filter((term): term is number => term !== undefined),
    excludedPhrases: query.excludePhrases
      .map((phrase) => surfaceIds(phrase, vocabulary))
      .filter((ids): ids is number[] => ids !== undefined),
    adjacent,
    continued,
    expansions,
    hopeless: query.words.length > 0 && words.length === 0 && query.phrases.length === 0,
  };
}

/** The word itself (any inflection); for the last word, longer words it begins; if unknown, near spellings. */
function resolveWord(
  word: string,
  isLast: boolean,
  vocabulary: Vocabulary,
  df: (term: number) => number,
  size: number,
): Alternative[] {
  const weights = new Map<number, number>();
  const put = (term: number, weight: number): void => {
    if (term >= 0 && df(term) > 0 && (weights.get(term) ?? 0) < weight) weights.set(term, weight);
  };
  const exact = vocabulary.termOfWord(word);
  if (exact !== undefined) put(exact, 1);
  if (isLast && word.length >= MIN_PREFIX_LENGTH) {
    for (const { term, weight } of prefixAlternatives(word, vocabulary, df, size)) put(term, weight);
    // "nets" is typed for networks: completions of the stem, not only of the inflected word.
    const stemmed = stem(word);
    if (stemmed !== word && stemmed.length >= MIN_PREFIX_LENGTH && word.startsWith(stemmed)) {
      for (const { term, weight } of prefixAlternatives(stemmed, vocabulary, df, size)) put(term, weight);
    }
  } else if (word.length >= MIN_PREFIX_LENGTH && word.length <= MAX_CLIPPED_LENGTH) {
    for (const { term, weight } of clippedAlternatives(word, exact, vocabulary, df, size)) put(term, weight);
  }
  if (weights.size === 0 && word.length >= MIN_TYPO_LENGTH) {
    for (const near of vocabulary.nearWords(word)) {
      put(vocabulary.termOfSurface(vocabulary.surfaceId(near) as number), TYPO_WEIGHT);
    }
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

/**
 * An unknown word that is two known ones run together ("overparameterized", "multiagent",
 * "gpt4v"), where the papers write them hyphenated or apart. Both halves then count as words.
 */
function splitCompound(
  word: string,
  vocabulary: Vocabulary,
  df: (term: number) => number,
): { words: Alternative[][]; halves?: [number, number] } {
  if (word.length < MIN_SPLIT_LENGTH) return { words: [] };
  let best: Alternative[][] = [];
  let bestCut = 0;
  let bestScore = 0;
  for (let cut = 2; cut <= word.length - 2; cut++) {
    const left = knownTerm(word.slice(0, cut), vocabulary, df);
    const right = knownTerm(word.slice(cut), vocabulary, df);
    if (left === undefined || right === undefined || (left === NO_TERM && right === NO_TERM)) continue;
    // Prefer the split with the rarer halves: "over|parameterized" over "overpa|rameterized" noise.
    const rarity = (term: number): number => (term === NO_TERM ? 0 : 1 / (1 + df(term)));
    const score = rarity(left) + rarity(right);
    if (score > bestScore) {
      bestScore = score;
      bestCut = cut;
      best = [left, right].filter((term) => term !== NO_TERM).map((term) => [{ term, weight: SPLIT_WEIGHT }]);
    }
  }
  const halves =
    bestCut > 0 ? surfaceIds([word.slice(0, bestCut), word.slice(bestCut)], vocabulary) : undefined;
  return { words: best, halves: halves as [number, number] | undefined };
}

/** The term of a word some document has; NO_TERM for a stop word; undefined when unknown. */
function knownTerm(word: string, vocabulary: Vocabulary, df: (term: number) => number): number | undefined {
  const id = vocabulary.surfaceId(word);
  const term = id === undefined ? undefined : vocabulary.termOfSurface(id);
  return term === NO_TERM || (term !== undefined && df(term) > 0) ? term : undefined;
}

/**
 * The words a half-typed last word may be, weighted so the ones that matter win: each counts with
 * the idf of the most common of them (a rare coinage that happens to share the prefix must not
 * outscore the common word the person is typing, "norm" → normalization, not "normra3x"), times
 * how much of the word is typed (a shorter completion is the likelier one).
 */
function prefixAlternatives(
  prefix: string,
  vocabulary: Vocabulary,
  df: (term: number) => number,
  size: number,
): Alternative[] {
  const longer = prefixTerms(prefix, vocabulary, df);
  let common = 0;
  for (const { term } of longer) common = Math.max(common, df(term));
  const idf = (count: number): number => Math.log(1 + (size - count + 0.5) / (count + 0.5));
  const shared = idf(common);
  return longer.map(({ term, length }) => ({
    term,
    weight: (PREFIX_WEIGHT * shared * prefix.length) / (idf(df(term)) * length),
  }));
}

/**
 * A short word typed for a longer one ("norm" for normalization, "vid" for video): its completions
 * count too when the commonest of them is more common than the word itself (or the word is unknown),
 * the sign that people clip it; weighted as a half-typed last word's are.
 */
function clippedAlternatives(
  word: string,
  exact: number | undefined,
  vocabulary: Vocabulary,
  df: (term: number) => number,
  size: number,
): Alternative[] {
  // Only the completions commoner than the word are what people clip it from; the few commonest
  // of them keep a query's cost near the unexpanded one's.
  const own = exact === undefined ? 0 : df(exact);
  return prefixAlternatives(word, vocabulary, df, size)
    .filter(({ term }) => term !== exact && df(term) > own)
    .sort((a, b) => df(b.term) - df(a.term))
    .slice(0, MAX_CLIPPED_TERMS);
}

/** How many completions of a word are tried as the word after its neighbour: the commonest. */
const MAX_CONTINUATIONS = 16;

/**
 * The surface words a word stood for beyond itself (its completions, or its stem's), commonest
 * first; none when it was taken as typed.
 */
function completionSurfaces(
  word: string,
  alternatives: readonly Alternative[],
  vocabulary: Vocabulary,
  df: (term: number) => number,
): number[] {
  const exact = vocabulary.termOfWord(word);
  const terms = new Set(alternatives.map(({ term }) => term).filter((term) => term !== exact));
  if (terms.size === 0) return [];
  const stemmed = stem(word);
  const starts = stemmed !== word && word.startsWith(stemmed) ? [word, stemmed] : [word];
  const surfaces = new Set<number>();
  for (const start of starts) {
    for (const id of vocabulary.withPrefix(start, MAX_PREFIX_SCAN)) {
      if (terms.has(vocabulary.termOfSurface(id))) surfaces.add(id);
    }
  }
  return [...surfaces]
    .sort((a, b) => df(vocabulary.termOfSurface(b)) - df(vocabulary.termOfSurface(a)))
    .slice(0, MAX_CONTINUATIONS);
}

function prefixTerms(
  prefix: string,
  vocabulary: Vocabulary,
  df: (term: number) => number,
): { term: number; length: number }[] {
  const terms = new Map<number, number>();
  for (const longer of vocabulary.withPrefix(prefix, MAX_PREFIX_SCAN)) {
    const term = vocabulary.termOfSurface(longer);
    const length = vocabulary.surfaceWord(longer).length;
    if (!terms.has(term) || (terms.get(term) as number) > length) terms.set(term, length);
  }
  const all = [...terms].map(([term, length]) => ({ term, length }));
  return all.length <= MAX_PREFIX_TERMS
    ? all
    : all.sort((a, b) => df(b.term) - df(a.term)).slice(0, MAX_PREFIX_TERMS);
}

function surfaceIds(phrase: readonly string[], vocabulary: Vocabulary): number[] | undefined {
  const ids: number[] = [];
  for (const word of phrase) {
    const id = vocabulary.surfaceId(word);
    if (id === undefined) return undefined;
    ids.push(id);
  }
  return ids;
}
