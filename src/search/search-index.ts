// The search index over all known papers: BM25F ranking, filters, paging, and "more like this".
import type { Paper } from "../papers/paper.js";
import {
  type DocRecord,
  dayNumber,
  packAuthors,
  packCategories,
  packWords,
  StoredRecord,
  sameText,
  termCounts,
  toRecord,
} from "./doc-record.js";
import { FIELD_B, FIELD_COUNT, FIELD_WEIGHTS, FIELDS, K1 } from "./fields.js";
import {
  type FilterLevels,
  filterLevels,
  type KeyedIndexes,
  levelCandidates,
  markLevels,
  unmarkLevels,
} from "./filter-levels.js";
import { paperFingerprint } from "./fingerprint.js";
import { KeyedDocs, type KeyedSnapshot } from "./keyed-docs.js";
import { PairIndex, type PairSnapshot } from "./pair-index.js";
import { containsPhrase } from "./phrase.js";
import { PostingList } from "./postings.js";
import { parseQuery, type SearchQuery, type SortOrder } from "./query.js";
import { type Alternative, planQuery, type QueryPlan } from "./query-plan.js";
import { type Better, TopK } from "./top-k.js";
import { Vocabulary, type VocabularySnapshot } from "./vocabulary.js";
import { WARM_UP_QUERIES, warmUpPapers } from "./warm-up.js";

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

/** The index as plain data (strings and typed arrays), for the index file. */
export interface IndexSnapshot {
  vocabulary: VocabularySnapshot;
  /** Per document slot: the paper id, "" for a removed paper's empty slot. */
  ids: string[];
  /** Per document slot, its names and categories packed into strings (`PackedStrings`). */
  categories: string[];
  authors: string[];
  organizations: string[];
  byAuthor: KeyedSnapshot;
  byOrg: KeyedSnapshot;
  byCategory: KeyedSnapshot;
  textOffsets: Int32Array;
  texts: Int32Array;
  dates: Int32Array;
  upvotes: Int32Array;
  lengths: Uint16Array;
  norms: Float32Array;
  fingerprints: Uint32Array;
  lengthSums: Float64Array;
  normAverages: Float64Array;
  normLive: number;
  live: number;
  postingOffsets: Int32Array;
  postingDocs: Int32Array;
  postingCounts: Uint8Array;
  postingWeights: Float32Array;
  surfaceCounts: Int32Array;
  pairs?: PairSnapshot;
}

interface LoadedPostings {
  offsets: Int32Array;
  docs: Int32Array;
  counts: Uint8Array;
  weights: Float32Array;
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

let warmedUp = false;

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
/** Deep pages cost a heap of offset + limit; nobody reads page 500 in a chat. */
export const MAX_OFFSET = 5_000;
/** How far the corpus size may drift before the average field lengths are recomputed. */
const NORM_DRIFT = 0.05;
/** A query reaching at least 1/DENSE_SHARE of the documents is scored with dense passes. */
const DENSE_SHARE = 16;
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
  private vocabulary = new Vocabulary();
  private postings: (PostingList | undefined)[] = [];
  private readonly docOf = new Map<string, number>();
  private records: (DocRecord | undefined)[] = [];
  private capacity = 0;
  private dates = new Int32Array(0);
  private upvotes = new Int32Array(0);
  /** Per document, `paperFingerprint` of the paper as indexed. */
  private fingerprints = new Uint32Array(0);
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
  private byAuthor = new KeyedDocs();
  private byOrg = new KeyedDocs();
  private byCategory = new KeyedDocs();
  private keyed: KeyedIndexes = {
    byAuthor: this.byAuthor,
    byOrg: this.byOrg,
    byCategory: this.byCategory,
  };
  /**
   * Postings loaded from an index file, as its flat arrays: a term's list is made (a view into
   * them) when a query first reads it, not 170,000 of them at every start.
   */
  private loaded: LoadedPostings | undefined;
  // Per-query scratch, sized to the documents and reset through `touched`, so a query allocates
  // nothing in proportion to the corpus.
  private scores = new Float32Array(0);
  private best = new Float32Array(0);
  private matched = new Uint8Array(0);
  private requiredHits = new Uint8Array(0);
  private allowed = new Uint8Array(0);
  private excluded = new Uint8Array(0);
  /** The documents a query touched, in order of first touch; and a word's documents while taking the best of its alternatives. */
  private touched = new Int32Array(0);
  private inWord = new Int32Array(0);
  /** How often each surface word occurs in the indexed text, so a phrase check starts from its rarest word. */
  private surfaceCounts = new Int32Array(1024);
  /** Documents that may hold every quoted phrase of the query being answered. */
  private phraseCandidates = new Uint8Array(0);
  /** For a MAY_HOLD candidate, where the phrase may start at the earliest. */
  private phraseFrom = new Uint16Array(0);
  /** The documents marked in `phraseCandidates`, for the reset. */
  private phraseList = new Int32Array(0);
  /** Built on the first phrase query (or at the end of `build`), then kept up to date. */
  private pairs: PairIndex | undefined;

