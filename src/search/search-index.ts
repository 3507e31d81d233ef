// The search index over all known papers: documents, postings, updates and snapshots (a query's run is query-run.ts).
import type { Paper } from "../papers/paper.js";
import { Abbreviations } from "./abbreviations.js";
import {
  type DocRecord,
  dayNumber,
  FIELD_BREAK,
  fieldTexts,
  packAuthors,
  packCategories,
  packWords,
  recordNames,
  StoredRecord,
  sameText,
  termCounts,
  toRecord,
} from "./doc-record.js";
import { FIELD_B, FIELD_COUNT, FIELD_WEIGHTS, FIELDS, termWeight } from "./fields.js";
import type { KeyedIndexes } from "./filter-levels.js";
import { paperFingerprint } from "./fingerprint.js";
import {
  type FillRange,
  fillInPieces,
  joinPieces,
  PIECE_BYTES,
  type PiecedSection,
  type Typed,
} from "./framed-file.js";
import { grow } from "./grow.js";
import { KeyedDocs, type KeyedSnapshot } from "./keyed-docs.js";
import { PackedRecord } from "./packed-record.js";
import { PairIndex, PairIndexBuilder, type PairSnapshot, type PairsFirstPass } from "./pair-index.js";
import { PostingList } from "./postings.js";
import { parseQuery, type SearchQuery } from "./query.js";
import { type Alternative, planQuery, type QueryPlan } from "./query-plan.js";
import {
  DEFAULT_LIMIT,
  type IndexReader,
  QueryRun,
  type SearchHit,
  type SearchOptions,
  type SearchPage,
} from "./query-run.js";
import { isStopWord } from "./stop-words.js";
import { NO_TERM, Vocabulary, type VocabularySnapshot } from "./vocabulary.js";
import { WARM_UP_QUERIES, warmUpPapers } from "./warm-up.js";
import { WordIds, type WordsListener } from "./word-ids.js";

export type { SearchHit, SearchOptions, SearchPage } from "./query-run.js";
export { DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET } from "./query-run.js";

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
  /** Per document slot, Semantic Scholar's citation count plus one; 0 when unknown. */
  citations: Int32Array;
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
  /** Set when texts and postings are read from the file a range at a time: called before a range is used. */
  fill?: FillRange;
  /** With `fill`: closes the file, once nothing more is read from it. */
  close?: () => void;
}

/**
 * The index as the index file writes it: a snapshot whose texts and postings are pieces of the live
 * index (views into its arrays), not copies. Good only while the index does not change (`changeCount`).
 */
export interface IndexSections
  extends Omit<IndexSnapshot, "texts" | "postingDocs" | "postingCounts" | "postingWeights"> {
  texts: PiecedSection;
  postingDocs: PiecedSection;
  postingCounts: PiecedSection;
  postingWeights: PiecedSection;
}

interface LoadedPostings {
  offsets: Int32Array;
  docs: Int32Array;
  counts: Uint8Array;
  weights: Float32Array;
  fill?: FillRange;
}

let warmedUp = false;

/** How far the corpus size may drift before the average field lengths are recomputed. */
const NORM_DRIFT = 0.05;
/** How many of a paper's most telling terms make up its "more like this" query. */
const SIMILAR_TERMS = 25;

const WEIGHTS = Float64Array.from(FIELDS, (field) => FIELD_WEIGHTS[field]);
const BS = Float64Array.from(FIELDS, (field) => FIELD_B[field]);

