// One query's run over the index: per-query scratch space, BM25F scoring, top-k selection, filters and phrases.
import { UserError } from "../errors.js";
import { type DocRecord, dayNumber } from "./doc-record.js";
import {
  type FilterLevels,
  filterLevels,
  type KeyedIndexes,
  levelCandidates,
  markLevels,
  unmarkLevels,
} from "./filter-levels.js";
import { type ImpactSplit, ImpactSplits } from "./impact-split.js";
import type { PairIndex } from "./pair-index.js";
import { containsPhrase } from "./phrase.js";
import type { PostingList } from "./postings.js";
import type { SearchQuery, SortOrder } from "./query.js";
import type { Alternative, QueryPlan } from "./query-plan.js";
import { type Better, TopK } from "./top-k.js";

export interface SearchHit {
  id: string;
  score: number;
}

export interface SearchPage {
  hits: SearchHit[];
  /** How many papers match in all: exact, unless `totalEstimated`. */
  total: number;
  /**
   * Set when `total` is an estimate: a query over broad words stops scoring once its page is
   * certain, and then only knows it matches at least BROAD_POSTINGS papers (the page itself is exact).
   */
  totalEstimated?: true;
  /** The offset of the next page, when there is one. */
  nextOffset?: number;
}

export interface SearchOptions {
  /** Hits per page: 10 by default, at most 100. */
  limit?: number;
  offset?: number;
}

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
/** Deep pages cost a heap of offset + limit; nobody reads page 500 in a chat. */
export const MAX_OFFSET = 5_000;
/** A query reaching at least 1/DENSE_SHARE of the documents is scored with dense passes. */
const DENSE_SHARE = 16;
/** What holding two of the query's words in a row adds, in units of the pair's idf: 0.5 beat 1 on the tuning half (hard 0.895 vs 0.886, concept 0.628 vs 0.587 at 20k). */
export const ADJACENT_WEIGHT = 0.5;
/** How much a written-out abbreviation counts against the abbreviation itself: as much (0.5 measured the same at 20k). */
const EXPANSION_WEIGHT = 1;
/**
 * A posting list this long is split by weight (impact-split.ts) for queries that may stop early
 * (`pruned`). Such a query matches at least this many papers, which is more than the deepest page
 * reaches (MAX_OFFSET + MAX_LIMIT): its count may be estimated without a page going missing.
 */
export const BROAD_POSTINGS = 5_120;
/** More words than this and a query is scored in full (a document counts its settled words in a byte). */
const MAX_PRUNED_WORDS = 200;
/** How many documents, spread over the slots, tell what share of them a filter lets through. */
const FILTER_SAMPLE = 2_048;
/** A broad list's head holds one posting in this many: its heaviest. */
const HEAD_SHARE = 16;
/** Room between a float32 score and the float64 bound on it: the rounding of ~100 additions, tenfold. */
const ROUNDING_SLACK = 1e-4;

/** What a query run reads from the index (`SearchIndex` implements it). */
export interface IndexReader {
  /** Per document slot, its record; undefined for a removed paper's slot. */
  documents(): readonly (DocRecord | undefined)[];
  /** Per document slot, the publication day (0 when unknown) and the votes. */
  publishedDays(): Int32Array;
  upvoteCounts(): Int32Array;
  /** Per document slot, Semantic Scholar's citation count plus one (0 unknown), and how many papers have one. */
  citationKeys(): Int32Array;
  readonly citedCount: number;
  filterIndexes(): KeyedIndexes;
  plan(query: SearchQuery): QueryPlan;
  postingList(term: number): PostingList | undefined;
  df(term: number): number;
  idf(term: number): number;
  /** How many papers the index holds. */
  readonly size: number;
  /** Brings the length normalisation up to date before postings are scored. */
  refreshNorms(): void;
  pairIndex(): PairIndex;
  /** The position in `phrase` of its least frequent word. */
  rarestWord(phrase: readonly number[]): number;
}

/** What a document must pass to count as a match, beyond holding the query's words. */
interface Gate {
  /** How many words it must match (all of them when sorting by date or votes). */
  needed: number;
  /** How many phrase words it must hold. */
  required: number;
  /** How many filter levels it must reach (`allowed`). */
  passing: number;
  excluded: boolean;
  phrases: boolean;
  since: number;
  until: number;
  /** Whether `passesDeep` must run. */
  deep: boolean;
  sameName: string[][];
  checks: PhraseCheck[];
}

/** A phrase a document must hold; `marked`: the one whose pairs marked the candidates (see `phraseCandidates`). */
interface PhraseCheck {
  phrase: number[];
  anchor: number;
  marked: boolean;
}

/** The phrase candidates a query marked (every document when `all`), for the gate and the reset. */
interface MarkedPhrases {
  all: boolean;
  count: number;
  /** Which phrase marked them; -1 when every document is marked. */
  phrase: number;
  /** How many candidates the pair index could not settle (marked MAY_HOLD). */
  unsettled: number;
}

/** `phraseCandidates` marks: the pair index proves the document holds the phrase, or its text must be checked. */
const HOLDS = 1;
const MAY_HOLD = 2;

interface Filters {
  since: number;
  until: number;
  categories: string[];
  authors: string[][];
  orgs: string[][];
}

/**
 * Scratch arrays sized to the documents and reset through `touched` after each query, so a query
 * allocates nothing in proportion to the corpus. One run per index: queries run one at a time.
 */
