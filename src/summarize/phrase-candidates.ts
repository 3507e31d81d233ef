// Reads the key phrase candidates of one paper: runs of 1–3 content words between stop words and punctuation.
import { cleanLatex } from "../papers/clean-latex.js";
import { stem } from "./stem.js";
import { GENERIC, STOP_WORDS, WEAK } from "./stop-words.js";

/** A title states the topic in few words, so one title occurrence counts as this many in the abstract. */
export const TITLE_WEIGHT = 3;
const MAX_TOKENS = 4;
const MAX_WORDS = 5;

/** One word, or a hyphenated compound kept whole ("Mixture-of-Experts", "KV-cache"). */
interface Token {
  surface: string;
  /** Lower-case parts of the compound. */
  parts: string[];
  /** The parts' stems, space-separated. */
  key: string;
}

export interface PhraseCandidate {
  /** The stems of the words, space-separated: variants ("KV cache", "KV-caches") share it. */
  key: string;
  /** Title occurrences weighted by TITLE_WEIGHT, plus abstract occurrences. */
  weight: number;
  /** Whether the phrase occurs in the title. */
  inTitle: boolean;
  /** Number of words (compound parts included). */
  words: number;
  /** The surface form seen most often (abstract forms count double, so ties keep the abstract's casing). */
  surface: string;
}

/** Adverbs ("automatically", "nearly") sit between phrases, never in them. */
const ADVERB = /^\p{Ll}*(?:ally|ively|ously|ently|antly|edly|ingly|fully|ately|ibly|ably|tly|sly|rly)$/u;
const TOKEN = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

function readToken(raw: string): Token | null {
  const surface = raw.replace(/['’]s$/i, "");
  const lower = surface.toLowerCase();
  if (surface.length < 2 || STOP_WORDS.has(lower) || ADVERB.test(lower)) return null;
  // Numbers, sizes ("7B", "3.5") and single letters (math variables) are not topics.
  if (/^\p{N}/u.test(surface) || !/\p{L}/u.test(surface)) return null;
  const parts = lower.split(/[-.]/).filter((p) => p !== "");
  if (parts.length === 0) return null;
  return { surface, parts, key: parts.map(stem).join(" ") };
}

/** Words repeat across a corpus; reading each once keeps extraction well under a millisecond a paper. */
const TOKEN_MEMO_LIMIT = 200_000;
const tokenMemo = new Map<string, Token | null>();

function toToken(raw: string, sentenceStart: boolean, lowerTitleCase: boolean): Token | undefined {
  let token = tokenMemo.get(raw);
  if (token === undefined) {
    if (tokenMemo.size >= TOKEN_MEMO_LIMIT) tokenMemo.clear();
    token = readToken(raw);
    tokenMemo.set(raw, token);
  }
  if (token === null) return undefined;
  // "Transformers are…" at a sentence start, or a Title Case title, is not how the word is written.
  if ((sentenceStart || lowerTitleCase) && /^\p{Lu}\p{Ll}+(?:-\p{Ll}+)*$/u.test(token.surface)) {
    return { ...token, surface: token.surface.toLowerCase() };
  }
  return token;
}

/** Runs of tokens with nothing but spaces between them: the text between stop words and punctuation. */
function chunks(text: string, lowerTitleCase: boolean): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  let end = 0;
  const flush = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    const gap = start === end ? "" : text.slice(end, start);
    end = start + match[0].length;
    const spaceOnly = gap === " " || /^\s*$/.test(gap);
    if (!spaceOnly) flush();
    const sentenceStart = start === 0 || (!spaceOnly && /[.!?:]\s*$/.test(gap));
    const token = toToken(match[0], sentenceStart, lowerTitleCase);
    if (token) run.push(token);
    else flush();
  }
  flush();
  return runs;
}

function isAcronym(surface: string): boolean {
  return /^\p{Lu}[\p{Lu}\p{N}]+$/u.test(surface);
}

/** Adjectives and participles name no topic alone ("neural", "supervised"), though phrases hold them. */
const ADJECTIVE = /(?:al|ive|ous|ed|ary|est|less|ful)$/;

/** Whether run[from, to) can stand as a key phrase. */
function acceptable(run: Token[], from: number, to: number): boolean {
  const first = run[from]?.parts[0];
  const last = run[to - 1]?.parts.at(-1);
  if (first === undefined || last === undefined) return false;
  if (GENERIC.has(first) || GENERIC.has(last) || STOP_WORDS.has(first) || STOP_WORDS.has(last)) return false;
  const only = to - from === 1 ? run[from] : undefined;
  if (only && only.parts.length === 1 && !isAcronym(only.surface)) {
    if (WEAK.has(first) || only.surface.length < 3 || ADJECTIVE.test(first)) return false;
  }
  let words = 0;
  for (let i = from; i < to; i++) words += run[i]?.parts.length ?? 0;
  return words <= MAX_WORDS;
}

/** Whether a title is written in Title Case, where capitals say nothing about a word. */
function isTitleCase(title: string): boolean {
  const words = title.match(/\p{L}{4,}/gu) ?? [];
  const capitalized = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return words.length > 0 && capitalized / words.length >= 0.6;
}

function plain(text: string): string {
  return cleanLatex(text).replace(/https?:\/\/\S+|www\.\S+/g, " ");
}

interface Tally extends PhraseCandidate {
  /** Votes per surface form, created only when a second form turns up. */
  surfaces?: Map<string, number>;
  votes: number;
}

function tally(found: Map<string, Tally>, key: string, surface: string, source: Source): void {
  const known = found.get(key);
  if (!known) {
    const words = key.split(" ").length;
    found.set(key, {
      key,
      weight: source.weight,
      inTitle: source.inTitle,
      words,
      surface,
      votes: source.vote,
    });
    return;
  }
  known.weight += source.weight;
  known.inTitle ||= source.inTitle;
  if (known.surface === surface && !known.surfaces) {
    known.votes += source.vote;
    return;
  }
  known.surfaces ??= new Map([[known.surface, known.votes]]);
  const votes = (known.surfaces.get(surface) ?? 0) + source.vote;
  known.surfaces.set(surface, votes);
  if (votes > known.votes) [known.surface, known.votes] = [surface, votes];
}

interface Source {
  text: string;
  weight: number;
  vote: number;
  inTitle: boolean;
  titleCase: boolean;
}

/** The candidates of one paper by key, with their weights and preferred surface forms. */
export function phraseCandidates(title: string, abstract: string): Map<string, PhraseCandidate> {
  const found = new Map<string, Tally>();
  const sources: Source[] = [
    { text: plain(title), weight: TITLE_WEIGHT, vote: 1, inTitle: true, titleCase: isTitleCase(title) },
    // Abstract forms vote double, so a tie keeps the abstract's casing over the title's.
    { text: plain(abstract), weight: 1, vote: 2, inTitle: false, titleCase: false },
  ];
  for (const source of sources) {
    for (const run of chunks(source.text, source.titleCase)) {
      for (let from = 0; from < run.length; from++) {
        let key = "";
        let surface = "";
        for (let to = from; to < Math.min(run.length, from + MAX_TOKENS); to++) {
          const token = run[to] as Token;
          key = to === from ? token.key : `${key} ${token.key}`;
          surface = to === from ? token.surface : `${surface} ${token.surface}`;
          if (acceptable(run, from, to + 1)) tally(found, key, surface, source);
        }
      }
    }
  }
  return found;
}
