// A paper's content as named features: words and word pairs of title and abstract, key phrases, authors, organisation, categories.
import type { Paper } from "../papers/paper.js";
import { asciiWordCode, sameLower } from "./ascii-words.js";
import { grow } from "./grow.js";

/** English function words and the filler of abstracts: they say nothing about a paper's subject. */
const STOP = new Set(
  `a about above across after again against all almost also although am among an and another any are as at
be because been before being below between both but by can could did do does doing down during each either
et al etc few for from further had has have having he her here how however i if in into is it its itself just
may me might more most much must my no nor not of off on once one only or other our ours out over own per same
she should since so some such than that the their them then there these they this those though through thus
to too under until up upon very via was we were what when where whereas whether which while who whom why will
with within without would yet you your new novel propose proposed proposes present presents paper show shows
shown approach approaches method methods result results use used using based introduce introduces work
achieve achieves existing also significantly demonstrate demonstrates experiments extensive state art
performance improve improves improved`.split(/\s+/),
);

/** Folds plural and verb endings so "merging", "merged" and "merge" meet; cheap, and the same everywhere. */
export function fold(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ings|ing|ies|es|ed|s)$/, "").slice(0, 16);
}

/** The content words of a text, in order, folded (stop words and single characters dropped). */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOP.has(raw) || /^\d+$/.test(raw)) continue;
    words.push(fold(raw));
  }
  return words;
}

/** Feature slots: 2^20 of them, see paper-vectors.ts. */
export const SLOT_BITS = 20;
const MASK = (1 << SLOT_BITS) - 1;

