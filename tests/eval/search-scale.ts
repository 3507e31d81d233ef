// Search quality among many papers: the seeds inside a generated corpus, paperbot beside MiniSearch in the same run.
import { readFileSync } from "node:fs";
import MiniSearch from "minisearch";
import { generateCorpus } from "../../bench/corpus.js";
import { freeText } from "../../bench/queries.js";
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { summarizedSeedPapers } from "../helpers/core.js";
import { CUTOFF } from "./search-eval.js";
import { allStyledQueries, isHeldOut, type QueryStyle, type StyledQuery } from "./search-styled-queries.js";

export const STYLES: readonly QueryStyle[] = ["plain", "hard", "concept"];
export type Half = "held-out" | "tuning";

/** A search system under evaluation: its first page for a query (timed), and as deep a ranking as asked. */
export interface System {
  name: string;
  top(query: string): string[];
  ranking(query: string, depth: number): string[];
}

export interface Figures {
  queries: number;
  mrr: number;
  recall: number;
}

export interface SystemResult {
  name: string;
  /** Per half, per style, with the wanted paper's copies set aside (see `rankAmong`). */
  figures: Record<Half, Record<QueryStyle, Figures>>;
  /** The same, ranked as the system returned them, copies included. */
  strict: Record<Half, Record<QueryStyle, Figures>>;
  p50: number;
  p99: number;
  buildMs: number;
  /** Per query, the 1-based rank of the paper it wants, copies set aside (0: not in the first CUTOFF). */
  ranks: Map<StyledQuery, number>;
}

/** How deep a ranking is read to set a seed's copies aside: at 100k a popular seed has ~2,000 of them. */
const DEPTH = 5_000;

/** The corpus: the seed papers (as stored after ingest) among generated ones, `size` papers in all. */
export function scaleCorpus(size: number): Paper[] {
  const seeds = summarizedSeedPapers();
  return [...generateCorpus(Math.max(0, size - seeds.length)), ...seeds];
}

/** paperbot as the chat calls it in-process: the query language parsed, the first page of relevance order. */
export function paperbotSystem(papers: readonly Paper[]): System {
  const index = SearchIndex.build(papers);
  const search = {
    search: (text: string, options: { limit: number; offset: number }) =>
      index.search(parseQuery(text), options),
  };
  return {
    name: "paperbot",
    top: (query) => search.search(query, { limit: CUTOFF, offset: 0 }).hits.map((hit) => hit.id),
    ranking(query, depth) {
      const ids: string[] = [];
      for (let offset = 0; offset < depth; offset += 100) {
        const page = search.search(query, { limit: 100, offset });
        ids.push(...page.hits.map((hit) => hit.id));
        if (page.nextOffset === undefined) break;
      }
      return ids;
    },
  };
}

/**
 * MiniSearch 7 set up the way a careful user would: title (boosted ×2) and abstract, prefix search on
 * the last word only, fuzzy matching (0.2) on words of 5+ letters; the query's free words, no filters.
 */
export function miniSearchSystem(papers: readonly Paper[]): System {
  const index = new MiniSearch<{ id: string; title: string; abstract: string }>({
    fields: ["title", "abstract"],
    searchOptions: {
      boost: { title: 2 },
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    },
  });
  index.addAll(papers.map(({ id, title, abstract }) => ({ id, title, abstract })));
  // MiniSearch ranks every match whatever page is asked for, so the deep ranking that follows a
  // timed first page reuses that page's search instead of repeating it (seconds a query at 100k).
  let last = { query: "", ids: [] as string[] };
  const search = (query: string): string[] => {
    if (query !== last.query)
      last = { query, ids: index.search(freeText(query)).map((hit) => String(hit.id)) };
    return last.ids;
  };
  return {
    name: "MiniSearch 7",
    top(query) {
      last = { query: "", ids: [] };
      return search(query).slice(0, CUTOFF);
    },
    ranking: (query, depth) => search(query).slice(0, depth),
  };
}

/** Everything MiniSearch's figures depend on besides the corpus and queries, as text: the baseline cache's key. */
export function miniSearchSetup(): string {
  const version = (
    JSON.parse(
      readFileSync(new URL("../../node_modules/minisearch/package.json", import.meta.url), "utf8"),
    ) as { version: string }
  ).version;
  return [
    `minisearch ${version}`,
    `depth ${DEPTH} cutoff ${CUTOFF}`,
    ...[miniSearchSystem, freeText, measureSystem, copiesOf, rankAmong].map(String),
  ].join("\n");
}

/**
 * The generator writes each seed's whole title (or its first four words) into the titles of the
 * papers it makes from that seed, with the seed's own sentences as their abstracts: N/161 papers per
 * seed on average, thousands for a popular one at 100k. Those are copies, not distractors, and any
 * order among them is a coin toss, so the headline figures set them aside: the wanted paper's rank
 * counts only papers that are not its copies. `strict` keeps them in, for reference.
 */
export function copiesOf(title: string, papers: readonly Paper[]): Set<string> {
  const colon = title.indexOf(": ");
  const tail = colon > 0 && colon < 40 ? title.slice(colon + 2) : title;
  const start = tail.split(" ").slice(0, 4).join(" ").toLowerCase();
  return new Set(
    papers
      .filter((paper) => paper.title !== title && paper.title.toLowerCase().includes(start))
      .map((paper) => paper.id),
  );
}

