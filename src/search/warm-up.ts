// A tiny made-up corpus and queries that take every path of search once, so real queries run optimised code from the first.
import type { Paper } from "../papers/paper.js";

/**
 * Why: V8 optimises a function for the cases it has seen. A query that takes a path no earlier query
 * took (the first date filter, the first three-word phrase) throws the optimised code away and runs
 * its loop over up to every document unoptimised: at 100k papers that turned 5 ms queries into
 * 20–120 ms ones during a process's first few hundred queries (first-pass p99 at 100k papers: 15–18 ms
 * CPU without this, 6–8 ms with it). Running each path once on 200 made-up papers costs ~150 ms at
 * start, mostly compiling code the first queries would compile anyway.
 */
const WORDS = [
  "sparse",
  "attention",
  "local",
  "gradient",
  "descent",
  "mixture",
  "experts",
  "diffusion",
  "policy",
  "quantization",
  "retrieval",
  "agents",
];

export function warmUpPapers(): Paper[] {
  const papers: Paper[] = [];
  // Enough papers that a word in a few of them is scored sparsely, as most words are at scale.
  for (let i = 0; i < 200; i++) {
    const a = WORDS[i % WORDS.length] as string;
    const b = WORDS[(i * 7 + 3) % WORDS.length] as string;
    papers.push({
      id: `warm-up-${i}`,
      title: `${a} ${b} models for language${i} tasks`,
      abstract:
        `We study ${a} ${b} in the mixture of experts setting with stochastic gradient descent. ` +
        `Large language models learn ${b} ${a} faster; rareword${i} appears once.`,
      authors: [`Ada Lovelace${i % 3}`, `Alan Turing${i % 5}`],
      organization: i % 4 === 0 ? "Example Lab" : undefined,
      categories: [i % 2 === 0 ? "cs.LG" : "cs.CL"],
      published: `202${i % 6}-0${(i % 9) + 1}-1${i % 10}`,
      upvotes: i % 7,
      keyphrases: [`${a} ${b}`, "language models"],
      links: {},
      sightings: [],
    });
  }
  return papers;
}

/**
 * Every path: words rare and common, prefixes, typos, glued words, phrases, exclusions, filters, sorts,
 * pages. Run once on the made-up papers (compiling the code) and again on the real index after it is
 * opened (making the common words' postings from the index file), so one list serves both.
 */
export const WARM_UP_QUERIES: readonly string[] = [
  "rareword3",
  "language models",
  "sparse attention gradient",
  "langu",
  "mod",
  "rarewor",
  "atention",
  "gradientdescent",
  '"local gradient"',
  '"mixture of experts"',
  '"stochastic gradient descent" models',
  '"language models" "mixture of experts"',
  '"sparse"',
  "models -sparse",
  'models -"mixture of experts" -"local gradient"',
  "author:lovelace1",
  'author:"ada lovelace2" models',
  "org:example cat:cs.LG models",
  "cat:cs.CL sort:new",
  "cat:cs sort:top",
  "since:2022 sort:new",
  "models since:2021 until:2024-06-30",
  "language sort:top",
  "models sort:new",
  "cat:cs.LG langu",
  '"local gradient" mod',
  "author:lovelace1 atention models",
  "-sparse langu",
  "rareword19",
  "rareword19 cat:cs.LG",
  "rarewrod19",
  "ttention models",
  "",
];
