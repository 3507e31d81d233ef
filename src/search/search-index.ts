// The search index over all known papers: BM25F ranking, filters, paging, and "more like this".
import type { Paper } from "../papers/paper.js";
import { categoryMatches, type DocRecord, dayNumber, sameText, termCounts, toRecord } from "./doc-record.js";
import { FIELD_B, FIELD_COUNT, FIELD_WEIGHTS, FIELDS, K1 } from "./fields.js";
import { KeyedDocs } from "./keyed-docs.js";
import { containsPhrase } from "./phrase.js";
import { PostingList } from "./postings.js";
import type { SearchQuery, SortOrder } from "./query.js";
import { type Alternative, planQuery, type QueryPlan } from "./query-plan.js";
import { type Better, TopK } from "./top-k.js";
import { Vocabulary } from "./vocabulary.js";

export interface SearchHit {
  id: string;
  score: number;
}

export interface SearchPage {
  hits: SearchHit[];
  /** How many papers match in all. */
  total: number;
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
/** How far the corpus size may drift before the average field lengths are recomputed. */
const NORM_DRIFT = 0.05;
/** How many of a paper's most telling terms make up its "more like this" query. */
const SIMILAR_TERMS = 25;

const WEIGHTS = Float64Array.from(FIELDS, (field) => FIELD_WEIGHTS[field]);
const BS = Float64Array.from(FIELDS, (field) => FIELD_B[field]);

interface Filters {
  since: number;
  until: number;
  categories: string[];
  authors: string[][];
  orgs: string[][];
}

export class SearchIndex {
  private readonly vocabulary = new Vocabulary();
  private readonly postings: PostingList[] = [];
  private readonly docOf = new Map<string, number>();
  private records: (DocRecord | undefined)[] = [];
  private capacity = 0;
  private dates = new Int32Array(0);
  private upvotes = new Int32Array(0);
  /** FIELD_COUNT lengths per document, in indexed words. */
  private lengths = new Uint16Array(0);
  private readonly lengthSums = new Float64Array(FIELD_COUNT);
  /**
   * Per document and field, BM25F's weight over length normalisation, so scoring a posting is a
   * multiply per field. The average lengths behind it are refreshed when the corpus has grown or
   * shrunk by more than NORM_DRIFT since, not on every added paper.
   */
  private norms = new Float32Array(0);
  private readonly normAverages = new Float64Array(FIELD_COUNT);
  private normLive = 0;
  private live = 0;
  private readonly byAuthor = new KeyedDocs();
  private readonly byOrg = new KeyedDocs();
  private readonly byCategory = new KeyedDocs();
  // Per-query scratch, sized to the documents and reset through `touched`, so a query allocates
  // nothing in proportion to the corpus.
  private scores = new Float32Array(0);
  private best = new Float32Array(0);
  private matched = new Uint8Array(0);
  private requiredHits = new Uint8Array(0);
  private allowed = new Uint8Array(0);
  private excluded = new Uint8Array(0);

  static build(papers: Iterable<Paper>): SearchIndex {
    const index = new SearchIndex();
    for (const paper of papers) index.add(paper);
    return index;
  }

  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.docOf.has(id);
  }

  /** Adds a paper, or updates it when the index already has its id. */
  add(paper: Paper): void {
    const existing = this.docOf.get(paper.id);
    if (existing !== undefined) {
      this.update(paper);
      return;
    }
    const doc = this.records.length;
    this.ensureCapacity(doc + 1);
    this.records.push(undefined);
    this.docOf.set(paper.id, doc);
    this.live++;
    this.insert(doc, toRecord(paper, this.vocabulary), paper);
  }

  /** Re-indexes a changed paper in place; when only votes, dates or categories changed, just those. */
  update(paper: Paper): void {
    const doc = this.docOf.get(paper.id);
    const old = doc === undefined ? undefined : this.records[doc];
    if (doc === undefined || !old) {
      this.add(paper);
      return;
    }
    const record = toRecord(paper, this.vocabulary);
    if (sameText(old.text, record.text)) {
      this.unkeyCategories(doc, old);
      this.records[doc] = record;
      this.keyCategories(doc, record);
      this.setMetadata(doc, paper);
      return;
    }
    this.withdraw(doc, old);
    this.insert(doc, record, paper);
  }

  remove(id: string): void {
    const doc = this.docOf.get(id);
    const record = doc === undefined ? undefined : this.records[doc];
    if (doc === undefined || !record) return;
    this.withdraw(doc, record);
    this.records[doc] = undefined;
    this.docOf.delete(id);
    this.live--;
  }

