// A deterministic set of realistic search queries over a generated corpus: topics, typos, prefixes, filters, phrases.
import type { Paper } from "../src/papers/paper.js";
import { parseQuery } from "../src/search/query.js";
import { SEARCH_QUERIES } from "../tests/eval/search-queries.js";
import { createRandom, type Random } from "./random.js";

export const QUERY_SEED = 7;

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? []).filter(
    (w) => !["the", "and", "for", "with", "via", "from", "towards", "through", "beyond"].includes(w),
  );
}

function someWords(paper: Paper, rand: Random, count: number): string[] {
  const source =
    rand.chance(0.5) && paper.keyphrases?.[1] ? paper.keyphrases.slice(1).join(" ") : paper.title;
  const words = contentWords(source);
  const start = rand.int(0, Math.max(0, words.length - count));
  return words.slice(start, start + count);
}

function typo(word: string, rand: Random): string {
  if (word.length < 6) return word;
  const at = rand.int(1, word.length - 2);
  return word.slice(0, at) + (word[at + 1] ?? "") + (word[at] ?? "") + word.slice(at + 2);
}

/** `count` query strings in the query language, as people type them in chat, drawn from `papers`. */
export function generateQueries(papers: readonly Paper[], count = 500, seed = QUERY_SEED): string[] {
  const rand = createRandom(seed);
  const queries: string[] = [];
  const paper = (): Paper => papers[rand.int(0, papers.length - 1)] as Paper;
  const lastName = (p: Paper): string =>
    (p.authors[0] ?? "smith").split(" ").at(-1)?.toLowerCase() ?? "smith";
  while (queries.length < count) {
    const kind = rand.next();
    const p = paper();
    const words = someWords(p, rand, rand.int(1, 3));
    if (words.length === 0) continue;
    if (kind < 0.3) queries.push(words.join(" "));
    else if (kind < 0.4) queries.push((rand.pick(SEARCH_QUERIES) as { query: string }).query);
    else if (kind < 0.48) {
      const last = words.at(-1) as string;
      queries.push(
        [...words.slice(0, -1), last.slice(0, Math.max(3, Math.ceil(last.length * 0.6)))].join(" "),
      );
    } else if (kind < 0.53) queries.push(words.map((w) => typo(w, rand)).join(" "));
    else if (kind < 0.61)
      queries.push(`author:${lastName(p)} ${rand.chance(0.5) ? (words[0] as string) : ""}`.trim());
    else if (kind < 0.67) queries.push(`cat:${p.categories[0] ?? "cs.LG"} ${words.join(" ")}`);
    else if (kind < 0.7) queries.push(`cat:${p.categories[0] ?? "cs.LG"} sort:new`);
    else if (kind < 0.78) {
      const phrase = (p.keyphrases ?? []).find((k) => k.includes(" ")) ?? words.join(" ");
      queries.push(`"${phrase.toLowerCase()}"${rand.chance(0.4) ? ` ${words[0]}` : ""}`);
    } else if (kind < 0.83)
      queries.push(
        `${words.join(" ")} since:${rand.int(2021, 2025)} ${rand.pick(["", "sort:top", "sort:new"])}`.trim(),
      );
    else if (kind < 0.88)
      queries.push(`${words.join(" ")} -${rand.pick(["survey", "benchmark", "vision", "graph"])}`);
    else if (kind < 0.94)
      queries.push(
        rand.pick([
          "learning",
          "language models",
          "model",
          "reinforcement learning",
          "large language models",
          "training",
          "optimization",
          "transformer attention",
        ]),
      );
    else
      queries.push(
        `org:${rand.pick(["google", "microsoft", "nvidia", "openbmb", "deepseek"])} ${rand.chance(0.5) ? (words[0] as string) : ""}`.trim(),
      );
  }
  return queries;
}

/** The free text of a query for libraries without our query language: its words and phrase words, no filters. */
export function freeText(query: string): string {
  const parsed = parseQuery(query);
  return [...parsed.words, ...parsed.phrases.flat()].join(" ");
}