export class QueryRun {
  private scores = new Float32Array(0);
  private best = new Float32Array(0);
  private matched = new Uint8Array(0);
  private requiredHits = new Uint8Array(0);
  private allowed = new Uint8Array(0);
  private excluded = new Uint8Array(0);
  /** The documents a query touched, in order of first touch; and a word's documents while taking the best of its alternatives. */
  private touched = new Int32Array(0);
  private inWord = new Int32Array(0);
  /** Documents that may hold every quoted phrase of the query being answered. */
  private phraseCandidates = new Uint8Array(0);
  /** For a MAY_HOLD candidate, where the phrase may start at the earliest. */
  private phraseFrom = new Uint16Array(0);
  /** The documents marked in `phraseCandidates`, for the reset. */
  private phraseList = new Int32Array(0);
  // For `pruned`: the adjacency bonus a not yet touched document may get, the documents that could
  // make the page (marked and listed), their full scores, matched words, and one word's best alternative.
  private bonusBound = new Float32Array(0);
  private bonusList = new Int32Array(0);
  private candidate = new Uint8Array(0);
  private candidates = new Int32Array(0);
  private full = new Float32Array(0);
  private fullMatched = new Uint8Array(0);
  private wordValue = new Float64Array(0);
  private wordSeen = new Uint8Array(0);
  /** Per touched document, how much of the tails' bound its head scores already account for, and for how many words all of it. */
  private credit = new Float64Array(0);
  private settledWords = new Uint8Array(0);
  private capacity = 0;
  // The index's per-document columns, read again at each query (they are replaced when the index grows).
  private records: readonly (DocRecord | undefined)[] = [];
  private dates: Int32Array = new Int32Array(0);
  private upvotes: Int32Array = new Int32Array(0);
  private citations: Int32Array = new Int32Array(0);

  private readonly broadPostings: number;
  private readonly splits: ImpactSplits;

  /** How long a posting list must be to be split, and its head's share: a test on a small corpus makes both small. */
  constructor(
    private readonly index: IndexReader,
    { broadPostings = BROAD_POSTINGS, headShare = HEAD_SHARE } = {},
  ) {
    this.broadPostings = broadPostings;
    this.splits = new ImpactSplits(headShare);
  }

