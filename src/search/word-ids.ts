// A document's surface-word ids read straight off its ASCII text, without a string per word: the bulk index build's tokenizer.
import { asciiWordCode, sameLower } from "./ascii-words.js";
import { FIELD_BREAK } from "./doc-record.js";
import type { PairsFirstPass } from "./pair-index.js";
import { tokenize } from "./tokenize.js";
import type { Vocabulary } from "./vocabulary.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range is meant
const ASCII = /^[\x00-\x7f]*$/;

/** The largest block of texts, in ids: 4 MB. */
const MAX_BLOCK = 1 << 20;

/** A character outside ASCII. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range is meant
const OTHER = /[^\x00-\x7f]/g;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Told each paper's word ids as a bulk index build reads them, in the papers' order. */
export interface WordsListener {
  /**
   * Paper `doc`'s ids as `WordIds.text` gave them, `plainTexts` as it left it; `vocabulary` names the
   * ids. The ids are the index's own: read them, never change them. From a build, they are a view into
   * a block on a SharedArrayBuffer, which another thread can be handed without a copy.
   */
  read(doc: number, ids: Int32Array, plainTexts: number, vocabulary: Vocabulary): void;
  /** Every paper was read (the build goes on, with no more words to tell). */
  end(): void;
  /**
   * Set when the listener makes the first pass of the index's pair index from the words (undefined if
   * it could not): the build then leaves the pairs to it (`SearchIndex.takePairs` finishes them).
   */
  readonly pairs?: Promise<PairsFirstPass | undefined>;
}

/**
 * Finds each word's id as `tokenize` then `vocabulary.intern` would, word for word, but on ASCII text
 * it hashes the characters where they lie and looks the hash up in its own table of the words seen:
 * at 100k papers, making 25 million word strings and hashing each again in the vocabulary's map was
 * the largest part of building the index. A word it has not seen yet goes to `intern` (so the ids
 * are the vocabulary's own); text with any other character goes through `tokenize` as before.
 */
export class WordIds {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes = new Int32Array(1 << 12);
  private size = 0;
  private out = new Int32Array(1024);
  private length = 0;
  /**
   * Where the texts handed out live: views into shared blocks. A buffer of its own per text (100,000
   * at 100k papers) cost a second of the build in allocation alone.
   */
  private block: Int32Array = new Int32Array(0);
  private blockUsed = 0;

  /**
   * Of the texts `text` read last, bit f is set when text f was all ASCII and each of its words is one
   * run of letters and digits plus any ".digits" tails: the runs of that text, less the tails' digits
   * (a tail running on into letters, "2.7B", ends the word early: "2.7", "b"; the runs are "2", "7b").
   */
  plainTexts = 0;
  /** Whether a ".digits" tail ran on into letters in the text at hand. */
  private tailRanOn = false;

  /** `shared`: the blocks are SharedArrayBuffers, so the texts can go to another thread without a copy. */
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly shared = false,
  ) {}

  /** The ids of the words of each text in order, FIELD_BREAK between texts. */
  text(fields: readonly string[]): Int32Array {
    this.length = 0;
    this.plainTexts = 0;
    for (let f = 0; f < fields.length; f++) {
      if (f > 0) this.put(FIELD_BREAK);
      const text = fields[f] as string;
      if (ASCII.test(text)) {
        this.tailRanOn = false;
        this.scan(text, 0, text.length);
        if (!this.tailRanOn) this.plainTexts |= 1 << f;
      } else this.mixed(text);
    }
    return this.keep();
  }

  /** The text just read, copied into the current block (a new one, larger up to 4 MB, when it is full). */
  private keep(): Int32Array {
    const { out, length } = this;
    if (this.blockUsed + length > this.block.length) {
      const size = Math.max(length, Math.min(MAX_BLOCK, 2 * this.block.length || 4096));
      this.block = this.shared ? new Int32Array(new SharedArrayBuffer(4 * size)) : new Int32Array(size);
      this.blockUsed = 0;
    }
    const from = this.blockUsed;
    const block = this.block;
    for (let i = 0; i < length; i++) block[from + i] = out[i] as number;
    this.blockUsed = from + length;
    return block.subarray(from, from + length);
  }

  private put(id: number): void {
    if (this.length === this.out.length) {
      const out = new Int32Array(this.out.length * 2);
      out.set(this.out);
      this.out = out;
    }
    this.out[this.length++] = id;
  }

  /**
   * Text with some other character: only the pieces around those characters, between ASCII white
   * space, go through `tokenize`. That is exact: no word spans white space, and neither Unicode
   * decomposition (white space is a starter) nor lower-casing (final sigma's context stops at white
   * space) looks across it. A paper with one "ε" in its abstract no longer tokenizes all of it slowly.
   */
  private mixed(text: string): void {
    const n = text.length;
    let from = 0;
    OTHER.lastIndex = 0;
    for (let other = OTHER.exec(text); other !== null; other = OTHER.exec(text)) {
      let start = other.index;
      while (start > from && !isSpace(text.charCodeAt(start - 1))) start--;
      let end = other.index + 1;
      while (end < n && !isSpace(text.charCodeAt(end))) end++;
      this.scan(text, from, start);
      for (const word of tokenize(text.slice(start, end))) this.put(this.vocabulary.intern(word));
      from = end;
      OTHER.lastIndex = end;
    }
    this.scan(text, from, n);
  }

  /** Runs of letters and digits, each with any ".digits" tails: tokenize's words on ASCII text (from `i` to `n`). */
  private scan(text: string, i: number, n: number): void {
    while (i < n) {
      let code = asciiWordCode(text.charCodeAt(i));
      if (code < 0) {
        i++;
        continue;
      }
      const start = i;
      let hash = 0x811c9dc5;
      while (code >= 0) {
        hash = Math.imul(hash ^ code, 0x01000193);
        i++;
        code = i < n ? asciiWordCode(text.charCodeAt(i)) : -1;
      }
      while (i + 1 < n && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        hash = Math.imul(hash ^ 46, 0x01000193);
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) {
          hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
          i++;
        }
        if (i < n && asciiWordCode(text.charCodeAt(i)) >= 0) this.tailRanOn = true;
      }
      this.put(this.idOf(text, start, i, hash));
    }
  }

  private idOf(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const id = this.slots[at] as number;
      if (id < 0) break;
      if (this.hashes[at] === hash && this.holds(id, text, start, end)) return id;
    }
    const id = this.vocabulary.intern(text.slice(start, end).toLowerCase());
    this.remember(id, hash);
    return id;
  }

  /** Whether surface word `id` is the text's characters from `start` to `end`, lower-cased. */
  private holds(id: number, text: string, start: number, end: number): boolean {
    return sameLower(this.vocabulary.surfaceWord(id), text, start, end);
  }

  private remember(id: number, hash: number): void {
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    let at = hash & mask;
    while ((this.slots[at] as number) >= 0) at = (at + 1) & mask;
    this.slots[at] = id;
    this.hashes[at] = hash;
    this.size++;
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2).fill(-1);
    this.hashes = new Int32Array(slots.length * 2);
    this.size = 0;
    for (let at = 0; at < slots.length; at++) {
      const id = slots[at] as number;
      if (id >= 0) this.remember(id, hashes[at] as number);
    }
  }
}
