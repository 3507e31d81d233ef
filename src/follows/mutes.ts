// Mutes as typed (`vision`, `author:"Jane Roe"`, `cat:cs.CV`) and the check that keeps a muted paper out of a channel's digest and alerts.
import { UserError } from "../errors.js";
import type { Paper } from "../papers/paper.js";
import { categoryMatches } from "../search/doc-record.js";
import { normalize, tokenize } from "../search/tokenize.js";
import type { MuteKind, MuteRecord } from "../store/follow-records.js";
import { type AuthorNames, authorMatches, nameWords } from "./author-names.js";

export const MAX_MUTE_CHARS = 100;
/** Mutes one channel may keep: past this a mute list hides more than it helps. */
export const MAX_MUTES_PER_CHANNEL = 100;

export interface MuteRequest {
  kind: MuteKind;
  key: string;
  /** The value as typed (quotes and prefix dropped). */
  value: string;
}

const MUTE_EXAMPLES = 'For example: mute vision, mute author:"Jane Roe", mute cat:cs.CV.';

/** Reads `mute`/`unmute` arguments; throws a UserError saying what to type for anything else. */
export function parseMute(args: string): MuteRequest {
  if (args.length > MAX_MUTE_CHARS) {
    throw new UserError(
      "mute-too-long",
      `That mute is ${args.length.toLocaleString("en")} characters; a mute holds at most ${MAX_MUTE_CHARS}.`,
      MUTE_EXAMPLES,
    );
  }
  const text = args.trim();
  const filter = /^(author|authors|by|cat|category):\s*(.*)$/i.exec(text);
  const kind: MuteKind = !filter ? "word" : /^cat/i.test(filter[1] as string) ? "cat" : "author";
  const value = unquote(filter ? (filter[2] as string) : text.replace(/^-/, ""));
  if (kind === "cat") {
    if (!/^[A-Za-z][A-Za-z-]*(?:\.[A-Za-z-]+)?$/.test(value)) {
      throw new UserError(
        "bad-category",
        `"cat:${value.slice(0, 30)}" isn't an arXiv category.`,
        "Write it like cat:cs.CV or cat:stat.ML.",
      );
    }
    return { kind, key: value.toLowerCase(), value };
  }
  const words = kind === "author" ? nameWords(value) : tokenize(value);
  if (words.length === 0) {
    throw new UserError("empty-mute", "Mute what? Give a word, an author or a category.", MUTE_EXAMPLES);
  }
  return { kind, key: words.join(" "), value };
}

function unquote(text: string): string {
  return text
    .trim()
    .replace(/^["“”]+|["“”]+$/g, "")
    .trim();
}

/** A mute as lists show it and `unmute` takes it back. */
export function describeMute(mute: Pick<MuteRecord, "kind" | "value">): string {
  if (mute.kind === "word") return mute.value;
  return mute.kind === "author" ? `author:"${mute.value}"` : `cat:${mute.value}`;
}

/** A paper's text for word mutes, kept per paper object (papers are replaced, never changed in place). */
const mutableTexts = new WeakMap<Paper, string>();

function textOf(paper: Paper): string {
  let text = mutableTexts.get(paper);
  if (text === undefined) {
    text = ` ${tokenize(`${paper.title} ${paper.abstract} ${(paper.keyphrases ?? []).join(" ")}`).join(" ")}`;
    mutableTexts.set(paper, text);
  }
  return text;
}

/**
 * Whether a word is in a paper's text as a word or the start of one, as `-word` in `digest on` always
 * matched: "vision" mutes "visions" too.
 */
export function mentionsWord(paper: Paper, key: string): boolean {
  return textOf(paper).includes(` ${normalize(key)}`);
}

/** The first of `mutes` that hides `paper`, or undefined. */
export function mutedBy(
  paper: Paper,
  mutes: readonly MuteRecord[],
  names: AuthorNames,
): MuteRecord | undefined {
  for (const mute of mutes) {
    if (mute.kind === "word" && mentionsWord(paper, mute.key)) return mute;
    if (mute.kind === "cat" && paper.categories.some((c) => categoryMatches(c.toLowerCase(), mute.key)))
      return mute;
    if (mute.kind === "author") {
      const muted = mute.key.split(" ");
      if (paper.authors.some((author) => authorMatches(muted, nameWords(author), names))) return mute;
    }
  }
  return undefined;
}

/** `papers` without the ones `mutes` hide. */
export function withoutMuted<T extends Paper>(
  papers: readonly T[],
  mutes: readonly MuteRecord[],
  names: AuthorNames,
): T[] {
  if (mutes.length === 0) return [...papers];
  return papers.filter((paper) => mutedBy(paper, mutes, names) === undefined);
}