  static build(papers: Iterable<Paper>): SearchIndex {
    const index = new SearchIndex();
    for (const paper of papers) index.add(paper);
    index.pairs = PairIndex.build(index.records.map((record) => record?.text));
    SearchIndex.warmUp();
    return index;
  }

  /**
   * Takes every path of search once on a tiny made-up index, once per process (see warm-up.ts), so
   * the first real queries do not run their loops over every document unoptimised. `build` and
   * `restore` call it.
   */
  static warmUp(): void {
    if (warmedUp) return;
    warmedUp = true;
    const papers = warmUpPapers();
    const built = SearchIndex.build(papers);
    const { index } = SearchIndex.restore(built.toSnapshot(), papers);
    const queries = WARM_UP_QUERIES.map(parseQuery);
    // Built and restored indexes hold records of two kinds; a second page takes the deeper heap.
    for (const query of queries) built.search(query, { limit: 3 });
    for (const query of queries) index.search(query, { limit: 3, offset: 3 });
    built.similar(papers[0]?.id as string, 3);
    index.similar(papers[0]?.id as string, 3);
    // A paper re-indexed after the pair index was built takes the word-for-word phrase checks.
    const changed = papers[1] as Paper;
    index.update({ ...changed, abstract: `${changed.abstract} local gradient mixture of experts` });
    for (const query of queries)
      if (query.phrases.length + query.excludePhrases.length > 0) index.search(query);
  }

  get size(): number {
    return this.live;
  }

  /**
   * The index a snapshot describes, brought up to date with `papers`: a paper whose fingerprint
   * differs is re-indexed, a new one added, a missing one removed. `changed` counts those.
   */
  static restore(snapshot: IndexSnapshot, papers: Iterable<Paper>): { index: SearchIndex; changed: number } {
    const index = SearchIndex.fromSnapshot(snapshot);
    const known = snapshot.ids.length;
    const seen = new Uint8Array(known);
    let changed = 0;
    for (const paper of papers) {
      const doc = index.docOf.get(paper.id);
      if (doc !== undefined && doc < known) seen[doc] = 1;
      if (doc !== undefined && index.fingerprints[doc] === paperFingerprint(paper)) continue;
      changed++;
      index.add(paper);
    }
    for (let doc = 0; doc < known; doc++) {
      const record = index.records[doc];
      if (seen[doc] === 1 || record === undefined) continue;
      changed++;
      index.remove(record.id);
    }
    SearchIndex.warmUp();
    return { index, changed };
  }

  toSnapshot(): IndexSnapshot {
    this.refreshNorms();
    const docs = this.records.length;
    const textOffsets = new Int32Array(docs + 1);
    for (let doc = 0; doc < docs; doc++) {
      textOffsets[doc + 1] = (textOffsets[doc] as number) + (this.records[doc]?.text.length ?? 0);
    }
    const texts = new Int32Array(textOffsets[docs] as number);
    for (let doc = 0; doc < docs; doc++) {
      const record = this.records[doc];
      if (record) texts.set(record.text, textOffsets[doc] as number);
    }
    const terms = this.postings.length;
    const postingOffsets = new Int32Array(terms + 1);
    for (let term = 0; term < terms; term++) {
      postingOffsets[term + 1] = (postingOffsets[term] as number) + this.df(term);
    }
    const total = postingOffsets[terms] as number;
    const postingDocs = new Int32Array(total);
    const postingCounts = new Uint8Array(total * FIELD_COUNT);
    const postingWeights = new Float32Array(total);
    for (let term = 0; term < terms; term++) {
      const list = this.list(term);
      if (!list) continue;
      const at = postingOffsets[term] as number;
      postingDocs.set(list.docs.subarray(0, list.length), at);
      postingCounts.set(list.counts.subarray(0, list.length * FIELD_COUNT), at * FIELD_COUNT);
      postingWeights.set(list.weights.subarray(0, list.length), at);
    }
    return {
      vocabulary: this.vocabulary.toSnapshot(),
      ids: this.records.map((record) => record?.id ?? ""),
      categories: this.records.map((record) => packCategories(record?.categories ?? [])),
      authors: this.records.map((record) => packAuthors(record?.authors ?? [])),
      organizations: this.records.map((record) => packWords(record?.organization ?? [])),
      byAuthor: this.byAuthor.toSnapshot(),
      byOrg: this.byOrg.toSnapshot(),
      byCategory: this.byCategory.toSnapshot(),
      textOffsets,
      texts,
      dates: this.dates.slice(0, docs),
      upvotes: this.upvotes.slice(0, docs),
      lengths: this.lengths.slice(0, docs * FIELD_COUNT),
      norms: this.norms.slice(0, docs * FIELD_COUNT),
      fingerprints: this.fingerprints.slice(0, docs),
      lengthSums: Float64Array.from(this.lengthSums),
      normAverages: Float64Array.from(this.normAverages),
      normLive: this.normLive,
      live: this.live,
      postingOffsets,
      postingDocs,
      postingCounts,
      postingWeights,
      surfaceCounts: this.surfaceCounts.slice(0, this.vocabulary.surfaceCount),
      pairs: this.pairs?.toSnapshot(),
    };
  }