export class SearchIndex implements IndexReader {
  private vocabulary = new Vocabulary();
  private postings: (PostingList | undefined)[] = [];
  /** Document slot by paper id: made from the records when first asked (a query never asks). */
  private docOfMap: Map<string, number> | undefined;
  private records: (DocRecord | undefined)[] = [];
  private capacity = 0;
  private dates = new Int32Array(0);
  private upvotes = new Int32Array(0);
  /** Citation count plus one, so an unknown count (0) sorts below a known zero. */
  private citations = new Int32Array(0);
  /** How many papers have a known citation count: sort:cited is refused when none has. */
  private cited = 0;
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
  /** The snapshot the index was loaded from: a StoredRecord's text and strings are still its. */
  private loadedDocs: IndexSnapshot | undefined;
  /** Counts adds, updates and removals: a write from the live index (`toSections`) checks it did not move. */
  private changes = 0;
  /** How often each surface word occurs in the indexed text, so a phrase check starts from its rarest word. */
  private surfaceCounts = new Int32Array(1024);
  /** Built on the first phrase query (or at the end of `build`), then kept up to date. */
  private pairs: PairIndex | undefined;
  private readonly run = new QueryRun(this);
  private readonly abbreviations = new Abbreviations(
    {
      surfaceId: (word) => this.vocabulary.surfaceId(word),
      surfaceWord: (id) => this.vocabulary.surfaceWord(id),
      textsWith: (id, max) => this.textsWith(id, max),
    },
    isStopWord,
  );

  /**
   * `fingerprints`: each paper's `paperFingerprint`, in order, when the caller has them (else worked
   * out here). `listener` is told each paper's words as they are read, unless papers repeat (then it
   * hears nothing, and the pairs are built here).
   */
  static build(papers: Iterable<Paper>, fingerprints?: Uint32Array, listener?: WordsListener): SearchIndex {
    const all = [...papers];
    const index = new SearchIndex();
    const docOf = new Map<string, number>();
    for (let doc = 0; doc < all.length; doc++) docOf.set((all[doc] as Paper).id, doc);
    // A list naming a paper twice means "the later one wins, in the first one's slot": `add` does that.
    const filled = all.length > 0 && docOf.size === all.length;
    if (filled) index.fill(all, docOf, fingerprints, listener);
    else for (const paper of all) index.add(paper);
    if (!(filled && listener?.pairs))
      index.pairs ??= PairIndex.build(index.records.map((record) => record?.text));
    SearchIndex.warmUp();
    return index;
  }

  /**
   * Runs the warm-up queries on this index: a fresh one answers its first queries far slower than later
   * ones (a loaded one makes its common words' postings from the file on first read); paid before
   * anyone asks.
   */
  warmUpQueries(): void {
    for (const query of WARM_UP_QUERIES) this.search(parseQuery(query), { limit: 5, offset: 0 });
  }

  /** Whether the pair index is here (`build` leaves it to a listener that builds it). */
  get hasPairs(): boolean {
    return this.pairs !== undefined;
  }