  search(query: SearchQuery, options: SearchOptions = {}): SearchPage {
    const limit = clamp(options.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = clamp(options.offset ?? 0, 0, MAX_OFFSET);
    const plan = planQuery(query, this.vocabulary, (term) => this.df(term));
    if (plan.hopeless || plan.phrases.includes(undefined)) return { hits: [], total: 0 };
    const filters = toFilters(query);
    const ranked = plan.words.length + plan.required.length > 0;
    const sort: SortOrder = query.sort ?? (ranked || query.phrases.length > 0 ? "relevance" : "new");
    const top = new TopK(offset + limit, this.ordering(sort));
    const touched = ranked ? this.accumulate([...plan.words, ...plan.required], plan.words.length) : [];
    const keyed = hasKeyedFilters(filters) ? [...this.filterCandidates(filters)] : undefined;
    this.mark(this.allowed, keyed ?? [], 1);
    this.markExcluded(plan.excludedTerms, 1);
    const pass = this.gate(plan, filters, keyed !== undefined, ranked && sort !== "relevance");
    let total = 0;
    const consider = (doc: number): void => {
      if (!pass(doc)) return;
      total++;
      top.offer(doc);
    };
    try {
      if (ranked) for (const doc of touched) consider(doc);
      else if (keyed) for (const doc of keyed) consider(doc);
      else for (let doc = 0; doc < this.records.length; doc++) consider(doc);
      const hits = top
        .sorted()
        .slice(offset)
        .map((doc) => this.hit(doc));
      return offset + limit < total ? { hits, total, nextOffset: offset + limit } : { hits, total };
    } finally {
      this.mark(this.allowed, keyed ?? [], 0);
      this.markExcluded(plan.excludedTerms, 0);
      for (const doc of touched) {
        this.scores[doc] = 0;
        this.matched[doc] = 0;
        this.requiredHits[doc] = 0;
      }
    }
  }

  /**
   * The test a matching document must pass, cheapest checks first: typed-array reads for word
   * counts, exclusions and dates; the record (names, categories, phrases) only when needed.
   */
  private gate(
    plan: QueryPlan,
    filters: Filters,
    keyed: boolean,
    everyWord: boolean,
  ): (doc: number) => boolean {
    const { matched, requiredHits, allowed, excluded, dates, records } = this;
    // Sorted by date or votes, every word must match, or "new" would list everything that
    // shares one common word with the query.
    const needed = everyWord ? plan.words.length + plan.required.length : 0;
    const required = plan.required.length;
    const { since, until } = filters;
    const deep = keyed || plan.phrases.length > 0 || plan.excludedPhrases.length > 0;
    return (doc) => {
      if ((matched[doc] as number) < needed || (requiredHits[doc] as number) < required) return false;
      if ((keyed && allowed[doc] === 0) || excluded[doc] === 1) return false;
      const date = dates[doc] as number;
      if (since > 0 && (date === 0 || date < since)) return false;
      if (until > 0 && (date === 0 || date > until)) return false;
      const record = records[doc];
      return record !== undefined && (!deep || this.accepts(record, plan, filters));
    };
  }

  /** Papers close to this one by content: its most telling terms, searched for. Excludes itself. */
  similar(id: string, limit = DEFAULT_LIMIT): SearchHit[] {
    const doc = this.docOf.get(id);
    const record = doc === undefined ? undefined : this.records[doc];
    if (doc === undefined || !record) return [];
    this.refreshNorms();
    const { counts } = termCounts(record.text, this.vocabulary);
    const weighted = [...counts.keys()]
      .filter((term) => this.df(term) > 1)
      .map((term) => ({ term, weight: this.idf(term) * this.termWeight(doc, counts.get(term) ?? [], 0) }))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, SIMILAR_TERMS);
    const topWeight = weighted[0]?.weight ?? 1;
    const words: Alternative[][] = weighted.map(({ term, weight }) => [{ term, weight: weight / topWeight }]);
    const touched = this.accumulate(words);
    const top = new TopK(clamp(limit, 1, MAX_LIMIT), this.ordering("relevance"));
    for (const other of touched) if (other !== doc) top.offer(other);
    const hits = top.sorted().map((other) => this.hit(other));
    for (const other of touched) {
      this.scores[other] = 0;
      this.matched[other] = 0;
    }
    return hits;
  }

  private hit(doc: number): SearchHit {
    return {
      id: (this.records[doc] as DocRecord).id,
      score: Math.round((this.scores[doc] ?? 0) * 1e4) / 1e4,
    };
  }