  private static fromSnapshot(snapshot: IndexSnapshot): SearchIndex {
    const index = new SearchIndex();
    const docs = snapshot.ids.length;
    index.vocabulary = Vocabulary.fromSnapshot(snapshot.vocabulary);
    index.ensureCapacity(Math.max(docs, 1));
    index.dates.set(snapshot.dates);
    index.upvotes.set(snapshot.upvotes);
    index.lengths.set(snapshot.lengths);
    index.norms.set(snapshot.norms);
    index.fingerprints.set(snapshot.fingerprints);
    index.lengthSums.set(snapshot.lengthSums);
    index.normAverages.set(snapshot.normAverages);
    index.normLive = snapshot.normLive;
    index.live = snapshot.live;
    index.surfaceCounts = snapshot.surfaceCounts.slice();
    const { ids } = snapshot;
    const records = new Array<DocRecord | undefined>(docs);
    for (let doc = 0; doc < docs; doc++) {
      const id = ids[doc] as string;
      if (id === "") {
        records[doc] = undefined;
        continue;
      }
      records[doc] = new StoredRecord(id, snapshot, doc);
      index.docOf.set(id, doc);
    }
    index.records = records;
    index.byAuthor = KeyedDocs.fromSnapshot(snapshot.byAuthor);
    index.byOrg = KeyedDocs.fromSnapshot(snapshot.byOrg);
    index.byCategory = KeyedDocs.fromSnapshot(snapshot.byCategory);
    index.keyed = { byAuthor: index.byAuthor, byOrg: index.byOrg, byCategory: index.byCategory };
    const { postingOffsets, postingDocs, postingCounts, postingWeights } = snapshot;
    index.loaded = {
      offsets: postingOffsets,
      docs: postingDocs,
      counts: postingCounts,
      weights: postingWeights,
    };
    // Filled, so the array stays a flat one as lists are made in any order (a sparse one turns into a hash table).
    index.postings = new Array<PostingList | undefined>(Math.max(0, postingOffsets.length - 1)).fill(
      undefined,
    );
    if (snapshot.pairs) index.pairs = PairIndex.fromSnapshot(snapshot.pairs);
    return index;
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
    const levels = filterLevels(filters, this.keyed);
    if (levels) markLevels(this.allowed, levels);
    this.markExcluded(plan.excludedTerms, 1);
    const phrases = plan.phrases.filter((phrase): phrase is number[] => phrase !== undefined);
    const marked = phrases.length > 0 ? this.markPhraseCandidates(phrases) : undefined;
    const excludedDocs = this.markExcludedPhrases(plan.excludedPhrases);
    // Filters and phrases are marked first, so scoring skips every document they already rule out.
    const admit = { passing: levels ? levels.levels.length : 0, phrases: phrases.length > 0 };
    const words = ranked ? [...plan.words, ...plan.required] : [];
    const dense = ranked && this.isDense(words);
    const touchedCount = ranked ? this.accumulate(words, plan.words.length, admit, dense) : 0;
    const gate = this.gate(plan, filters, levels, ranked && sort !== "relevance", marked, excludedDocs);
    // Most documents cannot beat the worst of a full top-k: one typed-array compare turns them away.
    const key = sort === "relevance" ? this.scores : sort === "new" ? this.dates : this.upvotes;
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
    for (let i = 0; i < alternatives.length; i++) reach += this.df((alternatives[i] as Alternative).term);
    return reach;
  }

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
        anchor: this.rarestWord(phrase),
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

  private pairIndex(): PairIndex {
    if (!this.pairs || this.pairs.stale)
      this.pairs = PairIndex.build(this.records.map((record) => record?.text));
    return this.pairs;
  }