  search(query: SearchQuery, options: SearchOptions = {}): SearchPage {
    const limit = clamp(options.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = clamp(options.offset ?? 0, 0, MAX_OFFSET);
    // Refused before anything else, so the answer never depends on whether the words happen to match.
    if (query.sort === "cited" && this.index.citedCount === 0) {
      throw new UserError(
        "no-citations",
        "No paper here has a citation count yet, so I can't sort by citations.",
        "Citation counts come from Semantic Scholar, looked up in the background after a fetch of the live sources (semanticScholar.enabled in the settings); try sort:top or sort:new meanwhile.",
      );
    }
    const plan = this.index.plan(query);
    if (plan.hopeless || plan.phrases.includes(undefined)) return { hits: [], total: 0 };
    this.bind();
    const filters = toFilters(query);
    const ranked = plan.words.length + plan.required.length > 0;
    const sort: SortOrder = query.sort ?? (ranked || query.phrases.length > 0 ? "relevance" : "new");
    const top = new TopK(offset + limit, this.ordering(sort));
    const levels = filterLevels(filters, this.index.filterIndexes());
    if (levels) markLevels(this.allowed, levels);
    this.markExcluded(plan.excludedTerms, 1);
    const phrases = plan.phrases.filter((phrase): phrase is number[] => phrase !== undefined);
    const marked = phrases.length > 0 ? this.markPhraseCandidates(phrases) : undefined;
    const excludedDocs = this.markExcludedPhrases(plan.excludedPhrases);
    if (ranked && sort === "relevance" && onlyWords(plan)) {
      let answered = false;
      try {
        const gate = this.gate(plan, filters, levels, false, undefined, excludedDocs);
        const estimate = this.pruned(plan, top, offset + limit, gate);
        if (estimate !== undefined) {
          answered = true;
          const hits = top
            .sorted()
            .slice(offset)
            .map((doc) => this.hit(doc));
          // `pruned` answers only when more documents surely match than the page reaches.
          return { hits, total: estimate, totalEstimated: true, nextOffset: offset + limit };
        }
      } finally {
        this.unmarkPruned();
        if (answered) {
          if (levels) unmarkLevels(this.allowed, levels);
          this.markExcluded(plan.excludedTerms, 0);
          for (const doc of excludedDocs) this.excluded[doc] = 0;
        }
      }
    }
    // Filters and phrases are marked first, so scoring skips every document they already rule out.
    const admit = { passing: levels ? levels.levels.length : 0, phrases: phrases.length > 0 };
    const words = ranked ? [...plan.words, ...plan.required] : [];
    const dense = ranked && this.isDense(words);
    let touchedCount = ranked ? this.accumulate(words, plan.words.length, admit, dense) : 0;
    if (ranked) touchedCount = this.addExpansions(plan, admit, dense, touchedCount);
    if (ranked) this.addAdjacency([...plan.adjacent, ...this.likeliestPairs(plan.continued)]);
    const gate = this.gate(plan, filters, levels, ranked && sort !== "relevance", marked, excludedDocs);
    // Most documents cannot beat the worst of a full top-k: one typed-array compare turns them away.
    const key = this.sortKey(sort);
    try {
      let total: number;
      if (!ranked && levels) {
        total = 0;
        this.visitCandidates(levels, (doc) => {
          if (!this.passes(doc, gate)) return;
          total++;
          if (top.isFull() && (key[doc] as number) < (key[top.worst()] as number)) return;
          top.offer(doc);
        });
      } else if (ranked && sort === "relevance" && trivial(gate)) {
        // Every touched document matches: the count is known, and only scores need comparing.
        total = touchedCount;
        if (dense) this.selectByScore(top);
        else this.selectTouchedByScore(top, touchedCount);
      } else if (dense || !ranked) total = this.selectAll(top, key, gate, ranked);
      else total = this.selectTouched(top, key, gate, touchedCount);
      const hits = top
        .sorted()
        .slice(offset)
        .map((doc) => this.hit(doc));
      return offset + limit < total ? { hits, total, nextOffset: offset + limit } : { hits, total };
    } finally {
      if (levels) unmarkLevels(this.allowed, levels);
      this.markExcluded(plan.excludedTerms, 0);
      if (marked) this.unmarkPhraseCandidates(marked);
      for (const doc of excludedDocs) this.excluded[doc] = 0;
      this.resetScores(dense, touchedCount);
    }
  }

  /**
   * The documents closest to `doc` by `words` (its most telling terms, weighted), best first,
   * `doc` itself left out.
   */
  similar(doc: number, words: readonly Alternative[][], limit: number): SearchHit[] {
    this.bind();
    const count = this.accumulate(words);
    const { touched, scores } = this;
    const top = new TopK(clamp(limit, 1, MAX_LIMIT), this.ordering("relevance"));
    for (let i = 0; i < count; i++) {
      const other = touched[i] as number;
      if (other === doc || (top.isFull() && (scores[other] as number) < (scores[top.worst()] as number)))
        continue;
      top.offer(other);
    }
    const hits = top.sorted().map((other) => this.hit(other));
    for (let i = 0; i < count; i++) {
      const other = touched[i] as number;
      this.scores[other] = 0;
      this.matched[other] = 0;
    }
    return hits;
  }

  /**
   * A relevance query without phrases whose words reach broad posting lists, answered from their
   * heads (impact-split.ts). Scoring the heads and every other posting gives each touched document a
   * score no higher than its full one; no document scores more from tails than the tails' cutoffs
   * add up to. When that sum is below the page's last partial score, only documents within that sum
   * of it can make the page: their tail weights are looked up and their full scores computed with
   * the exhaustive run's own float32 additions, in its order, so the page is that run's to the bit.
   * Fills `top` and returns the estimated count (`unmarkPruned` resets after); undefined, with
   * nothing marked, when the heads do not settle the page or no list is broad.
   */
  private pruned(plan: QueryPlan, top: TopK, k: number, gate: Gate): number | undefined {
    this.index.refreshNorms();
    const { words } = plan;
    // The query matches at least as many documents as its commonest term: more than the page
    // reaches, or whether there is a next page would be a guess.
    let commonest = 0;
    for (const alternatives of words)
      for (const { term } of alternatives) commonest = Math.max(commonest, this.index.df(term));
    if (commonest < this.broadPostings || commonest <= k || words.length > MAX_PRUNED_WORDS) return undefined;
    const heads = new Map<number, ImpactSplit>();
    const bounds = new Float64Array(words.length);
    let tailBound = 0;
    let broadWords = 0;
    for (const [index, alternatives] of words.entries()) {
      let bound = 0;
      for (const { term, weight } of alternatives) {
        const list = this.index.postingList(term);
        if (!list || list.length < this.broadPostings) continue;
        const split = this.splits.of(term, list);
        heads.set(term, split);
        bound = Math.max(bound, weight * this.index.idf(term) * split.cutoff);
      }
      bounds[index] = bound;
      tailBound += bound;
      if (bound > 0) broadWords++;
    }
    const overlaps = new Float64Array(words.length);
    const touchedCount = this.accumulateHeads(words, heads, bounds, overlaps);
    const pairs = this.bonusPairs([...plan.adjacent, ...this.likeliestPairs(plan.continued)]);
    const { scores, matched, bonusBound, bonusList, credit, settledWords } = this;
    let bonusCount = 0;
    for (const { docs, bonus } of pairs) {
      for (const doc of docs) {
        if (matched[doc] !== 0) scores[doc] = (scores[doc] as number) + bonus;
        else {
          if (bonusBound[doc] === 0) bonusList[bonusCount++] = doc;
          bonusBound[doc] = (bonusBound[doc] as number) + bonus;
        }
      }
    }
    this.prunedCounts = { touched: touchedCount, bonus: bonusCount, candidates: 0 };
    const screen = new TopK(k, this.ordering("relevance"));
    const filtered = !trivial(gate);
    let passing = touchedCount;
    if (filtered) passing = this.selectTouched(screen, scores, gate, touchedCount);
    else this.selectTouchedByScore(screen, touchedCount);
    // A filtered count is estimated from the share of all documents that pass: only a large one is
    // (a small count is worth its exhaustive run), and only above the page (`passing` are sure).
    const matching = this.estimateMatching(words, overlaps, touchedCount);
    const estimate = filtered ? Math.max(passing, Math.round(matching * this.passingShare(gate))) : matching;
    if (filtered && (estimate < this.broadPostings || passing <= k)) {
      this.unmarkPruned();
      return undefined;
    }
    // Fewer touched documents than the page holds: the tails must fill it, so every posting counts.
    const bar = screen.isFull() ? (scores[screen.worst()] as number) : Number.NEGATIVE_INFINITY;
    const slack = 1 + ROUNDING_SLACK;
    if (!(tailBound * slack < bar)) {
      this.unmarkPruned();
      return undefined;
    }
    // A document that could still make the page: its partial score plus what its tails may add.
    // Settled ones (every broad word's weight known) have their full score already.
    const { candidate, candidates, touched } = this;
    const settled: number[] = [];
    let count = 0;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i] as number;
      if (((scores[doc] as number) + tailBound - (credit[doc] as number)) * slack < bar) continue;
      if (filtered && !this.passes(doc, gate)) continue;
      if (settledWords[doc] === broadWords) settled.push(doc);
      else {
        candidate[doc] = 1;
        candidates[count++] = doc;
      }
    }
    for (let i = 0; i < bonusCount; i++) {
      const doc = bonusList[i] as number;
      if (((bonusBound[doc] as number) + tailBound) * slack < bar) continue;
      if (filtered && !this.passes(doc, gate)) continue;
      candidate[doc] = 1;
      candidates[count++] = doc;
    }
    this.prunedCounts.candidates = count;
    if (count > 0) this.scoreFully(words, pairs, heads, count);
    for (const doc of settled) top.offer(doc);
    for (let i = 0; i < count; i++) {
      const doc = candidates[i] as number;
      if (this.fullMatched[doc] !== 0) top.offer(doc);
    }
    return estimate;
  }

  /**
   * `accumulate` (sparse, nothing filtered) over the heads of the broad lists and the whole of the
   * others, with the same float32 additions in the same order. Per document it also keeps `credit`,
   * how much of each word's tail bound (`bounds`) its known weight covers (v_w ≤ max(known, bound)),
   * and `settledWords`, the broad words whose weight is known for sure: a single alternative seen,
   * or a best alternative above every tail. Per word, `overlaps` gets how many distinct documents
   * its postings read here hold, per posting read. Returns how many documents it touched.
   */
  private accumulateHeads(
    words: readonly Alternative[][],
    heads: ReadonlyMap<number, ImpactSplit>,
    bounds: Float64Array,
    overlaps: Float64Array,
  ): number {
    const { scores, best, matched, touched, inWord, credit, settledWords } = this;
    const slack = 1 + ROUNDING_SLACK;
    let count = 0;
    for (let index = 0; index < words.length; index++) {
      const alternatives = words[index] as Alternative[];
      const bound = bounds[index] as number;
      const single = alternatives.length === 1;
      let inWordCount = 0;
      let read = 0;
      for (const { term, weight } of alternatives) {
        const list = heads.get(term)?.head ?? this.index.postingList(term);
        if (!list || list.length === 0) continue;
        const factor = weight * this.index.idf(term);
        const { docs, weights, length } = list;
        read += length;
        for (let j = 0; j < length; j++) {
          const doc = docs[j] as number;
          const score = factor * (weights[j] as number);
          if (single) {
            const seen = matched[doc] as number;
            if (seen === 0) touched[count++] = doc;
            scores[doc] = (scores[doc] as number) + score;
            matched[doc] = seen + 1;
            if (bound > 0) {
              credit[doc] = (credit[doc] as number) + bound;
              settledWords[doc] = (settledWords[doc] as number) + 1;
            }
            continue;
          }
          const previous = best[doc] as number;
          if (previous === 0) inWord[inWordCount++] = doc;
          if (score > previous) best[doc] = score;
        }
      }
      overlaps[index] = single || read === 0 ? 1 : inWordCount / read;
      for (let i = 0; i < inWordCount; i++) {
        const doc = inWord[i] as number;
        if (matched[doc] === 0) touched[count++] = doc;
        const value = best[doc] as number;
        scores[doc] = (scores[doc] as number) + value;
        matched[doc] = (matched[doc] as number) + 1;
        best[doc] = 0;
        if (bound === 0) continue;
        if (value > bound * slack) {
          credit[doc] = (credit[doc] as number) + bound;
          settledWords[doc] = (settledWords[doc] as number) + 1;
        } else credit[doc] = (credit[doc] as number) + value;
      }
    }
    return count;
  }

  /** What `pruned` marked, for `unmarkPruned`. */
  private prunedCounts = { touched: 0, bonus: 0, candidates: 0 };

  /**
   * The full scores of the `count` listed candidates, into `scores` (and `fullMatched`, how many
   * words each matched): per word the best alternative, from a head or tail lookup for a split list
   * and a pass over any other, then the adjacency bonuses, added as `accumulate` and `addAdjacency` add them.
   */
  private scoreFully(
    words: readonly Alternative[][],
    pairs: readonly { docs: Iterable<number>; bonus: number }[],
    heads: ReadonlyMap<number, ImpactSplit>,
    count: number,
  ): void {
    const { candidate, candidates, full, fullMatched, wordValue, wordSeen } = this;
    for (const alternatives of words) {
      // One alternative is added unrounded, as `accumulate` adds it; the best of several is a float32.
      const single = alternatives.length === 1;
      const take = (doc: number, score: number): void => {
        wordSeen[doc] = 1;
        if (single) wordValue[doc] = score;
        else if (score > (wordValue[doc] as number)) wordValue[doc] = Math.fround(score);
      };
      for (const { term, weight } of alternatives) {
        const list = this.index.postingList(term);
        if (!list || list.length === 0) continue;
        const factor = weight * this.index.idf(term);
        const split = heads.get(term);
        if (split) {
          for (let i = 0; i < count; i++) {
            const doc = candidates[i] as number;
            const found = split.weightOf(doc);
            if (found >= 0) take(doc, factor * found);
          }
          continue;
        }
        const { docs, weights, length } = list;
        for (let j = 0; j < length; j++) {
          const doc = docs[j] as number;
          if (candidate[doc] !== 0) take(doc, factor * (weights[j] as number));
        }
      }
      for (let i = 0; i < count; i++) {
        const doc = candidates[i] as number;
        if (wordSeen[doc] === 0) continue;
        full[doc] = (full[doc] as number) + (wordValue[doc] as number);
        fullMatched[doc] = (fullMatched[doc] as number) + 1;
        wordSeen[doc] = 0;
        wordValue[doc] = 0;
      }
    }
    for (const { docs, bonus } of pairs) {
      for (const doc of docs) {
        if (candidate[doc] !== 0 && fullMatched[doc] !== 0) full[doc] = (full[doc] as number) + bonus;
      }
    }
    // The ordering reads `scores`: a candidate's partial score gives way to its full one.
    for (let i = 0; i < count; i++) {
      const doc = candidates[i] as number;
      this.scores[doc] = full[doc] as number;
    }
  }

  /** Clears what `pruned` marked: the touched documents' scores, bonus bounds and candidates. */
  private unmarkPruned(): void {
    const { touched, bonus, candidates: count } = this.prunedCounts;
    for (let i = 0; i < touched; i++) {
      const doc = this.touched[i] as number;
      this.credit[doc] = 0;
      this.settledWords[doc] = 0;
    }
    this.resetScores(false, touched);
    for (let i = 0; i < bonus; i++) this.bonusBound[this.bonusList[i] as number] = 0;
    for (let i = 0; i < count; i++) {
      const doc = this.candidates[i] as number;
      this.candidate[doc] = 0;
      this.full[doc] = 0;
      this.fullMatched[doc] = 0;
      this.scores[doc] = 0;
    }
    this.prunedCounts = { touched: 0, bonus: 0, candidates: 0 };
  }

  /**
   * How many documents hold any of the words, were they independent of each other, kept between
   * what is known for sure (those touched, the commonest alternative) and the postings' sum; a
   * word's alternatives share documents as often as they did among the postings read (`overlaps`).
   */
  private estimateMatching(words: readonly Alternative[][], overlaps: Float64Array, touched: number): number {
    const live = Math.max(1, this.index.size);
    let floor = touched;
    let ceiling = 0;
    let missed = 1;
    for (const [index, alternatives] of words.entries()) {
      const reach = this.reach(alternatives);
      let commonest = 0;
      for (const { term } of alternatives) commonest = Math.max(commonest, this.index.df(term));
      floor = Math.max(floor, commonest);
      ceiling += reach;
      const holders = Math.max(commonest, reach * (overlaps[index] as number));
      missed *= 1 - Math.min(1, holders / live);
    }
    return Math.max(floor, Math.min(Math.round(live * (1 - missed)), ceiling, live));
  }

  /**
   * The share of documents that pass a filter, from documents spread evenly over the slots: the
   * touched ones would not do, a broad word's heaviest postings lean to some categories and years.
   */
  private passingShare(gate: Gate): number {
    const docs = this.records.length;
    const step = Math.max(1, Math.floor(docs / FILTER_SAMPLE));
    let seen = 0;
    let passed = 0;
    for (let doc = 0; doc < docs; doc += step) {
      if (this.records[doc] === undefined) continue;
      seen++;
      if (this.passes(doc, gate)) passed++;
    }
    return seen === 0 ? 0 : passed / seen;
  }

  /** The pairs `addAdjacency` credits, each with its documents (the same document may come twice) and bonus. */
  private bonusPairs(pairs: readonly [number, number][]): { docs: number[]; bonus: number }[] {
    const docCount = this.records.length;
    const live = this.index.size;
    const index = this.index.pairIndex();
    const credited: { docs: number[]; bonus: number }[] = [];
    for (const [a, b] of pairs) {
      const { docs, more } = index.docsOf(a, b);
      const df = docs.length + more.length;
      if (df === 0 || df * DENSE_SHARE >= docCount) continue;
      credited.push({
        docs: [...docs, ...more],
        bonus: ADJACENT_WEIGHT * Math.log(1 + (live - df + 0.5) / (df + 0.5)),
      });
    }
    return credited;
  }

  /** Takes up the index's current columns and makes the scratch arrays as long as them. */
  private bind(): void {
    this.records = this.index.documents();
    this.dates = this.index.publishedDays();
    this.upvotes = this.index.upvoteCounts();
    this.citations = this.index.citationKeys();
    const needed = this.records.length;
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2, 64);
    // Every mark is back to 0 between queries, so fresh arrays lose nothing.
    this.scores = new Float32Array(capacity);
    this.best = new Float32Array(capacity);
    this.matched = new Uint8Array(capacity);
    this.requiredHits = new Uint8Array(capacity);
    this.allowed = new Uint8Array(capacity);
    this.excluded = new Uint8Array(capacity);
    this.phraseCandidates = new Uint8Array(capacity);
    this.phraseList = new Int32Array(capacity);
    this.phraseFrom = new Uint16Array(capacity);
    this.touched = new Int32Array(capacity);
    this.inWord = new Int32Array(capacity);
    this.bonusBound = new Float32Array(capacity);
    this.bonusList = new Int32Array(capacity);
    this.candidate = new Uint8Array(capacity);
    this.candidates = new Int32Array(capacity);
    this.full = new Float32Array(capacity);
    this.fullMatched = new Uint8Array(capacity);
    this.wordValue = new Float64Array(capacity);
    this.wordSeen = new Uint8Array(capacity);
    this.credit = new Float64Array(capacity);
    this.settledWords = new Uint8Array(capacity);
    this.capacity = capacity;
  }

  private hit(doc: number): SearchHit {
    return {
      id: (this.records[doc] as DocRecord).id,
      score: Math.round((this.scores[doc] ?? 0) * 1e4) / 1e4,
    };
  }

  /**
   * Whether a query's words reach so many documents that one pass over every document beats
   * following the touched ones: sequential reads and a fill instead of three scattered ones each.
   */
  private isDense(words: readonly Alternative[][]): boolean {
    let reach = 0;
    for (let i = 0; i < words.length; i++) reach += this.reach(words[i] as Alternative[]);
    return reach * DENSE_SHARE >= this.records.length;
  }

  /** How many postings a word's alternatives have: at least how many documents it matches, at most. */
  private reach(alternatives: readonly Alternative[]): number {
    let reach = 0;
    for (let i = 0; i < alternatives.length; i++)
      reach += this.index.df((alternatives[i] as Alternative).term);
    return reach;
  }

  // Why four selection loops and not one with flags: each runs over up to every document of the
  // corpus, and V8 keeps a loop fast only while it sees one shape. Folding "is there a gate?",
  // "touched list or every slot?" and "score or date key?" into one loop put three branches in the
  // hottest path and measured slower at 100k papers; four short loops, each with only the checks its
  // case needs, keep the common query (relevance, no filters) to one compare per document.

  /** Offers every scored document that could enter the top (relevance order, nothing to check). */
  private selectByScore(top: TopK): void {
    const scores = this.scores;
    const docs = this.records.length;
    // Untouched documents score 0, touched ones more.
    let bar = Number.MIN_VALUE;
    for (let doc = 0; doc < docs; doc++) {
      if ((scores[doc] as number) < bar) continue;
      top.offer(doc);
      if (top.isFull()) bar = scores[top.worst()] as number;
    }
  }

  private selectTouchedByScore(top: TopK, count: number): void {
    const { scores, touched } = this;
    let bar = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < count; i++) {
      const doc = touched[i] as number;
      if ((scores[doc] as number) < bar) continue;
      top.offer(doc);
      if (top.isFull()) bar = scores[top.worst()] as number;
    }
  }

  /** Offers every touched document that passes; returns how many pass. */
  private selectTouched(top: TopK, key: ArrayLike<number>, gate: Gate, count: number): number {
    const touched = this.touched;
    let total = 0;
    let bar = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < count; i++) {
      const doc = touched[i] as number;
      if (!this.passes(doc, gate)) continue;
      total++;
      if ((key[doc] as number) < bar) continue;
      top.offer(doc);
      if (top.isFull()) bar = key[top.worst()] as number;
    }
    return total;
  }

  /** Offers every document (every touched one, when `ranked`) that passes, in document order. */
  private selectAll(top: TopK, key: ArrayLike<number>, gate: Gate, ranked: boolean): number {
    const { matched, records } = this;
    const docs = records.length;
    let total = 0;
    let bar = Number.NEGATIVE_INFINITY;
    for (let doc = 0; doc < docs; doc++) {
      if (ranked ? matched[doc] === 0 : records[doc] === undefined) continue;
      if (!this.passes(doc, gate)) continue;
      total++;
      if ((key[doc] as number) < bar) continue;
      top.offer(doc);
      if (top.isFull()) bar = key[top.worst()] as number;
    }
    return total;
  }

  /**
   * Adds each adjacent pair's bonus to the documents that matched a word and hold the pair in a row
   * (from the pair index, no text read). A pair in a sixteenth of the corpus or more says too little
   * to pay for the pass.
   */
  private addAdjacency(pairs: readonly [number, number][]): void {
    if (pairs.length === 0) return;
    const { scores, matched } = this;
    const docCount = this.records.length;
    const live = this.index.size;
    const index = this.index.pairIndex();
    for (const [a, b] of pairs) {
      const { docs, more } = index.docsOf(a, b);
      const df = docs.length + more.length;
      if (df === 0 || df * DENSE_SHARE >= docCount) continue;
      const bonus = ADJACENT_WEIGHT * Math.log(1 + (live - df + 0.5) / (df + 0.5));
      for (let j = 0; j < docs.length; j++) {
        const doc = docs[j] as number;
        if (matched[doc] !== 0) scores[doc] = (scores[doc] as number) + bonus;
      }
      for (const doc of more) if (matched[doc] !== 0) scores[doc] = (scores[doc] as number) + bonus;
    }
  }

  /** Per word typed in part, the pair with the completion that most often follows its neighbour. */
  private likeliestPairs(continued: QueryPlan["continued"]): [number, number][] {
    const index = this.index.pairIndex();
    const pairs: [number, number][] = [];
    for (const { left, rights } of continued) {
      let best: number | undefined;
      let most = 0;
      for (const right of rights) {
        const { docs, more } = index.docsOf(left, right);
        const count = docs.length + more.length;
        if (count > most) {
          most = count;
          best = right;
        }
      }
      if (best !== undefined) pairs.push([left, best]);
    }
    return pairs;
  }

  /**
   * Credits each typed abbreviation to the papers that write it out instead ("reinforcement
   * learning" for "rl"), as one occurrence of a word as rare as the written-out phrase, times the
   * word's weight; a paper holding the abbreviation itself already scored it. Returns the touched count.
   */
  private addExpansions(
    plan: QueryPlan,
    admit: { passing: number; phrases: boolean },
    dense: boolean,
    count: number,
  ): number {
    if (plan.expansions.length === 0) return count;
    const { scores, matched, touched, best, allowed, excluded, phraseCandidates } = this;
    const { passing, phrases } = admit;
    const pairs = this.index.pairIndex();
    const live = this.index.size;
    let touchedCount = count;
    for (const { word, term, phrase } of plan.expansions) {
      const own = this.index.postingList(term);
      if (own) for (let j = 0; j < own.length; j++) best[own.docs[j] as number] = 1;
      const holders: number[] = [];
      pairs.visitPhrase(phrase, (doc, sure, from) => {
        if (best[doc] !== 0 || !admitted(doc, passing, phrases, allowed, excluded, phraseCandidates)) return;
        const record = this.records[doc];
        if (record === undefined) return;
        if (sure || containsPhrase(record.text, phrase, this.index.rarestWord(phrase), from))
          holders.push(doc);
      });
      if (own) for (let j = 0; j < own.length; j++) best[own.docs[j] as number] = 0;
      const weight = plan.words[word]?.[0]?.weight ?? 1;
      const credit =
        EXPANSION_WEIGHT * weight * Math.log(1 + (live - holders.length + 0.5) / (holders.length + 0.5));
      for (const doc of holders) {
        if (matched[doc] === 0) {
          if (!dense) touched[touchedCount] = doc;
          touchedCount++;
        }
        matched[doc] = (matched[doc] as number) + 1;
        scores[doc] = (scores[doc] as number) + credit;
      }
    }
    return touchedCount;
  }

  private resetScores(dense: boolean, touchedCount: number): void {
    const { scores, matched, requiredHits, touched } = this;
    if (dense) {
      const docs = this.records.length;
      scores.fill(0, 0, docs);
      matched.fill(0, 0, docs);
      requiredHits.fill(0, 0, docs);
      return;
    }
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i] as number;
      scores[doc] = 0;
      matched[doc] = 0;
      requiredHits[doc] = 0;
    }
  }

  /** Each document of the smallest filter level once (a document listed under two categories is seen once). */
  private visitCandidates(levels: FilterLevels, visit: (doc: number) => void): void {
    const allowed = this.allowed;
    const passing = levels.levels.length;
    for (const list of levelCandidates(levels)) {
      for (let j = 0; j < list.length; j++) {
        const doc = list[j] as number;
        if (allowed[doc] !== passing) continue;
        visit(doc);
        allowed[doc] = passing + 1;
      }
    }
  }

  /**
   * The test a matching document must pass, as data for `passes`, cheapest checks first: typed-array
   * reads for word counts, filters, exclusions and dates; the record only for phrases that the pair
   * index does not settle and for several-word author names.
   */
  private gate(
    plan: QueryPlan,
    filters: Filters,
    levels: FilterLevels | undefined,
    everyWord: boolean,
    marked: MarkedPhrases | undefined,
    excludedDocs: readonly number[],
  ): Gate {
    // Sorted by date or votes, every word must match, or "new" would list everything that
    // shares one common word with the query.
    const phrases = plan.phrases.filter((phrase): phrase is number[] => phrase !== undefined);
    const checks = phrases.map(
      (phrase, i): PhraseCheck => ({
        phrase,
        anchor: this.index.rarestWord(phrase),
        marked: marked !== undefined && i === marked.phrase,
      }),
    );
    const sameName = levels?.sameName ?? [];
    // Only documents the pair index left unsettled, and other phrases, need their text read.
    const deep = sameName.length > 0 || checks.some((check) => !check.marked || (marked?.unsettled ?? 0) > 0);
    return {
      needed: everyWord ? plan.words.length + plan.required.length : 0,
      required: plan.required.length,
      // A document already visited as a filter candidate is marked one past passing; both count as allowed.
      passing: levels ? levels.levels.length : 0,
      excluded: plan.excludedTerms.length > 0 || excludedDocs.length > 0,
      phrases: phrases.length > 0,
      since: filters.since,
      until: filters.until,
      deep,
      sameName,
      checks,
    };
  }

  private passes(doc: number, gate: Gate): boolean {
    if ((this.matched[doc] as number) < gate.needed || (this.requiredHits[doc] as number) < gate.required)
      return false;
    if (gate.passing > 0 && (this.allowed[doc] as number) < gate.passing) return false;
    if (gate.excluded && this.excluded[doc] === 1) return false;
    if (gate.phrases && this.phraseCandidates[doc] === 0) return false;
    const { since, until } = gate;
    if (since > 0 || until > 0) {
      const date = this.dates[doc] as number;
      if (since > 0 && (date === 0 || date < since)) return false;
      if (until > 0 && (date === 0 || date > until)) return false;
    }
    return !gate.deep || this.passesDeep(doc, gate);
  }

  /** The checks that read a document's record: phrases word for word, several-word author names. */
  private passesDeep(doc: number, gate: Gate): boolean {
    const record = this.records[doc];
    if (record === undefined) return false;
    for (const words of gate.sameName) if (!record.authors.some((name) => hasAll(name, words))) return false;
    for (const check of gate.checks) {
      if (!check.marked) {
        if (!containsPhrase(record.text, check.phrase, check.anchor)) return false;
      } else if (this.phraseCandidates[doc] !== HOLDS) {
        if (!containsPhrase(record.text, check.phrase, check.anchor, this.phraseFrom[doc])) return false;
      }
    }
    return true;
  }

  /**
   * Marks the documents that may hold every phrase: those the pair index gives for the phrase with
   * the rarest pair, HOLDS where the pairs prove it, MAY_HOLD where the text must tell (and every
   * document MAY_HOLD when no phrase has two words). Returns what was marked, for the gate and the reset.
   */
  private markPhraseCandidates(phrases: readonly number[][]): MarkedPhrases {
    const pairs = this.index.pairIndex();
    let phrase = -1;
    let fewest = Number.POSITIVE_INFINITY;
    for (const [i, words] of phrases.entries()) {
      if (words.length < 2) continue;
      const reach = pairs.reach(words);
      if (reach < fewest) {
        fewest = reach;
        phrase = i;
      }
    }
    const marks = this.phraseCandidates;
    if (phrase < 0) {
      marks.fill(MAY_HOLD, 0, this.records.length);
      return { all: true, count: 0, phrase, unsettled: this.records.length };
    }
    const list = this.phraseList;
    let count = 0;
    let unsettled = 0;
    const starts = this.phraseFrom;
    pairs.visitPhrase(phrases[phrase] as number[], (doc, sure, from) => {
      const mark = marks[doc] as number;
      if (mark === 0) {
        list[count++] = doc;
        marks[doc] = sure ? HOLDS : MAY_HOLD;
        starts[doc] = Math.min(from, 0xffff);
        if (!sure) unsettled++;
      } else if (!sure) {
        // Seen twice (re-indexed since the pair index was built): only a full check will do.
        if (mark === HOLDS) unsettled++;
        marks[doc] = MAY_HOLD;
        starts[doc] = 0;
      }
    });
    return { all: false, count, phrase, unsettled };
  }

  private unmarkPhraseCandidates({ all, count }: MarkedPhrases): void {
    const marks = this.phraseCandidates;
    if (all) {
      marks.fill(0, 0, this.records.length);
      return;
    }
    const list = this.phraseList;
    for (let i = 0; i < count; i++) marks[list[i] as number] = 0;
  }

  /** Marks documents holding an excluded phrase as excluded; returns them, for the reset. */
  private markExcludedPhrases(phrases: readonly number[][]): number[] {
    const marked: number[] = [];
    if (phrases.length === 0) return marked;
    const pairs = this.index.pairIndex();
    for (const phrase of phrases) {
      if (phrase.length < 2) continue;
      const anchor = this.index.rarestWord(phrase);
      pairs.visitPhrase(phrase, (doc, sure, from) => {
        const record = this.records[doc];
        if (record === undefined || this.excluded[doc] !== 0) return;
        if (sure || containsPhrase(record.text, phrase, anchor, from)) {
          this.excluded[doc] = 1;
          marked.push(doc);
        }
      });
    }
    return marked;
  }

  /**
   * Scores every document holding any word: per word the best of its alternatives (so a prefix
   * standing for fifty words counts once), summed over words. Returns how many documents it touched;
   * sparse, it lists them in `this.touched`; `dense` (a query reaching a large share of the corpus),
   * it keeps no list and the caller walks every document instead.
   */
  private accumulate(
    words: readonly Alternative[][],
    requiredFrom = words.length,
    admit: { passing: number; phrases: boolean } = { passing: 0, phrases: false },
    dense = false,
  ): number {
    this.index.refreshNorms();
    const { scores, best, matched, requiredHits, touched, inWord, allowed, excluded, phraseCandidates } =
      this;
    const { passing, phrases } = admit;
    const filtered = passing > 0 || phrases;
    const docCount = this.records.length;
    let count = 0;
    for (let index = 0; index < words.length; index++) {
      const alternatives = words[index] as Alternative[];
      // Phrase words come last and are also counted apart: a result must hold every one.
      const required = index >= requiredFrom ? 1 : 0;
      if (alternatives.length === 1) {
        // One alternative, no best-of to take: straight into the total. The hot loop of search.
        const { term, weight } = alternatives[0] as Alternative;
        const list = this.index.postingList(term);
        if (!list || list.length === 0) continue;
        const factor = weight * this.index.idf(term);
        const { docs, weights, length } = list;
        for (let j = 0; j < length; j++) {
          const doc = docs[j] as number;
          if (filtered && !admitted(doc, passing, phrases, allowed, excluded, phraseCandidates)) continue;
          const seen = matched[doc] as number;
          if (seen === 0) {
            if (!dense) touched[count] = doc;
            count++;
          }
          scores[doc] = (scores[doc] as number) + factor * (weights[j] as number);
          matched[doc] = seen + 1;
          if (required) requiredHits[doc] = (requiredHits[doc] as number) + 1;
        }
        continue;
      }
      // A word whose alternatives reach much of the corpus is folded in one pass over every document.
      const fold = dense && this.reach(alternatives) * DENSE_SHARE >= docCount;
      let inWordCount = 0;
      for (let a = 0; a < alternatives.length; a++) {
        const { term, weight } = alternatives[a] as Alternative;
        const list = this.index.postingList(term);
        if (!list || list.length === 0) continue;
        const factor = weight * this.index.idf(term);
        const { docs, weights, length } = list;
        for (let j = 0; j < length; j++) {
          const doc = docs[j] as number;
          if (filtered && !admitted(doc, passing, phrases, allowed, excluded, phraseCandidates)) continue;
          const score = factor * (weights[j] as number);
          const previous = best[doc] as number;
          if (!fold && previous === 0) inWord[inWordCount++] = doc;
          if (score > previous) best[doc] = score;
        }
      }
      if (fold) {
        for (let doc = 0; doc < docCount; doc++) {
          const score = best[doc] as number;
          if (score === 0) continue;
          if (matched[doc] === 0) count++;
          scores[doc] = (scores[doc] as number) + score;
          matched[doc] = (matched[doc] as number) + 1;
          requiredHits[doc] = (requiredHits[doc] as number) + required;
          best[doc] = 0;
        }
        continue;
      }
      for (let i = 0; i < inWordCount; i++) {
        const doc = inWord[i] as number;
        if (matched[doc] === 0) {
          if (!dense) touched[count] = doc;
          count++;
        }
        scores[doc] = (scores[doc] as number) + (best[doc] as number);
        matched[doc] = (matched[doc] as number) + 1;
        requiredHits[doc] = (requiredHits[doc] as number) + required;
        best[doc] = 0;
      }
    }
    return count;
  }

  private markExcluded(terms: readonly number[], value: 0 | 1): void {
    for (const term of terms) {
      const list = this.index.postingList(term);
      if (list) for (let j = 0; j < list.length; j++) this.excluded[list.docs[j] as number] = value;
    }
  }

  /** The per-document column a sort order ranks by. */
  private sortKey(sort: SortOrder): ArrayLike<number> {
    if (sort === "relevance") return this.scores;
    if (sort === "new") return this.dates;
    return sort === "top" ? this.upvotes : this.citations;
  }

  /** Rank order; ties fall to the next key, finally to the later-added document, so order is stable. */
  private ordering(sort: SortOrder): Better {
    const { scores, dates, upvotes } = this;
    const byDate = (a: number, b: number): boolean => {
      const difference = (dates[a] as number) - (dates[b] as number);
      return difference !== 0 ? difference > 0 : a > b;
    };
    const byScore = (a: number, b: number): boolean => {
      const difference = (scores[a] as number) - (scores[b] as number);
      return difference !== 0 ? difference > 0 : byDate(a, b);
    };
    if (sort === "relevance") return byScore;
    if (sort === "new") {
      return (a, b) => {
        const difference = (dates[a] as number) - (dates[b] as number);
        return difference !== 0 ? difference > 0 : byScore(a, b);
      };
    }
    const key = sort === "top" ? upvotes : this.citations;
    return (a, b) => {
      const difference = (key[a] as number) - (key[b] as number);
      return difference !== 0 ? difference > 0 : byScore(a, b);
    };
  }
}