  /**
   * The pair index whose first pass a `WordsListener` made from this index's words (`build` left the
   * pairs out), finished here and taken as this index's own; without one (the listener could not make
   * it), the index builds its own when a query first needs it.
   */
  takePairs(pass: PairsFirstPass | undefined): void {
    if (pass && pass.texts === this.records.length && !this.pairs)
      this.pairs = PairIndexBuilder.fromFirstPass(pass).finish();
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
   * `fingerprints`: each paper's `paperFingerprint`, in order, when the caller has them.
   */
  static restore(
    snapshot: IndexSnapshot,
    papers: Iterable<Paper>,
    fingerprints?: Uint32Array,
  ): { index: SearchIndex; changed: number } {
    const index = SearchIndex.fromSnapshot(snapshot);
    return { index, changed: index.catchUp(papers, fingerprints) };
  }

  /**
   * `restore`'s second step, for an index just `load`ed (nothing added, updated or removed since): brings
   * it up to date with `papers` and returns how many changed. The search thread loads the file while the
   * main thread is still reading the papers, and catches up once their fingerprints arrive.
   */
  catchUp(papers: Iterable<Paper>, fingerprints?: Uint32Array): number {
    const known = this.records.length;
    const seen = new Uint8Array(known);
    let changed = 0;
    let at = 0;
    for (const paper of papers) {
      const doc = this.docOf.get(paper.id);
      const print = fingerprints?.[at++] ?? paperFingerprint(paper);
      if (doc !== undefined && doc < known) seen[doc] = 1;
      if (doc !== undefined && this.fingerprints[doc] === print) continue;
      changed++;
      this.add(paper);
    }
    for (let doc = 0; doc < known; doc++) {
      const record = this.records[doc];
      if (seen[doc] === 1 || record === undefined) continue;
      changed++;
      this.remove(record.id);
    }
    SearchIndex.warmUp();
    return changed;
  }

  /** The index as plain data, every section its own copy. */
  toSnapshot(): IndexSnapshot {
    const sections = this.toSections();
    return {
      ...sections,
      texts: joinPieces(sections.texts),
      postingDocs: joinPieces(sections.postingDocs),
      postingCounts: joinPieces(sections.postingCounts),
      postingWeights: joinPieces(sections.postingWeights),
    };
  }

  /** How many times papers were added, updated or removed since the index was made. */
  get changeCount(): number {
    return this.changes;
  }

  /**
   * The index as the file writes it, its texts and postings left where they lie (see IndexSections):
   * at 100k papers a copy of them was 370 MB of fresh memory and seconds of a restart.
   */
  toSections(): IndexSections {
    this.refreshNorms();
    const docs = this.records.length;
    const textOffsets = new Int32Array(docs + 1);
    for (let doc = 0; doc < docs; doc++)
      textOffsets[doc + 1] = (textOffsets[doc] as number) + this.textLength(doc);
    const terms = this.postings.length;
    const postingOffsets = new Int32Array(terms + 1);
    for (let term = 0; term < terms; term++) {
      postingOffsets[term + 1] = (postingOffsets[term] as number) + this.df(term);
    }
    const total = postingOffsets[terms] as number;
    const postings = (type: PiecedSection["type"], width: number, part: PostingPart): PiecedSection => ({
      type,
      length: total * width,
      pieces: () => this.postingPieces(part, width),
    });
    return {
      vocabulary: this.vocabulary.toSnapshot(),
      ids: this.records.map((record) => record?.id ?? ""),
      categories: this.packed("categories", (record) => packCategories(record.categories)),
      authors: this.packed("authors", (record) => packAuthors(record.authors)),
      organizations: this.packed("organizations", (record) => packWords(record.organization)),
      byAuthor: this.byAuthor.toSnapshot(),
      byOrg: this.byOrg.toSnapshot(),
      byCategory: this.byCategory.toSnapshot(),
      textOffsets,
      texts: { type: "Int32Array", length: textOffsets[docs] as number, pieces: () => this.textPieces() },
      dates: this.dates.slice(0, docs),
      upvotes: this.upvotes.slice(0, docs),
      citations: this.citations.slice(0, docs),
      lengths: this.lengths.slice(0, docs * FIELD_COUNT),
      norms: this.norms.slice(0, docs * FIELD_COUNT),
      fingerprints: this.fingerprints.slice(0, docs),
      lengthSums: Float64Array.from(this.lengthSums),
      normAverages: Float64Array.from(this.normAverages),
      normLive: this.normLive,
      live: this.live,
      postingOffsets,
      postingDocs: postings("Int32Array", 1, "docs"),
      postingCounts: postings("Uint8Array", FIELD_COUNT, "counts"),
      postingWeights: postings("Float32Array", 1, "weights"),
      surfaceCounts: this.surfaceCounts.slice(0, this.vocabulary.surfaceCount),
      pairs: this.pairs?.toSnapshot(),
    };
  }

  /** Whether the record in `doc` is the loaded file's, as it was: its text and strings lie in `loadedDocs`. */
  private isLoaded(doc: number): boolean {
    return this.loadedDocs !== undefined && this.records[doc] instanceof StoredRecord;
  }

  private textLength(doc: number): number {
    const loaded = this.loadedDocs;
    if (loaded !== undefined && this.isLoaded(doc))
      return (loaded.textOffsets[doc + 1] as number) - (loaded.textOffsets[doc] as number);
    return this.records[doc]?.text.length ?? 0;
  }

  /** Per document, one of its packed strings: a loaded record's as the file had it (not split and joined again). */
  private packed(
    name: "categories" | "authors" | "organizations",
    pack: (record: DocRecord) => string,
  ): string[] {
    const loaded = this.loadedDocs;
    return this.records.map((record, doc) => {
      if (record === undefined) return "";
      if (record instanceof PackedRecord) return record.packed[name];
      return loaded !== undefined && record instanceof StoredRecord
        ? (loaded[name][doc] as string)
        : pack(record);
    });
  }

  /** The documents' texts in order: a run of loaded records as one view of the loaded texts. */
  private *textPieces(): Generator<Int32Array> {
    const docs = this.records.length;
    for (let doc = 0; doc < docs; ) {
      const loaded = this.loadedDocs;
      if (loaded !== undefined && this.isLoaded(doc)) {
        let end = doc + 1;
        while (end < docs && this.isLoaded(end)) end++;
        const from = loaded.textOffsets[doc] as number;
        const to = loaded.textOffsets[end] as number;
        loaded.fill?.(loaded.texts, from, to);
        yield loaded.texts.subarray(from, to);
        doc = end;
        continue;
      }
      const text = this.records[doc]?.text;
      if (text !== undefined && text.length > 0) yield text;
      doc++;
    }
  }

  /**
   * One of the postings' arrays in term order: a run of terms whose postings are still the loaded
   * file's, untouched (no list made of them), as one view of the file's array (both are laid out by
   * term); a restart that rewrites the file would otherwise make a list for each of a million terms.
   */
  private *postingPieces(part: PostingPart, width: number): Generator<Typed> {
    const terms = this.postings.length;
    for (let term = 0; term < terms; ) {
      const untouched = this.untouchedRunEnd(term, terms);
      const loaded = this.loaded;
      if (untouched > term && loaded !== undefined) {
        const from = (loaded.offsets[term] as number) * width;
        const to = (loaded.offsets[untouched] as number) * width;
        loaded.fill?.(loaded[part], from, to);
        if (to > from) yield loaded[part].subarray(from, to);
        term = untouched;
        continue;
      }
      const list = this.postingList(term);
      term++;
      if (list && list.length > 0) yield list[part].subarray(0, list.length * width);
    }
  }

  /**
   * Reads what an index file opened a range at a time (openIndexFileEntry) has not yet given, a piece
   * at a time (a `next()` reads about a megabyte), so a long-running process holds it all, as if it had
   * read the file whole, without having read it before its first answer: the papers' packed names, the
   * texts, the phrase pairs, and the postings of the terms no list was made of. A made list may since
   * have changed in place, so its range is never read again; each piece is checked and read within one
   * step. Then nothing is read from the file any more, and it is closed (a file renamed over it since
   * frees its space). Nothing to do for an index read whole or built.
   */
  *readRest(): Generator<void> {
    const docs = this.loadedDocs;
    if (docs?.fill) {
      // The packed names: a getter reads and splits each list the first time it is read.
      for (const name of ["categories", "authors", "organizations"] as const) {
        void docs[name];
        yield;
      }
      yield* fillInPieces(docs.fill, docs.texts, 0, docs.texts.length);
      docs.fill = undefined;
    }
    const loaded = this.loaded;
    if (loaded?.fill) {
      const { offsets, fill } = loaded;
      const terms = this.postings.length;
      // Postings a piece: a posting is a doc, a weight and a count a field.
      const piece =
        PIECE_BYTES /
        (loaded.docs.BYTES_PER_ELEMENT +
          loaded.weights.BYTES_PER_ELEMENT +
          FIELD_COUNT * loaded.counts.BYTES_PER_ELEMENT);
      for (let term = 0; term < terms; ) {
        const end = this.untouchedRunEnd(term, terms, piece);
        if (end === term) {
          term++;
          continue;
        }
        const from = offsets[term] as number;
        const to = offsets[end] as number;
        fill(loaded.docs, from, to);
        fill(loaded.counts, from * FIELD_COUNT, to * FIELD_COUNT);
        fill(loaded.weights, from, to);
        term = end;
        yield;
      }
    }
    if (this.pairs) yield* this.pairs.readRest();
    if (loaded) loaded.fill = undefined;
    if (docs?.close) {
      if (docs.pairs) docs.pairs.fill = undefined;
      docs.close();
      docs.close = undefined;
    }
  }

  /** The index a snapshot describes, as it is: for a reader that knows the papers have not changed since. */
  static load(snapshot: IndexSnapshot): SearchIndex {
    return SearchIndex.fromSnapshot(snapshot);
  }

  private static fromSnapshot(snapshot: IndexSnapshot): SearchIndex {
    const index = new SearchIndex();
    const docs = snapshot.ids.length;
    index.vocabulary = Vocabulary.fromSnapshot(snapshot.vocabulary);
    index.ensureCapacity(Math.max(docs, 1));
    index.dates.set(snapshot.dates);
    index.upvotes.set(snapshot.upvotes);
    index.citations.set(snapshot.citations);
    for (let doc = 0; doc < docs; doc++)
      if (snapshot.citations[doc] !== 0 && snapshot.ids[doc] !== "") index.cited++;
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
    }
    index.records = records;
    index.loadedDocs = snapshot;
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
      fill: snapshot.fill,
    };
    // Filled, so the array stays a flat one as lists are made in any order (a sparse one turns into a hash table).
    index.postings = new Array<PostingList | undefined>(Math.max(0, postingOffsets.length - 1)).fill(
      undefined,
    );
    if (snapshot.pairs) index.pairs = PairIndex.fromSnapshot(snapshot.pairs);
    return index;
  }

  private get docOf(): Map<string, number> {
    if (this.docOfMap === undefined) {
      this.docOfMap = new Map();
      for (let doc = 0; doc < this.records.length; doc++) {
        const record = this.records[doc];
        if (record) this.docOfMap.set(record.id, doc);
      }
    }
    return this.docOfMap;
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
    this.changes++;
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
    this.changes++;
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
    this.changes++;
    this.withdraw(doc, record);
    this.setCitations(doc, 0);
    this.records[doc] = undefined;
    this.docOf.delete(id);
    this.live--;
  }

  search(query: SearchQuery, options: SearchOptions = {}): SearchPage {
    return this.run.search(query, options);
  }

  plan(query: SearchQuery): QueryPlan {
    return planQuery(
      query,
      this.vocabulary,
      (term) => this.df(term),
      this.live,
      (word) => this.abbreviations.expansionOf(word),
    );
  }

  documents(): readonly (DocRecord | undefined)[] {
    return this.records;
  }

  /** The id of the paper in a document slot, or undefined for an empty one. */
  idAt(doc: number): string | undefined {
    return this.records[doc]?.id;
  }

  publishedDays(): Int32Array {
    return this.dates;
  }

  upvoteCounts(): Int32Array {
    return this.upvotes;
  }

  citationKeys(): Int32Array {
    return this.citations;
  }

  get citedCount(): number {
    return this.cited;
  }

  filterIndexes(): KeyedIndexes {
    return this.keyed;
  }

  /** The phrase pair index, built on first use or rebuilt when too many papers changed since. */
  pairIndex(): PairIndex {
    if (!this.pairs || this.pairs.stale)
      this.pairs = PairIndex.build(this.records.map((record) => record?.text));
    return this.pairs;
  }

  /** Up to `max` texts of papers holding a surface word (or another word of its term). */
  private textsWith(id: number, max: number): Int32Array[] {
    const list = this.postingList(this.vocabulary.termOfSurface(id));
    const texts: Int32Array[] = [];
    if (!list) return texts;
    for (let j = 0; j < list.length && texts.length < max; j++) {
      const text = this.records[list.docs[j] as number]?.text;
      if (text) texts.push(text);
    }
    return texts;
  }

  /** The position in `phrase` of its least frequent word. */
  rarestWord(phrase: readonly number[]): number {
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
    return this.run.similar(doc, words, limit);
  }

  /**
   * Indexes papers into an empty index in two passes, leaving what `add` one paper at a time would
   * after its norms are refreshed (the same postings, counts and weights, bit for bit), in the flat
   * layout an index file loads into. Pass 1 reads each paper's words once and counts each term's
   * documents and each field's length; with every average length known, pass 2 writes each posting
   * once, weighed, into arrays of exact size. Adding 100k papers one at a time grew 300,000 posting
   * lists by doubling, made a map and an array per term per paper, and weighed every posting twice.
   */
  private fill(
    papers: readonly Paper[],
    docOf: Map<string, number>,
    fingerprints?: Uint32Array,
    listener?: WordsListener,
  ): void {
    const docs = papers.length;
    const vocabulary = this.vocabulary;
    this.ensureCapacity(docs);
    this.docOfMap = docOf;
    const records = new Array<DocRecord>(docs);
    let seen = new Int32Array(1024).fill(-1);
    let df = new Int32Array(1024);
    // Shared blocks when a listener is told the words: it may pass them to its thread as they are.
    const words = new WordIds(vocabulary, listener !== undefined);
    for (let doc = 0; doc < docs; doc++) {
      const paper = papers[doc] as Paper;
      const names = recordNames(paper);
      const record = new PackedRecord(paper.id, words.text(fieldTexts(paper)), names);
      records[doc] = record;
      listener?.read(doc, record.text, words.plainTexts, vocabulary);
      if (seen.length < vocabulary.termCount) {
        const size = Math.max(vocabulary.termCount, seen.length * 2);
        seen = grow(seen, size).fill(-1, seen.length);
        df = grow(df, size);
      }
      const text = record.text;
      let field = 0;
      let length = 0;
      for (let i = 0; i <= text.length; i++) {
        const id = i < text.length ? (text[i] as number) : FIELD_BREAK;
        if (id === FIELD_BREAK) {
          const clipped = Math.min(65_535, length);
          this.lengths[doc * FIELD_COUNT + field] = clipped;
          this.lengthSums[field] = (this.lengthSums[field] as number) + clipped;
          field++;
          length = 0;
          continue;
        }
        const term = vocabulary.termOfSurface(id);
        if (term === NO_TERM) continue;
        length++;
        if (seen[term] !== doc) {
          seen[term] = doc;
          df[term] = (df[term] as number) + 1;
        }
        const glued = vocabulary.gluedTermOfSurface(id);
        if (glued !== NO_TERM && glued !== term && seen[glued] !== doc) {
          seen[glued] = doc;
          df[glued] = (df[glued] as number) + 1;
        }
      }
      this.countSurfaces(text, 1);
      // From `names`, not the record: its lists are split again only when something reads them.
      for (const name of names.authors) for (const word of name) this.byAuthor.add(word, doc);
      for (const word of names.organization) this.byOrg.add(word, doc);
      this.keyCategories(doc, names);
      this.setMetadata(doc, paper, fingerprints?.[doc]);
    }
    this.records = records;
    listener?.end();
    // The pairs now, before the postings are allocated: the pair build's scratch (~170 MB at 100k
    // papers) and the postings (~200 MB) are then never held at once, which set a first start's peak.
    // A listener that builds them (on another thread, from the words it was told) hands them over later.
    if (!listener?.pairs) this.pairs = PairIndex.build(records.map((record) => record.text));
    this.live = docs;
    this.abbreviations.forget();
    for (let f = 0; f < FIELD_COUNT; f++) this.normAverages[f] = (this.lengthSums[f] as number) / docs;
    this.normLive = docs;
    for (let doc = 0; doc < docs; doc++) this.computeNorms(doc);

    const terms = vocabulary.termCount;
    const offsets = new Int32Array(terms + 1);
    for (let term = 0; term < terms; term++)
      offsets[term + 1] = (offsets[term] as number) + (df[term] as number);
    const total = offsets[terms] as number;
    const postingDocs = new Int32Array(total);
    const counts = new Uint8Array(total * FIELD_COUNT);
    const weights = new Float32Array(total);
    const next = offsets.slice(0, terms);
    /** Per term, where its posting for the document at hand is (valid while `seen` names that document). */
    const at = new Int32Array(terms);
    seen.fill(-1);
    let touched = new Int32Array(1024);
    let held = 0;
    let doc = 0;
    let field = 0;
    /** Counts one occurrence of `term` in the document and field at hand, making its posting on first sight. */
    const count = (term: number): void => {
      let posting = at[term] as number;
      if (seen[term] !== doc) {
        seen[term] = doc;
        posting = next[term] as number;
        next[term] = posting + 1;
        at[term] = posting;
        postingDocs[posting] = doc;
        touched[held++] = posting;
      }
      const cell = posting * FIELD_COUNT + field;
      if ((counts[cell] as number) < 255) counts[cell] = (counts[cell] as number) + 1;
    };
    for (doc = 0; doc < docs; doc++) {
      const text = (records[doc] as DocRecord).text;
      if (touched.length < 2 * text.length) touched = new Int32Array(2 * text.length);
      held = 0;
      field = 0;
      for (let i = 0; i < text.length; i++) {
        const id = text[i] as number;
        if (id === FIELD_BREAK) {
          field++;
          continue;
        }
        const term = vocabulary.termOfSurface(id);
        if (term === NO_TERM) continue;
        count(term);
        const glued = vocabulary.gluedTermOfSurface(id);
        if (glued !== NO_TERM && glued !== term) count(glued);
      }
      for (let k = 0; k < held; k++) {
        const posting = touched[k] as number;
        weights[posting] = termWeight(counts, posting * FIELD_COUNT, this.norms, doc * FIELD_COUNT);
      }
    }
    this.loaded = { offsets, docs: postingDocs, counts, weights };
    this.postings = new Array<PostingList | undefined>(terms).fill(undefined);
  }

  private insert(doc: number, record: DocRecord, paper: Paper): void {
    this.abbreviations.forget();
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
    this.abbreviations.forget();
    this.countSurfaces(record.text, -1);
    const { counts } = termCounts(record.text, this.vocabulary);
    for (const term of counts.keys()) this.postingList(term)?.remove(doc);
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) - (this.lengths[doc * FIELD_COUNT + f] ?? 0);
      this.lengths[doc * FIELD_COUNT + f] = 0;
      this.norms[doc * FIELD_COUNT + f] = 0;
    }
    for (const name of record.authors) for (const word of name) this.byAuthor.remove(word, doc);
    for (const word of record.organization) this.byOrg.remove(word, doc);
    this.unkeyCategories(doc, record);
  }

  private keyCategories(doc: number, record: Pick<DocRecord, "categories">): void {
    for (const category of record.categories) this.byCategory.add(category, doc);
  }

  private unkeyCategories(doc: number, record: DocRecord): void {
    for (const category of record.categories) this.byCategory.remove(category, doc);
  }

  private setMetadata(doc: number, paper: Paper, fingerprint = paperFingerprint(paper)): void {
    this.fingerprints[doc] = fingerprint;
    this.dates[doc] = dayNumber(paper.published);
    this.upvotes[doc] = paper.upvotes ?? 0;
    const citations = paper.scholar?.citationCount;
    this.setCitations(doc, citations === undefined ? 0 : citations + 1);
  }

  private setCitations(doc: number, key: number): void {
    this.cited += (key !== 0 ? 1 : 0) - (this.citations[doc] !== 0 ? 1 : 0);
    this.citations[doc] = key;
  }

  private postingsOf(term: number): PostingList {
    let list = this.postingList(term);
    if (!list) {
      list = new PostingList();
      this.postings[term] = list;
    }
    return list;
  }

  /** A term's postings, made from the loaded index file on first use. */
  postingList(term: number): PostingList | undefined {
    const list = this.postings[term];
    if (list !== undefined || this.loaded === undefined) return list;
    const { offsets, docs, counts, weights, fill } = this.loaded;
    if (term + 1 >= offsets.length) return undefined;
    const from = offsets[term] as number;
    const to = offsets[term + 1] as number;
    if (from === to) return undefined;
    if (fill) {
      fill(docs, from, to);
      fill(counts, from * FIELD_COUNT, to * FIELD_COUNT);
      fill(weights, from, to);
    }
    const made = PostingList.over(
      docs.subarray(from, to),
      counts.subarray(from * FIELD_COUNT, to * FIELD_COUNT),
      weights.subarray(from, to),
    );
    this.postings[term] = made;
    return made;
  }

  /**
   * Where the run of terms from `term` whose postings are still the loaded file's (no list made of them)
   * ends; `term` when there is none. With `maxPostings`, the run also ends before it would hold that
   * many postings (but holds its first term).
   */
  private untouchedRunEnd(term: number, terms: number, maxPostings = Number.POSITIVE_INFINITY): number {
    const offsets = this.loaded?.offsets;
    if (offsets === undefined) return term;
    const last = Math.min(terms, offsets.length - 1);
    const start = offsets[term] as number;
    let end = term;
    while (
      end < last &&
      this.postings[end] === undefined &&
      (end === term || (offsets[end] as number) - start < maxPostings)
    )
      end++;
    return end;
  }

  /** How many documents hold a term. */
  df(term: number): number {
    const list = this.postings[term];
    if (list !== undefined) return list.length;
    const offsets = this.loaded?.offsets;
    if (offsets === undefined || term + 1 >= offsets.length) return 0;
    return (offsets[term + 1] as number) - (offsets[term] as number);
  }

  idf(term: number): number {
    const df = this.df(term);
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /** A term's weight in a document before idf (see `termWeight` in fields.ts). */
  private termWeight(doc: number, counts: ArrayLike<number>, base: number): number {
    return termWeight(counts, base, this.norms, doc * FIELD_COUNT);
  }

  refreshNorms(): void {
    if (this.live > 0 && Math.abs(this.live - this.normLive) <= this.normLive * NORM_DRIFT) return;
    for (let f = 0; f < FIELD_COUNT; f++)
      this.normAverages[f] = (this.lengthSums[f] as number) / Math.max(1, this.live);
    this.normLive = Math.max(1, this.live);
    for (let doc = 0; doc < this.records.length; doc++) if (this.records[doc]) this.computeNorms(doc);
    const weigh = (doc: number, counts: Uint8Array, base: number): number =>
      this.termWeight(doc, counts, base);
    for (let term = 0; term < this.postings.length; term++) this.postingList(term)?.rescore(weigh);
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

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2, 64);
    this.dates = grow(this.dates, capacity);
    this.upvotes = grow(this.upvotes, capacity);
    this.citations = grow(this.citations, capacity);
    this.fingerprints = grow(this.fingerprints, capacity);
    this.lengths = grow(this.lengths, capacity * FIELD_COUNT);
    this.norms = grow(this.norms, capacity * FIELD_COUNT);
    this.capacity = capacity;
  }
}

type PostingPart = "docs" | "counts" | "weights";