  /**
   * Marks the documents that may hold every phrase: those the pair index gives for the phrase with
   * the rarest pair, HOLDS where the pairs prove it, MAY_HOLD where the text must tell (and every
   * document MAY_HOLD when no phrase has two words). Returns what was marked, for the gate and the reset.
   */
  private markPhraseCandidates(phrases: readonly number[][]): MarkedPhrases {
    const pairs = this.pairIndex();
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
    const pairs = this.pairIndex();
    for (const phrase of phrases) {
      if (phrase.length < 2) continue;
      const anchor = this.rarestWord(phrase);
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

  /** The position in `phrase` of its least frequent word. */
  private rarestWord(phrase: readonly number[]): number {
    let best = 0;
    for (let i = 1; i < phrase.length; i++) {
      const count = this.surfaceCounts[phrase[i] as number] ?? 0;
      if (count < (this.surfaceCounts[phrase[best] as number] ?? 0)) best = i;
    }
    return best;
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

  private hit(doc: number): SearchHit {
    return {
      id: (this.records[doc] as DocRecord).id,
      score: Math.round((this.scores[doc] ?? 0) * 1e4) / 1e4,
    };
  }

  private insert(doc: number, record: DocRecord, paper: Paper): void {
    this.records[doc] = record;
    this.countSurfaces(record.text, 1);
    this.pairs?.add(doc, record.text);
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

  private countSurfaces(text: Int32Array, delta: 1 | -1): void {
    if (this.surfaceCounts.length < this.vocabulary.surfaceCount) {
      this.surfaceCounts = grow(
        this.surfaceCounts,
        Math.max(this.vocabulary.surfaceCount, this.surfaceCounts.length * 2),
      );
    }
    const counts = this.surfaceCounts;
    for (let i = 0; i < text.length; i++) {
      const id = text[i] as number;
      if (id >= 0) counts[id] = (counts[id] as number) + delta;
    }
  }

  private withdraw(doc: number, record: DocRecord): void {
    this.countSurfaces(record.text, -1);
    const { counts } = termCounts(record.text, this.vocabulary);
    for (const term of counts.keys()) this.list(term)?.remove(doc);
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
    this.fingerprints[doc] = paperFingerprint(paper);
    this.dates[doc] = dayNumber(paper.published);
    this.upvotes[doc] = paper.upvotes ?? 0;
  }

  private postingsOf(term: number): PostingList {
    let list = this.list(term);
    if (!list) {
      list = new PostingList();
      this.postings[term] = list;
    }
    return list;
  }

  /** A term's postings, made from the loaded index file on first use. */
  private list(term: number): PostingList | undefined {
    const list = this.postings[term];
    if (list !== undefined || this.loaded === undefined) return list;
    const { offsets, docs, counts, weights } = this.loaded;
    if (term + 1 >= offsets.length) return undefined;
    const from = offsets[term] as number;
    const to = offsets[term + 1] as number;
    if (from === to) return undefined;
    const made = PostingList.over(
      docs.subarray(from, to),
      counts.subarray(from * FIELD_COUNT, to * FIELD_COUNT),
      weights.subarray(from, to),
    );
    this.postings[term] = made;
    return made;
  }

  private df(term: number): number {
    const list = this.postings[term];
    if (list !== undefined) return list.length;
    const offsets = this.loaded?.offsets;
    if (offsets === undefined || term + 1 >= offsets.length) return 0;
    return (offsets[term + 1] as number) - (offsets[term] as number);
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
    for (let term = 0; term < this.postings.length; term++) this.list(term)?.rescore(weigh);
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
    this.refreshNorms();
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
        const list = this.list(term);
        if (!list || list.length === 0) continue;
        const factor = weight * this.idf(term);
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
        const list = this.list(term);
        if (!list || list.length === 0) continue;
        const factor = weight * this.idf(term);
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
      const list = this.list(term);
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
    this.fingerprints = grow(this.fingerprints, capacity);
    this.lengths = grow(this.lengths, capacity * FIELD_COUNT);
    this.norms = grow(this.norms, capacity * FIELD_COUNT);
    this.scores = grow(this.scores, capacity);
    this.best = grow(this.best, capacity);
    this.matched = grow(this.matched, capacity);
    this.requiredHits = grow(this.requiredHits, capacity);
    this.allowed = grow(this.allowed, capacity);
    this.excluded = grow(this.excluded, capacity);
    this.phraseCandidates = grow(this.phraseCandidates, capacity);
    this.phraseList = new Int32Array(capacity);
    this.phraseFrom = grow(this.phraseFrom, capacity);
    this.touched = new Int32Array(capacity);
    this.inWord = new Int32Array(capacity);
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

type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array;
function grow<T extends Typed>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
