// Which new papers a channel's follows match, and why: the pure core the digest, alerts and the weekly digest share.
import type { Paper } from "../papers/paper.js";
import { categoryMatches } from "../search/doc-record.js";
import { parseQuery, type SearchQuery } from "../search/query.js";
import { stem } from "../search/stem.js";
import type { FollowRecord } from "../store/follow-records.js";
import { type AuthorNames, authorMatches } from "./author-names.js";
import { followReason } from "./follow-query.js";
import { PaperBatch, type PaperFacts } from "./paper-batch.js";

/** A paper and the follows it matched, in the order the follows were given. */
export interface FollowedMatch {
  paper: Paper;
  follows: FollowRecord[];
  /** "follows: author Tri Dao" (several follows joined by " · "). */
  reason: string;
}

/** A follow's query parsed once, with the terms that pick its candidates. */
interface CompiledFollow {
  query: SearchQuery;
  /** Alternatives for the most selective requirement: a paper must hold one of them to be checked. */
  anchor: { kind: "terms"; terms: string[] } | { kind: "categories"; categories: string[] };
}

/** Compiled queries by query text: a follow is parsed once, not once per batch or channel. */
const compiled = new Map<string, CompiledFollow>();
const COMPILED_LIMIT = 50_000;

function compile(text: string): CompiledFollow {
  const known = compiled.get(text);
  if (known) return known;
  const query = parseQuery(text);
  const anchorWord =
    query.authors[0]?.at(-1) ??
    query.orgs[0]?.[0] ??
    query.phrases[0]?.reduce((a, b) => (b.length > a.length ? b : a)) ??
    query.words.reduce<string | undefined>((a, b) => (!a || b.length > a.length ? b : a), undefined);
  const follow: CompiledFollow = {
    query,
    anchor:
      anchorWord !== undefined
        ? { kind: "terms", terms: [...new Set([anchorWord, stem(anchorWord)])] }
        : { kind: "categories", categories: query.categories },
  };
  if (compiled.size >= COMPILED_LIMIT) compiled.clear();
  compiled.set(text, follow);
  return follow;
}

function hasWord(facts: PaperFacts, word: string): boolean {
  return facts.terms.has(word) || facts.terms.has(stem(word));
}

function hasPhrase(facts: PaperFacts, phrase: readonly string[]): boolean {
  return facts.fields.some((field) => {
    for (let at = 0; at + phrase.length <= field.length; at++) {
      let k = 0;
      while (k < phrase.length && field[at + k] === phrase[k]) k++;
      if (k === phrase.length) return true;
    }
    return false;
  });
}

/** Whether one paper meets a follow's query, by the search language's rules (every word, phrase and filter). */
function meets(query: SearchQuery, facts: PaperFacts, names: AuthorNames): boolean {
  const published = facts.paper.published;
  if (query.since && (!published || published < query.since)) return false;
  if (query.until && (!published || published > query.until)) return false;
  if (
    query.categories.length > 0 &&
    !facts.categories.some((c) => query.categories.some((wanted) => categoryMatches(c, wanted)))
  )
    return false;
  for (const name of query.authors)
    if (!facts.authors.some((author) => authorMatches(name, author, names))) return false;
  for (const org of query.orgs) if (!org.every((word) => facts.organization.includes(word))) return false;
  for (const word of query.words) if (!hasWord(facts, word)) return false;
  for (const phrase of query.phrases) if (!hasPhrase(facts, phrase)) return false;
  for (const word of query.excludeWords) if (hasWord(facts, word)) return false;
  for (const phrase of query.excludePhrases) if (hasPhrase(facts, phrase)) return false;
  return true;
}

/** Calls `visit` once for each paper slot that may meet the follow: those holding its anchor. */
function forEachCandidate(follow: CompiledFollow, batch: PaperBatch, visit: (slot: number) => void): void {
  const { anchor } = follow;
  if (anchor.kind === "terms") {
    const [word, stemmed] = anchor.terms;
    const first = batch.withTerm(word as string);
    for (const slot of first) visit(slot);
    if (stemmed === undefined) return;
    // A paper holding both the word and its stem is visited once.
    const seen = new Set(first);
    for (const slot of batch.withTerm(stemmed)) if (!seen.has(slot)) visit(slot);
    return;
  }
  const slots = new Set<number>();
  for (const [category, papers] of batch.categories())
    if (anchor.categories.some((wanted) => categoryMatches(category, wanted)))
      for (const slot of papers) slots.add(slot);
  for (const slot of slots) visit(slot);
}

/**
 * The slots of the batch's papers that meet a query, remembered per batch: many channels follow the same
 * author or topic, and each query is checked against a batch once however many channels follow it.
 */
const metByBatch = new WeakMap<PaperBatch, { names: AuthorNames; slots: Map<string, readonly number[]> }>();

function slotsMeeting(text: string, batch: PaperBatch, names: AuthorNames): readonly number[] {
  let memo = metByBatch.get(batch);
  if (!memo || memo.names !== names) {
    memo = { names, slots: new Map() };
    metByBatch.set(batch, memo);
  }
  const known = memo.slots.get(text);
  if (known) return known;
  const slots: number[] = [];
  try {
    const follow = compile(text);
    forEachCandidate(follow, batch, (slot) => {
      if (meets(follow.query, batch.facts[slot] as PaperFacts, names)) slots.push(slot);
    });
  } catch {
    // A query that no longer parses (the language changed) matches nothing rather than stopping the others.
  }
  memo.slots.set(text, slots);
  return slots;
}

/** Descriptions by query text: a reason is written for every match, the description once per follow. */
const descriptions = new Map<string, string>();

function reasonFor(follows: readonly FollowRecord[]): string {
  const described = follows.map((follow) => {
    let text = descriptions.get(follow.query);
    if (text === undefined) {
      if (descriptions.size >= COMPILED_LIMIT) descriptions.clear();
      text = followReason([follow.query]).slice("follows: ".length);
      descriptions.set(follow.query, text);
    }
    return text;
  });
  return `follows: ${described.join(" · ")}`;
}

/**
 * The papers of `papers` that `follows` match, each once with every follow it matched, in the order of
 * `papers`. `names` is the corpus's author names (for "T. Dao" = "Tri Dao"). A follow whose query no
 * longer parses (the language changed) matches nothing rather than stopping the others.
 */
export function followedMatches(
  follows: readonly FollowRecord[],
  papers: readonly Paper[] | PaperBatch,
  names: AuthorNames,
): FollowedMatch[] {
  if (follows.length === 0) return [];
  const batch = papers instanceof PaperBatch ? papers : new PaperBatch(papers);
  const matched: (FollowRecord[] | undefined)[] = [];
  for (const follow of follows) {
    for (const slot of slotsMeeting(follow.query, batch, names)) {
      const list = matched[slot];
      if (list) list.push(follow);
      else matched[slot] = [follow];
    }
  }
  const out: FollowedMatch[] = [];
  matched.forEach((list, slot) => {
    if (list)
      out.push({ paper: (batch.facts[slot] as PaperFacts).paper, follows: list, reason: reasonFor(list) });
  });
  return out;
}
