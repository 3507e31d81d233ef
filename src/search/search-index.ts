// The search index over all known papers: BM25F ranking, filters, paging, and "more like this".
import type { Paper } from "../papers/paper.js";
import { type DocRecord, dayNumber, sameText, termCounts, toRecord } from "./doc-record.js";
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
import { KeyedDocs } from "./keyed-docs.js";
import { PairIndex, type PairSnapshot } from "./pair-index.js";
import { containsPhrase } from "./phrase.js";
import { PostingList } from "./postings.js";
import type { SearchQuery, SortOrder } from "./query.js";
import { type Alternative, planQuery, type QueryPlan } from "./query-plan.js";
import { type Better, TopK } from "./top-k.js";
import { Vocabulary, type VocabularySnapshot } from "./vocabulary.js";

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
  categories: string[][];
  authors: string[][][];
  organizations: string[][];
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
  private vocabulary = new Vocabulary();
  private readonly postings: PostingList[] = [];
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
  private readonly byAuthor = new KeyedDocs();
  private readonly byOrg = new KeyedDocs();
  private readonly byCategory = new KeyedDocs();
  private readonly keyed: KeyedIndexes = {
    byAuthor: this.byAuthor,
    byOrg: this.byOrg,
    byCategory: this.byCategory,
  };
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
  /** Built on the first phrase query (or at the end of `build`), then kept up to date. */
  private pairs: PairIndex | undefined;

  static build(papers: Iterable<Paper>): SearchIndex {
    const index = new SearchIndex();
    for (const paper of papers) index.add(paper);
    index.pairs = PairIndex.build(index.records.map((record) => record?.text));
    return index;
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
    const seen = new Set<string>();
    let changed = 0;
    for (const paper of papers) {
      seen.add(paper.id);
      const doc = index.docOf.get(paper.id);
      if (doc !== undefined && index.fingerprints[doc] === paperFingerprint(paper)) continue;
      changed++;
      index.add(paper);
    }
    for (const id of [...index.docOf.keys()]) {
      if (seen.has(id)) continue;
      changed++;
      index.remove(id);
    }
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
      postingOffsets[term + 1] = (postingOffsets[term] as number) + (this.postings[term]?.length ?? 0);
    }
    const total = postingOffsets[terms] as number;
    const postingDocs = new Int32Array(total);
    const postingCounts = new Uint8Array(total * FIELD_COUNT);
    const postingWeights = new Float32Array(total);
    for (let term = 0; term < terms; term++) {
      const list = this.postings[term];
      if (!list) continue;
      const at = postingOffsets[term] as number;
      postingDocs.set(list.docs.subarray(0, list.length), at);
      postingCounts.set(list.counts.subarray(0, list.length * FIELD_COUNT), at * FIELD_COUNT);
      postingWeights.set(list.weights.subarray(0, list.length), at);
    }
    return {
      vocabulary: this.vocabulary.toSnapshot(),
      ids: this.records.map((record) => record?.id ?? ""),
      categories: this.records.map((record) => record?.categories ?? []),
      authors: this.records.map((record) => record?.authors ?? []),
      organizations: this.records.map((record) => record?.organization ?? []),
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
    index.surfaceCounts = Int32Array.from(snapshot.surfaceCounts);
    for (let doc = 0; doc < docs; doc++) {
      const id = snapshot.ids[doc] as string;
      if (id === "") {
        index.records.push(undefined);
        continue;
      }
      const record: DocRecord = {
        id,
        text: snapshot.texts.subarray(snapshot.textOffsets[doc], snapshot.textOffsets[doc + 1]),
        categories: snapshot.categories[doc] ?? [],
        authors: snapshot.authors[doc] ?? [],
        organization: snapshot.organizations[doc] ?? [],
      };
      index.records.push(record);
      index.docOf.set(id, doc);
      for (const name of record.authors) for (const word of name) index.byAuthor.add(word, doc);
      for (const word of record.organization) index.byOrg.add(word, doc);
      index.keyCategories(doc, record);
    }
    const { postingOffsets, postingDocs, postingCounts, postingWeights } = snapshot;
    for (let term = 0; term + 1 < postingOffsets.length; term++) {
      const from = postingOffsets[term] as number;
      const to = postingOffsets[term + 1] as number;
      if (from === to) continue;
      index.postings[term] = PostingList.over(
        postingDocs.subarray(from, to),
        postingCounts.subarray(from * FIELD_COUNT, to * FIELD_COUNT),
        postingWeights.subarray(from, to),
      );
    }
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
    const phraseDocs = phrases.length > 0 ? this.markPhraseCandidates(phrases) : [];
    const excludedDocs = this.markExcludedPhrases(plan.excludedPhrases);
    // Filters and phrases are marked first, so scoring skips every document they already rule out.
    const admit = { passing: levels ? levels.levels.length : 0, phrases: phrases.length > 0 };
    const touchedCount = ranked
      ? this.accumulate([...plan.words, ...plan.required], plan.words.length, admit)
      : 0;
    const pass = this.gate(plan, filters, levels, ranked && sort !== "relevance");
    // Most documents cannot beat the worst of a full top-k: one typed-array compare turns them away.
    const key = sort === "relevance" ? this.scores : sort === "new" ? this.dates : this.upvotes;
    const touched = this.touched;
    let total = 0;
    const consider = (doc: number): void => {
      if (!pass(doc)) return;
      total++;
      if (top.isFull() && (key[doc] as number) < (key[top.worst()] as number)) return;
      top.offer(doc);
    };
    try {
      if (ranked) for (let i = 0; i < touchedCount; i++) consider(touched[i] as number);
      else if (levels) this.visitCandidates(levels, consider);
      else for (let doc = 0; doc < this.records.length; doc++) consider(doc);
      const hits = top
        .sorted()
        .slice(offset)
        .map((doc) => this.hit(doc));
      return offset + limit < total ? { hits, total, nextOffset: offset + limit } : { hits, total };
    } finally {
      if (levels) unmarkLevels(this.allowed, levels);
      this.markExcluded(plan.excludedTerms, 0);
      for (const doc of phraseDocs) this.phraseCandidates[doc] = 0;
      for (const doc of excludedDocs) this.excluded[doc] = 0;
      for (let i = 0; i < touchedCount; i++) {
        const doc = touched[i] as number;
        this.scores[doc] = 0;
        this.matched[doc] = 0;
        this.requiredHits[doc] = 0;
      }
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
   * The test a matching document must pass, cheapest checks first: typed-array reads for word
   * counts, filters, exclusions and dates; the record only for phrases and several-word author names.
   */
  private gate(
    plan: QueryPlan,
    filters: Filters,
    levels: FilterLevels | undefined,
    everyWord: boolean,
  ): (doc: number) => boolean {
    const { matched, requiredHits, allowed, excluded, dates, records } = this;
    // Sorted by date or votes, every word must match, or "new" would list everything that
    // shares one common word with the query.
    const needed = everyWord ? plan.words.length + plan.required.length : 0;
    const required = plan.required.length;
    const { since, until } = filters;
    // A document already visited as a filter candidate is marked one past passing; both count as allowed.
    const passing = levels ? levels.levels.length : 0;
    const sameName = levels?.sameName ?? [];
    const phrases = plan.phrases.filter((phrase): phrase is number[] => phrase !== undefined);
    const anchors = phrases.map((phrase) => this.rarestWord(phrase));
    const candidates = this.phraseCandidates;
    const deep = sameName.length > 0 || phrases.length > 0;
    return (doc) => {
      if ((matched[doc] as number) < needed || (requiredHits[doc] as number) < required) return false;
      if ((passing > 0 && (allowed[doc] as number) < passing) || excluded[doc] === 1) return false;
      if (phrases.length > 0 && candidates[doc] === 0) return false;
      const date = dates[doc] as number;
      if (since > 0 && (date === 0 || date < since)) return false;
      if (until > 0 && (date === 0 || date > until)) return false;
      const record = records[doc];
      if (record === undefined) return false;
      if (!deep) return true;
      for (const words of sameName) if (!record.authors.some((name) => hasAll(name, words))) return false;
      for (let i = 0; i < phrases.length; i++) {
        if (!containsPhrase(record.text, phrases[i] as number[], anchors[i])) return false;
      }
      return true;
    };
  }

  private pairIndex(): PairIndex {
    if (!this.pairs || this.pairs.stale)
      this.pairs = PairIndex.build(this.records.map((record) => record?.text));
    return this.pairs;
  }

  /**
   * Marks the documents that may hold every phrase: those under the rarest pair of words among all
   * the phrases (each is then checked word for word). Returns the marked documents, for the reset.
   */
  private markPhraseCandidates(phrases: readonly number[][]): number[] {
    const pairs = this.pairIndex();
    let best: { docs: Int32Array; more: readonly number[] } | undefined;
    for (const phrase of phrases) {
      const found = pairs.candidates(phrase);
      if (found && (!best || found.docs.length + found.more.length < best.docs.length + best.more.length)) {
        best = found;
      }
    }
    const marked: number[] = [];
    if (!best) {
      // Only one-word phrases, which the plan turns into words: every document may match.
      for (let doc = 0; doc < this.records.length; doc++) marked.push(doc);
    } else {
      for (let j = 0; j < best.docs.length; j++) marked.push(best.docs[j] as number);
      marked.push(...best.more);
    }
    for (const doc of marked) this.phraseCandidates[doc] = 1;
    return marked;
  }

  /** Marks documents holding an excluded phrase as excluded; returns them, for the reset. */
  private markExcludedPhrases(phrases: readonly number[][]): number[] {
    const marked: number[] = [];
    if (phrases.length === 0) return marked;
    const pairs = this.pairIndex();
    for (const phrase of phrases) {
      const anchor = this.rarestWord(phrase);
      const found = pairs.candidates(phrase);
      const check = (doc: number): void => {
        const record = this.records[doc];
        if (record && this.excluded[doc] === 0 && containsPhrase(record.text, phrase, anchor)) {
          this.excluded[doc] = 1;
          marked.push(doc);
        }
      };
      if (!found) continue;
      for (let j = 0; j < found.docs.length; j++) check(found.docs[j] as number);
      for (const doc of found.more) check(doc);
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
    this.fingerprints[doc] = paperFingerprint(paper);
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
   * standing for fifty words counts once), summed over words. Leaves the documents touched in
   * `this.touched` and returns how many there are.
   */
  private accumulate(
    words: readonly Alternative[][],
    requiredFrom = words.length,
    admit: { passing: number; phrases: boolean } = { passing: 0, phrases: false },
  ): number {
    this.refreshNorms();
    const { scores, best, matched, requiredHits, touched, inWord, allowed, excluded, phraseCandidates } =
      this;
    const { passing, phrases } = admit;
    const filtered = passing > 0 || phrases;
    let count = 0;
    for (const [index, alternatives] of words.entries()) {
      // Phrase words come last and are also counted apart: a result must hold every one.
      const required = index >= requiredFrom ? 1 : 0;
      const single = alternatives.length === 1;
      let inWordCount = 0;
      for (const { term, weight } of alternatives) {
        const list = this.postings[term];
        if (!list || list.length === 0) continue;
        const factor = weight * this.idf(term);
        const { docs, weights, length } = list;
        if (single) {
          // One alternative, no best-of to take: straight into the total. The hot loop of search.
          for (let j = 0; j < length; j++) {
            const doc = docs[j] as number;
            if (filtered && !admitted(doc, passing, phrases, allowed, excluded, phraseCandidates)) continue;
            if (matched[doc] === 0) touched[count++] = doc;
            scores[doc] = (scores[doc] as number) + factor * (weights[j] as number);
            matched[doc] = (matched[doc] as number) + 1;
            requiredHits[doc] = (requiredHits[doc] as number) + required;
          }
          continue;
        }
        for (let j = 0; j < length; j++) {
          const doc = docs[j] as number;
          if (filtered && !admitted(doc, passing, phrases, allowed, excluded, phraseCandidates)) continue;
          const score = factor * (weights[j] as number);
          const previous = best[doc] as number;
          if (previous === 0) inWord[inWordCount++] = doc;
          if (score > previous) best[doc] = score;
        }
      }
      for (let i = 0; i < inWordCount; i++) {
        const doc = inWord[i] as number;
        if (matched[doc] === 0) touched[count++] = doc;
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
    (!phrases || phraseCandidates[doc] === 1)
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