/** FNV-1a of a string, 32 bits. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A slot from a hash and the feature's kind, so a word and a pair with equal hashes still differ. */
function slot(hash: number, kind: number): number {
  let h = Math.imul(hash ^ (kind * 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) & MASK;
}

const WORD = 1;
const PAIR = 2;
const PHRASE = 3;
const AUTHOR = 4;
const ORG = 5;
const CATEGORY = 6;

/**
 * Folding and hashing a word costs more than everything else in a paper's features, and the same
 * words recur across papers: each distinct lower-case token is folded and hashed once (0 = stop word).
 */
const tokenHashes = new Map<string, number>();

/** Past this many distinct tokens the memos start over rather than grow without bound. */
const MEMO_LIMIT = 2_000_000;

function tokenHash(raw: string): number {
  let hash = tokenHashes.get(raw);
  if (hash === undefined) {
    if (tokenHashes.size > MEMO_LIMIT) tokenHashes.clear();
    hash = foldedHash(raw);
    tokenHashes.set(raw, hash);
  }
  return hash;
}

function foldedHash(raw: string): number {
  if (raw.length < 2 || STOP.has(raw) || /^\d+$/.test(raw)) return 0;
  return hashString(fold(raw)) || 1;
}

/**
 * `tokenHash` for tokens of ASCII text read where they lie: a token's characters are hashed in place
 * and looked up in a table of the tokens seen, so no string is made per token (at 100k papers, making
 * and hashing 40 million token strings was the largest part of building the vectors).
 */
class TokenTable {
  private slots = new Int32Array(1 << 14).fill(-1);
  private charHashes = new Int32Array(1 << 14);
  private raws: string[] = [];
  private hashes: number[] = [];

  /** The folded hash of `text`'s characters from `start` to `end`, lower-cased; `charHash` is their FNV-1a. */
  hashOf(text: string, start: number, end: number, charHash: number): number {
    const mask = this.slots.length - 1;
    let at = charHash & mask;
    for (; ; at = (at + 1) & mask) {
      const entry = this.slots[at] as number;
      if (entry < 0) break;
      if (this.charHashes[at] === charHash && sameLower(this.raws[entry] as string, text, start, end))
        return this.hashes[entry] as number;
    }
    const raw = text.slice(start, end).toLowerCase();
    const hash = foldedHash(raw);
    if (this.raws.length >= MEMO_LIMIT) this.clear();
    else if (2 * (this.raws.length + 1) > this.slots.length) this.grow();
    this.place(this.raws.length, charHash);
    this.raws.push(raw);
    this.hashes.push(hash);
    return hash;
  }

  private place(entry: number, charHash: number): void {
    const mask = this.slots.length - 1;
    let at = charHash & mask;
    while ((this.slots[at] as number) >= 0) at = (at + 1) & mask;
    this.slots[at] = entry;
    this.charHashes[at] = charHash;
  }

  private grow(): void {
    const { slots, charHashes } = this;
    this.slots = new Int32Array(slots.length * 2).fill(-1);
    this.charHashes = new Int32Array(slots.length * 2);
    for (let at = 0; at < slots.length; at++)
      if ((slots[at] as number) >= 0) this.place(slots[at] as number, charHashes[at] as number);
  }

  private clear(): void {
    this.slots.fill(-1);
    this.raws = [];
    this.hashes = [];
  }
}

const tokenTable = new TokenTable();

/** Calls `visit` with the folded hash of each token of ASCII `text`, as splitting its lower case on [^a-z0-9]+ gives them. */
function asciiTokenHashes(text: string, visit: (hash: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let code = asciiWordCode(text.charCodeAt(i));
    if (code < 0) {
      i++;
      continue;
    }
    const start = i;
    let charHash = 0x811c9dc5;
    while (code >= 0) {
      charHash = Math.imul(charHash ^ code, 0x01000193);
      i++;
      code = i < n ? asciiWordCode(text.charCodeAt(i)) : -1;
    }
    visit(tokenTable.hashOf(text, start, i, charHash));
  }
}

/** A text's lower-case tokens, as strings (none empty). */
function splitTokens(value: string): string[] {
  const lower = value.toLowerCase();
  // Most paper text is ASCII, and the ASCII pattern splits several times faster than the Unicode one.
  const tokens = !/[^\x20-\x7e\t\n\r]/.test(lower)
    ? lower.split(/[^a-z0-9]+/)
    : lower.split(/[^\p{L}\p{N}]+/u);
  return tokens.filter((raw) => raw !== "");
}

/**
 * Calls `visit` with the folded hash of each of a text's tokens that counts (stop words, single
 * characters and numbers leave no hash): read in place on printable ASCII, split into strings otherwise.
 */
function textTokenHashes(value: string, visit: (hash: number) => void): void {
  if (!/[^\x20-\x7e\t\n\r]/.test(value)) {
    asciiTokenHashes(value, (hash) => {
      if (hash !== 0) visit(hash);
    });
    return;
  }
  for (const raw of splitTokens(value)) {
    const hash = tokenHash(raw);
    if (hash !== 0) visit(hash);
  }
}

/**
 * The folded hash a surface word of the search index (word-ids.ts) stands for as a token here, 0 for
 * none: the index keeps a word's ".digits" tails ("v2.0", "9.5") where tokens here stop at the dot, and
 * what follows a dot is all digits, which is never a token. So on ASCII text the index's words, mapped
 * by this, are this file's tokens in order, less only tokens that count for nothing.
 */
export function surfaceTokenHash(surface: string): number {
  const dot = surface.indexOf(".");
  return foldedHash(dot < 0 ? surface : surface.slice(0, dot));
}

/** A paper's title and abstract as the search index read them: ids[titleStart … titleEnd] and ids[abstractStart … abstractEnd]. */
export interface TextWords {
  ids: Int32Array;
  titleStart: number;
  titleEnd: number;
  abstractStart: number;
  abstractEnd: number;
}

/** What a paper's vector is made from. */
export type PaperContent = Pick<
  Paper,
  "id" | "title" | "abstract" | "keyphrases" | "authors" | "organization" | "categories"
>;

/** Where a paper's features are summed: each occurrence's slot and weight, in text order. */
interface SlotSink {
  add(slot: number, weight: number): void;
}

/** The feature slots of a paper with their weighted counts; with `names`, each slot's readable feature too. */
export function paperSlots(paper: PaperContent, names?: Map<number, string>): Map<number, number> {
  const out = new Map<number, number>();
  collectSlots(paper, { add: (s, weight) => out.set(s, (out.get(s) ?? 0) + weight) }, names);
  return out;
}

/**
 * A paper's slot counts as `paperSlots` gives them (the same sums, the slots in the same first-seen
 * order) in arrays reused from paper to paper: at 100k papers, a Map per paper and its ~400 entries
 * were much of the vectors' build and its garbage.
 */
export class SlotCounts implements SlotSink {
  /** Per slot, its weighted count (0 when the paper lacks it: every weight is positive). */
  readonly sums = new Float64Array(1 << SLOT_BITS);
  /** The paper's slots, first seen first. */
  slots = new Uint32Array(1024);
  size = 0;

  /** Counts `paper`'s features, forgetting the previous paper's. */
  count(paper: Omit<PaperContent, "id">): this {
    this.reset();
    collectSlots(paper, this);
    return this;
  }

  /** Forgets the paper counted last. */
  reset(): void {
    for (let i = 0; i < this.size; i++) this.sums[this.slots[i] as number] = 0;
    this.size = 0;
  }

  add(slot: number, weight: number): void {
    if (this.sums[slot] === 0) {
      if (this.size === this.slots.length) {
        const slots = new Uint32Array(this.size * 2);
        slots.set(this.slots);
        this.slots = slots;
      }
      this.slots[this.size++] = slot;
    }
    this.sums[slot] = (this.sums[slot] as number) + weight;
  }
}

/**
 * Papers' features read but not yet counted, for a build that counts each paper twice (the document
 * frequencies' sample, then its row) and reads papers as they arrive: per paper, its title's and its
 * abstract's token hashes in order (tokens that count for nothing left out: they never touch a sum or
 * break a pair) and its other features' slots and weights, in flat arrays. Counting paper i from them
 * (`count`) gives `SlotCounts.count`'s sums in its order without reading any text again.
 */
export class PaperTokens {
  private hashes = new Int32Array(1 << 16);
  private hashCount = 0;
  private otherSlots = new Uint32Array(1 << 12);
  private otherWeights = new Float64Array(1 << 12);
  private otherCount = 0;
  /** Per paper, three ends: of its title's hashes, of its abstract's, of its other features (each starts where the last paper's ended). */
  private ends = new Uint32Array(3 * 1024);
  size = 0;

  /** Reads a paper's features from its text. */
  addText(paper: Omit<PaperContent, "id">): void {
    this.pushText(paper.title);
    const titleEnd = this.hashCount;
    this.pushText(paper.abstract);
    this.close(titleEnd, paper);
  }

  /**
   * Reads a paper's features with its title and abstract taken from `words`, the search index's
   * surface-word ids of them (word-ids.ts, for text it read as plain words): `tokenHashes[id]` is
   * `surfaceTokenHash` of word `id`.
   */
  addWords(paper: OtherContent, words: TextWords, tokenHashes: Int32Array): void {
    const { ids, titleStart, titleEnd, abstractStart, abstractEnd } = words;
    this.reserveHashes(titleEnd - titleStart + abstractEnd - abstractStart);
    for (let i = titleStart; i < titleEnd; i++) this.pushHash(tokenHashes[ids[i] as number] as number);
    const titleHashesEnd = this.hashCount;
    for (let i = abstractStart; i < abstractEnd; i++) this.pushHash(tokenHashes[ids[i] as number] as number);
    this.close(titleHashesEnd, paper);
  }

  /** Counts paper `i`'s features into `counts`, forgetting the paper counted there before. */
  count(i: number, counts: SlotCounts): SlotCounts {
    counts.reset();
    const { hashes, ends } = this;
    const start = i === 0 ? 0 : (ends[3 * i - 2] as number);
    const titleEnd = ends[3 * i] as number;
    const abstractEnd = ends[3 * i + 1] as number;
    hashSlots(hashes, start, titleEnd, FIELD_WEIGHTS.title, counts);
    hashSlots(hashes, titleEnd, abstractEnd, FIELD_WEIGHTS.abstract, counts);
    const otherEnd = ends[3 * i + 2] as number;
    for (let k = i === 0 ? 0 : (ends[3 * i - 1] as number); k < otherEnd; k++)
      counts.add(this.otherSlots[k] as number, this.otherWeights[k] as number);
    return counts;
  }

  private pushText(value: string): void {
    textTokenHashes(value, (hash) => this.pushHash(hash));
  }

  private pushHash(hash: number): void {
    if (hash === 0) return;
    if (this.hashCount === this.hashes.length) this.reserveHashes(1);
    this.hashes[this.hashCount++] = hash;
  }

  private reserveHashes(more: number): void {
    if (this.hashCount + more <= this.hashes.length) return;
    this.hashes = grow(this.hashes, Math.max(2 * this.hashes.length, this.hashCount + more));
  }

  /** Ends the paper being read: its title's hashes ended at `titleEnd`, its abstract's here; then its other features. */
  private close(titleEnd: number, paper: OtherContent): void {
    collectOtherSlots(
      paper,
      {
        add: (slot, weight) => {
          if (this.otherCount === this.otherSlots.length) {
            this.otherSlots = grow(this.otherSlots, 2 * this.otherSlots.length);
            this.otherWeights = grow(this.otherWeights, 2 * this.otherWeights.length);
          }
          this.otherSlots[this.otherCount] = slot;
          this.otherWeights[this.otherCount++] = weight;
        },
      },
      () => {},
    );
    if (3 * this.size + 3 > this.ends.length) this.ends = grow(this.ends, 2 * this.ends.length);
    this.ends[3 * this.size] = titleEnd;
    this.ends[3 * this.size + 1] = this.hashCount;
    this.ends[3 * this.size + 2] = this.otherCount;
    this.size++;
  }
}

/** The word and word-pair slots of one text from its token hashes: the loop of `collectSlots`' text. */
function hashSlots(hashes: Int32Array, from: number, to: number, weight: number, sink: SlotSink): void {
  let previous = 0;
  for (let i = from; i < to; i++) {
    const hash = hashes[i] as number;
    sink.add(slot(hash, WORD), weight);
    if (previous !== 0) sink.add(slot(Math.imul(previous, 0x01000193) ^ hash, PAIR), weight);
    previous = hash;
  }
}

function collectSlots(paper: Omit<PaperContent, "id">, sink: SlotSink, names?: Map<number, string>): void {
  // Names are made only when asked for: a closure per feature was a large part of building 100k vectors.
  const name = (s: number, text: string) => {
    if (names && !names.has(s)) names.set(s, text);
  };
  const text = (value: string, weight: number) => {
    let previous = 0;
    let previousWord = "";
    if (!names) {
      textTokenHashes(value, (hash) => {
        sink.add(slot(hash, WORD), weight);
        if (previous !== 0) sink.add(slot(Math.imul(previous, 0x01000193) ^ hash, PAIR), weight);
        previous = hash;
      });
      return;
    }
    for (const raw of splitTokens(value)) {
      const hash = tokenHash(raw);
      if (hash === 0) continue;
      const word = fold(raw);
      const wordSlot = slot(hash, WORD);
      sink.add(wordSlot, weight);
      name(wordSlot, `w:${word}`);
      if (previous !== 0) {
        const pairSlot = slot(Math.imul(previous, 0x01000193) ^ hash, PAIR);
        sink.add(pairSlot, weight);
        name(pairSlot, `b:${previousWord} ${word}`);
      }
      previous = hash;
      previousWord = word;
    }
  };
  text(paper.title, FIELD_WEIGHTS.title);
  text(paper.abstract, FIELD_WEIGHTS.abstract);
  collectOtherSlots(paper, sink, name);
}

/** What a paper's features are made of besides its title and abstract. */
export type OtherContent = Pick<PaperContent, "keyphrases" | "authors" | "organization" | "categories">;

function collectOtherSlots(
  paper: OtherContent,
  sink: SlotSink,
  name: (s: number, text: string) => void,
): void {
  for (const phrase of paper.keyphrases ?? []) {
    const folded = contentWords(phrase).join(" ");
    if (!folded) continue;
    const s = slot(hashString(folded), PHRASE);
    sink.add(s, FIELD_WEIGHTS.keyphrase);
    name(s, `k:${folded}`);
  }
  for (const author of paper.authors) {
    const lower = author.toLowerCase().trim();
    if (!lower) continue;
    const s = slot(hashString(lower), AUTHOR);
    sink.add(s, FIELD_WEIGHTS.author);
    name(s, `a:${lower}`);
  }
  if (paper.organization) {
    const org = paper.organization.toLowerCase();
    const s = slot(hashString(org), ORG);
    sink.add(s, FIELD_WEIGHTS.organization);
    name(s, `o:${org}`);
  }
  for (const category of paper.categories) {
    const s = slot(hashString(category), CATEGORY);
    sink.add(s, FIELD_WEIGHTS.category);
    name(s, `c:${category}`);
  }
}

/** How much one occurrence counts, by where it is: a title says what a paper is about better than its abstract. */
export const FIELD_WEIGHTS = {
  title: 3,
  abstract: 1,
  keyphrase: 2,
  author: 1,
  organization: 1,
  category: 0.5,
};
