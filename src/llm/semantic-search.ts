// Search with meaning as well as words: the query's embedding beside BM25, fused by reciprocal rank; plain BM25 whenever the model is slow or absent.
import type { Logger } from "../log.js";
import { parseQuery, type SearchQuery } from "../search/query.js";
import type { SearchHit, SearchPage } from "../search/query-run.js";
import type { PaperEmbeddings } from "./paper-embeddings.js";
import { unit } from "./paper-embeddings.js";
import type { LanguageModel } from "./port.js";

/** How many of each list are fused: the head a reader pages through. */
export const FUSED_DEPTH = 100;
/** Reciprocal rank fusion's damping constant (Cormack et al. 2009): rank 1 and rank 5 stay close. */
export const RRF_K = 60;
/** Longest wait for a query's embedding before the words alone answer. */
export const QUERY_EMBED_TIMEOUT_MS = 2_000;
const QUERY_CACHE_SIZE = 200;

export interface LexicalSearch {
  search(text: string, options: { limit: number; offset: number }): Promise<SearchPage>;
}

export interface SemanticSearch {
  search(text: string, options: { limit: number; offset: number; workspace: string }): Promise<SearchPage>;
}

/** Fuses ranked id lists: each list gives 1 / (k + rank); ties keep the first list's order. */
export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = RRF_K): SearchHit[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, rank) => {
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1));
    });
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

/** The papers nearest a unit query vector, best first, among `allowed` when given. */
export function nearest(
  embeddings: PaperEmbeddings,
  query: Float32Array,
  limit: number,
  allowed?: ReadonlySet<string>,
): string[] {
  const scored: { id: string; score: number }[] = [];
  for (const [id, vector] of embeddings.entries()) {
    if (allowed && !allowed.has(id)) continue;
    if (vector.length !== query.length) continue;
    let dot = 0;
    for (let i = 0; i < vector.length; i++) dot += (vector[i] as number) * (query[i] as number);
    scored.push({ id, score: dot });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.id);
}

/** A query that narrows (a filter, a phrase, an exclusion): the meaning may reorder its matches, never add others. */
function narrows(query: SearchQuery): boolean {
  return (
    query.phrases.length > 0 ||
    query.excludeWords.length > 0 ||
    query.excludePhrases.length > 0 ||
    query.authors.length > 0 ||
    query.orgs.length > 0 ||
    query.categories.length > 0 ||
    query.since !== undefined ||
    query.until !== undefined
  );
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no query embedding within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The words' ranking (BM25, with the query language's filters) fused with the query embedding's
 * nearest papers. A query that narrows is reordered within its word matches only; a plain query may
 * also bring in papers that match in meaning but share no word. Pages past the fused head continue
 * with the words' ranking. Any failure of the query embedding (timeout, budget, server) answers
 * with the words' ranking alone, as without embeddings.
 */
export function createSemanticSearch(deps: {
  lexical: LexicalSearch;
  embeddings: PaperEmbeddings;
  model: LanguageModel;
  log: Logger;
  timeoutMs?: number;
}): SemanticSearch {
  const { lexical, embeddings, model } = deps;
  const log = deps.log.child({ component: "semantic-search" });
  const queryVectors = new Map<string, Float32Array>();

  async function queryVector(text: string, workspace: string): Promise<Float32Array | undefined> {
    const cached = queryVectors.get(text);
    if (cached) return cached;
    if (!model.embed || embeddings.size === 0) return undefined;
    try {
      const [vector] = await withTimeout(
        model.embed(workspace, [text]),
        deps.timeoutMs ?? QUERY_EMBED_TIMEOUT_MS,
      );
      if (!vector || vector.length === 0) return undefined;
      const normalized = unit(vector);
      queryVectors.set(text, normalized);
      if (queryVectors.size > QUERY_CACHE_SIZE)
        queryVectors.delete(queryVectors.keys().next().value as string);
      return normalized;
    } catch (error) {
      log.warn({ err: error }, "no query embedding; searching by words alone");
      return undefined;
    }
  }

  return {
    async search(text, options) {
      // Parsing first: a bad query is the same UserError with or without embeddings.
      const parsed = parseQuery(text);
      // Only words carry meaning; a filter-only or explicitly sorted query is the words' business.
      if (parsed.words.length === 0 || parsed.sort !== undefined) return await lexical.search(text, options);
      const head = await lexical.search(text, { limit: FUSED_DEPTH, offset: 0 });
      const vector = await queryVector(text, options.workspace);
      if (!vector) return await lexical.search(text, options);
      const words = head.hits.map((h) => h.id);
      const meaning = narrows(parsed)
        ? nearest(embeddings, vector, FUSED_DEPTH, new Set(words))
        : nearest(embeddings, vector, FUSED_DEPTH);
      const fused = reciprocalRankFusion([words, meaning]);
      // Past the fused head, the words' ranking continues where the head stopped.
      const rest = Math.max(0, head.total - words.length);
      const total = fused.length + rest;
      const { limit, offset } = options;
      let hits = fused.slice(offset, offset + limit);
      if (hits.length < limit && rest > 0) {
        const seen = new Set(fused.map((h) => h.id));
        const from = words.length + Math.max(0, offset - fused.length);
        const more = (await lexical.search(text, { limit: limit - hits.length, offset: from })).hits;
        hits = [...hits, ...more.filter((h) => !seen.has(h.id))];
      }
      const next = offset + limit;
      return {
        hits,
        total,
        ...(head.totalEstimated ? { totalEstimated: true as const } : {}),
        ...(next < total ? { nextOffset: next } : {}),
      };
    },
  };
}