function toFilters(query: SearchQuery): Filters {
  return {
    since: dayNumber(query.since),
    until: dayNumber(query.until),
    categories: query.categories,
    authors: query.authors,
    orgs: query.orgs,
  };
}

/** Whether a query ranks by words alone (filters and exclusions aside): no phrase, no written-out abbreviation. */
function onlyWords(plan: QueryPlan): boolean {
  return plan.required.length === 0 && plan.phrases.length === 0 && plan.expansions.length === 0;
}

/** Whether a gate lets every touched document through (relevance order, no filter of any kind). */
function trivial(gate: Gate): boolean {
  return (
    gate.needed === 0 &&
    gate.required === 0 &&
    gate.passing === 0 &&
    !gate.excluded &&
    !gate.phrases &&
    gate.since === 0 &&
    gate.until === 0 &&
    !gate.deep
  );
}

function hasAll(name: readonly string[], words: readonly string[]): boolean {
  for (const word of words) if (!name.includes(word)) return false;
  return true;
}

/** Whether a document is still in the running after the query's filter and phrase marks. */
function admitted(
  doc: number,
  passing: number,
  phrases: boolean,
  allowed: Uint8Array,
  excluded: Uint8Array,
  phraseCandidates: Uint8Array,
): boolean {
  return (
    (passing === 0 || (allowed[doc] as number) >= passing) &&
    excluded[doc] === 0 &&
    (!phrases || phraseCandidates[doc] !== 0)
  );
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}