  private insert(doc: number, record: DocRecord, paper: Paper): void {
    this.records[doc] = record;
    const { counts, lengths } = termCounts(record.text, this.vocabulary);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const length = Math.min(65_535, lengths[f] ?? 0);
      this.lengths[doc * FIELD_COUNT + f] = length;
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) + length;
    }
    if (this.normLive === 0) this.refreshNorms();
    else this.computeNorms(doc);
    for (const [term, row] of counts) this.postingsOf(term).add(doc, row, this.termWeight(doc, row, 0));
    for (const name of record.authors) for (const word of name) this.byAuthor.add(word, doc);
    for (const word of record.organization) this.byOrg.add(word, doc);
    this.keyCategories(doc, record);
    this.setMetadata(doc, paper);
  }

  private withdraw(doc: number, record: DocRecord): void {
    const { counts } = termCounts(record.text, this.vocabulary);
    for (const term of counts.keys()) this.postings[term]?.remove(doc);
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) - (this.lengths[doc * FIELD_COUNT + f] ?? 0);
      this.lengths[doc * FIELD_COUNT + f] = 0;
      this.norms[doc * FIELD_COUNT + f] = 0;
    }
    for (const name of record.authors) for (const word of name) this.byAuthor.remove(word, doc);
    for (const word of record.organization) this.byOrg.remove(word, doc);
    this.unkeyCategories(doc, record);
  }

  private keyCategories(doc: number, record: DocRecord): void {
    for (const category of record.categories) this.byCategory.add(category, doc);
  }

  private unkeyCategories(doc: number, record: DocRecord): void {
    for (const category of record.categories) this.byCategory.remove(category, doc);
  }

  private setMetadata(doc: number, paper: Paper): void {
    this.dates[doc] = dayNumber(paper.published);
    this.upvotes[doc] = paper.upvotes ?? 0;
  }

  private postingsOf(term: number): PostingList {
    let list = this.postings[term];
    if (!list) {
      list = new PostingList();
      this.postings[term] = list;
    }
    return list;
  }

  private df(term: number): number {
    return this.postings[term]?.length ?? 0;
  }

  private idf(term: number): number {
    const df = this.df(term);
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /** A term's BM25F weight in a document before idf: pooled frequency, saturated. */
  private termWeight(doc: number, counts: ArrayLike<number>, base: number): number {
    const tf = this.fieldSum(doc, counts, base);
    return (tf * (K1 + 1)) / (K1 + tf);
  }

  /** BM25F's pooled term frequency: each field's count times its weight over length normalisation. */
  private fieldSum(doc: number, counts: ArrayLike<number>, base = 0): number {
    const norms = this.norms;
    const at = doc * FIELD_COUNT;
    let tf = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const count = counts[base + f] as number;
      if (count !== 0) tf += count * (norms[at + f] as number);
    }
    return tf;
  }

  private refreshNorms(): void {
    if (this.live > 0 && Math.abs(this.live - this.normLive) <= this.normLive * NORM_DRIFT) return;
    for (let f = 0; f < FIELD_COUNT; f++)
      this.normAverages[f] = (this.lengthSums[f] as number) / Math.max(1, this.live);
    this.normLive = Math.max(1, this.live);
    for (let doc = 0; doc < this.records.length; doc++) if (this.records[doc]) this.computeNorms(doc);
    const weigh = (doc: number, counts: Uint8Array, base: number): number =>
      this.termWeight(doc, counts, base);
    for (const list of this.postings) list?.rescore(weigh);
  }

  private computeNorms(doc: number): void {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const at = doc * FIELD_COUNT + f;
      const length = this.lengths[at] as number;
      const average = this.normAverages[f] as number;
      const b = BS[f] as number;
      const norm = average > 0 ? 1 - b + (b * length) / average : 1;
      this.norms[at] = length === 0 ? 0 : (WEIGHTS[f] as number) / norm;
    }
  }

  /**
   * Scores every document holding any word: per word the best of its alternatives (so a prefix
   * standing for fifty words counts once), summed over words. Returns the documents touched.
   */
  private accumulate(words: readonly Alternative[][], requiredFrom = words.length): number[] {
    this.refreshNorms();
    const touched: number[] = [];
    const inWord: number[] = [];
    const { scores, best, matched, requiredHits } = this;
    for (const [index, alternatives] of words.entries()) {
      // Phrase words come last and are also counted apart: a result must hold every one.
      const required = index >= requiredFrom ? 1 : 0;
      const single = alternatives.length === 1;
      for (const { term, weight } of alternatives) {
        const list = this.postings[term];
        if (!list || list.length === 0) continue;
        const factor = weight * this.idf(term);
        const { docs, weights, length } = list;
        if (single) {
          // One alternative, no best-of to take: straight into the total. The hot loop of search.
          for (let j = 0; j < length; j++) {
            const doc = docs[j] as number;
            if (matched[doc] === 0) touched.push(doc);
            scores[doc] = (scores[doc] as number) + factor * (weights[j] as number);
            matched[doc] = (matched[doc] as number) + 1;
            requiredHits[doc] = (requiredHits[doc] as number) + required;
          }
          continue;
        }
        for (let j = 0; j < length; j++) {
          const doc = docs[j] as number;
          const score = factor * (weights[j] as number);
          const previous = best[doc] as number;
          if (previous === 0) inWord.push(doc);
          if (score > previous) best[doc] = score;
        }
      }
      for (const doc of inWord) {
        if (matched[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] as number) + (best[doc] as number);
        matched[doc] = (matched[doc] as number) + 1;
        requiredHits[doc] = (requiredHits[doc] as number) + required;
        best[doc] = 0;
      }
      inWord.length = 0;
    }
    return touched;
  }

  /** Names, categories and phrases: the checks that read a document's record. */
  private accepts(record: DocRecord, plan: QueryPlan, filters: Filters): boolean {
    if (filters.categories.length > 0 && !inAnyCategory(record.categories, filters.categories)) return false;
    for (const words of filters.authors)
      if (!record.authors.some((name) => hasAll(name, words))) return false;
    for (const words of filters.orgs) if (!hasAll(record.organization, words)) return false;
    for (const phrase of plan.excludedPhrases) if (containsPhrase(record.text, phrase)) return false;
    for (const phrase of plan.phrases)
      if (phrase === undefined || !containsPhrase(record.text, phrase)) return false;
    return true;
  }

  /** Documents that may pass the name and category filters, from the most selective keyed list. */
  private filterCandidates(filters: Filters): Iterable<number> {
    const lists: (readonly number[])[] = [];
    for (const words of filters.authors) lists.push(...words.map((word) => this.byAuthor.get(word)));
    for (const words of filters.orgs) lists.push(...words.map((word) => this.byOrg.get(word)));
    if (lists.length > 0) return lists.reduce((a, b) => (b.length < a.length ? b : a));
    const docs = new Set<number>();
    for (const key of this.byCategory.keys()) {
      if (filters.categories.some((wanted) => categoryMatches(key, wanted))) {
        for (const doc of this.byCategory.get(key)) docs.add(doc);
      }
    }
    return docs;
  }

  private mark(marks: Uint8Array, docs: readonly number[], value: 0 | 1): void {
    for (const doc of docs) marks[doc] = value;
  }

  private markExcluded(terms: readonly number[], value: 0 | 1): void {
    for (const term of terms) {
      const list = this.postings[term];
      if (list) for (let j = 0; j < list.length; j++) this.excluded[list.docs[j] as number] = value;
    }
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
    return (a, b) => {
      const difference = (upvotes[a] as number) - (upvotes[b] as number);
      return difference !== 0 ? difference > 0 : byScore(a, b);
    };
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2, 64);
    this.dates = grow(this.dates, capacity);
    this.upvotes = grow(this.upvotes, capacity);
    this.lengths = grow(this.lengths, capacity * FIELD_COUNT);
    this.norms = grow(this.norms, capacity * FIELD_COUNT);
    this.scores = grow(this.scores, capacity);
    this.best = grow(this.best, capacity);
    this.matched = grow(this.matched, capacity);
    this.requiredHits = grow(this.requiredHits, capacity);
    this.allowed = grow(this.allowed, capacity);
    this.excluded = grow(this.excluded, capacity);
    this.capacity = capacity;
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

function hasKeyedFilters(filters: Filters): boolean {
  return filters.categories.length > 0 || filters.authors.length > 0 || filters.orgs.length > 0;
}

function hasAll(name: readonly string[], words: readonly string[]): boolean {
  for (const word of words) if (!name.includes(word)) return false;
  return true;
}

function inAnyCategory(categories: readonly string[], wanted: readonly string[]): boolean {
  for (const category of categories)
    for (const want of wanted) if (categoryMatches(category, want)) return true;
  return false;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}

type Typed = Int32Array | Uint16Array | Uint8Array | Float32Array;
function grow<T extends Typed>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