/** The 1-based rank of `wanted` among the papers of `ids` not in `skip`, 0 when not within CUTOFF. */
export function rankAmong(ids: readonly string[], wanted: string, skip: ReadonlySet<string>): number {
  let rank = 0;
  for (const id of ids) {
    if (skip.has(id)) continue;
    rank++;
    if (id === wanted) return rank;
    if (rank >= CUTOFF) return 0;
  }
  return 0;
}

/** What one query came to: the wanted paper's rank with its copies set aside, as returned, and the timed first page. */
export interface QueryOutcome {
  rank: number;
  strictRank: number;
  ms: number;
}

/** A system's raw measurements, one outcome per query in the order asked: what the baseline cache stores. */
export interface Measured {
  name: string;
  buildMs: number;
  outcomes: QueryOutcome[];
}

/** Runs every query through a system twice (the first pass warms it up), timing the second pass's first pages. */
export function measureSystem(
  build: () => System,
  papers: readonly Paper[],
  queries: readonly StyledQuery[] = allStyledQueries(),
): Measured {
  const idOf = new Map(papers.map((paper) => [paper.title, paper.id]));
  const copies = new Map<string, Set<string>>();
  let started = performance.now();
  const system = build();
  const buildMs = performance.now() - started;
  for (const { query } of queries) system.top(query);
  const outcomes = queries.map((query): QueryOutcome => {
    const wanted = idOf.get(query.title);
    if (wanted === undefined) throw new Error(`No seed paper titled "${query.title}"`);
    started = performance.now();
    const first = system.top(query.query);
    const ms = performance.now() - started;
    let skip = copies.get(query.title);
    if (!skip) {
      skip = copiesOf(query.title, papers);
      copies.set(query.title, skip);
    }
    const ranking = system.ranking(query.query, Math.min(DEPTH, CUTOFF + skip.size));
    return { rank: rankAmong(ranking, wanted, skip), strictRank: first.indexOf(wanted) + 1, ms };
  });
  return { name: system.name, buildMs, outcomes };
}

/** The figures per half and style, and the latency percentiles, of a system's measurements. */
export function summarize(
  { name, buildMs, outcomes }: Measured,
  queries: readonly StyledQuery[] = allStyledQueries(),
): SystemResult {
  const ranks = new Map(queries.map((query, i) => [query, outcomes[i]?.rank ?? 0]));
  const strictRanks = new Map(queries.map((query, i) => [query, outcomes[i]?.strictRank ?? 0]));
  const times = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b);
  const at = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return {
    name,
    figures: figuresOf(ranks),
    strict: figuresOf(strictRanks),
    p50: at(0.5),
    p99: at(0.99),
    buildMs,
    ranks,
  };
}

/** Measures a system and sums it up. */
export function evaluateSystem(
  build: () => System,
  papers: readonly Paper[],
  queries: readonly StyledQuery[] = allStyledQueries(),
): SystemResult {
  return summarize(measureSystem(build, papers, queries), queries);
}

function figuresOf(ranks: ReadonlyMap<StyledQuery, number>): Record<Half, Record<QueryStyle, Figures>> {
  const of = (half: Half, style: QueryStyle): Figures => {
    const picked = [...ranks].filter(
      ([query]) => query.style === style && isHeldOut(query.query) === (half === "held-out"),
    );
    const n = Math.max(1, picked.length);
    return {
      queries: picked.length,
      mrr: picked.reduce((sum, [, rank]) => sum + (rank > 0 ? 1 / rank : 0), 0) / n,
      recall: picked.filter(([, rank]) => rank > 0).length / n,
    };
  };
  const half = (which: Half): Record<QueryStyle, Figures> => ({
    plain: of(which, "plain"),
    hard: of(which, "hard"),
    concept: of(which, "concept"),
  });
  return { "held-out": half("held-out"), tuning: half("tuning") };
}

/** The sizes to evaluate at: SEARCH_EVAL_SIZES (comma-separated), else 20,000 (100k takes minutes). */
export function evalSizes(env: Record<string, string | undefined> = process.env): number[] {
  const sizes = (env.SEARCH_EVAL_SIZES ?? "20000")
    .split(",")
    .map((size) => Number(size.trim()))
    .filter((size) => Number.isInteger(size) && size > 0);
  return sizes.length > 0 ? sizes : [20_000];
}

/** The comparison as a markdown table: per style, both systems' MRR@10 and recall@10 and the ratio. */
export function scaleTable(
  size: number,
  half: Half,
  ours: SystemResult,
  baseline: SystemResult,
  strict = false,
): string {
  const rows = STYLES.map((style) => {
    const a = (strict ? ours.strict : ours.figures)[half][style];
    const b = (strict ? baseline.strict : baseline.figures)[half][style];
    const ratio = b.mrr > 0 ? (a.mrr / b.mrr).toFixed(2) : "–";
    return `| ${style} (${a.queries}) | ${a.mrr.toFixed(3)} | ${b.mrr.toFixed(3)} | ${ratio} | ${a.recall.toFixed(3)} | ${b.recall.toFixed(3)} |`;
  });
  return [
    `${size.toLocaleString("en")} papers, ${half} queries${strict ? ", strict (copies of the wanted paper count as misses)" : ", copies of the wanted paper set aside"}:`,
    `| style (queries) | ${ours.name} MRR@${CUTOFF} | ${baseline.name} MRR@${CUTOFF} | ratio | ${ours.name} recall@${CUTOFF} | ${baseline.name} recall@${CUTOFF} |`,
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
