// A channel's topics as phrases: "speculative decoding" matches a paper that says so, not one that only says "decoding".
import type { Paper } from "../papers/paper.js";
import { contentWords } from "../search/paper-text.js";

/** Whether `phrase` (folded content words) occurs as consecutive words of `words`. */
function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export interface TopicMatch {
  /** 0..1: 1 when a topic is in the title or key phrases, 0.6 when only the abstract has it. */
  score: number;
  /** The topics the paper matches, as the channel wrote them. */
  matched: string[];
}

interface PaperWords {
  /** The title's and each key phrase's folded words. */
  head: string[][];
  /** The abstract's, folded when a topic first needs them. */
  body?: string[];
}

/**
 * Folding a paper's words is most of a topic match's cost, and every channel with topics asks about
 * the same day's arrivals: each paper's words are folded once (papers are immutable; weakly held).
 */
const folded = new WeakMap<Paper, PaperWords>();

function wordsOf(paper: Paper): PaperWords {
  let words = folded.get(paper);
  if (!words) {
    words = { head: [paper.title, ...(paper.keyphrases ?? [])].map(contentWords) };
    folded.set(paper, words);
  }
  return words;
}

/** How well a paper matches the channel's topics; each topic is matched as a whole phrase. */
export function matchTopics(paper: Paper, topics: readonly string[]): TopicMatch {
  if (topics.length === 0) return { score: 0, matched: [] };
  const words = wordsOf(paper);
  const head = words.head;
  let score = 0;
  const matched: string[] = [];
  for (const topic of topics) {
    const phrase = contentWords(topic);
    if (head.some((words) => containsPhrase(words, phrase))) {
      score = Math.max(score, 1);
      matched.push(topic);
    } else {
      words.body ??= contentWords(paper.abstract);
      if (containsPhrase(words.body, phrase)) {
        score = Math.max(score, 0.6);
        matched.push(topic);
      }
    }
  }
  return { score, matched };
}
