// Picks a paper's key phrases: its candidates weighted by how rare they are across the whole corpus.
import { FrequencySketch } from "./frequency-sketch.js";
import { type PhraseCandidate, phraseCandidates } from "./phrase-candidates.js";

export const KEYPHRASES_MAX = 5;
const KEYPHRASES_LIMIT = 6;

export interface PaperText {
  title: string;
  abstract: string;
}

export interface KeyphraseModelOptions {
  /** Size of the document-frequency sketch: 2^bits counters a row (default 20, 8 MB). */
  sketchBits?: number;
}

/** Multi-word phrases name a field's concepts ("local SGD") better than their single words do. */
function lengthBoost(words: number): number {
  return [0, 1, 1.6, 1.8, 1.9][Math.min(words, 4)] ?? 1;
}

/** A title's "Optimizing X", "Learning Y": the verb is not part of the topic. */
const LEADING_VERB = /^(?!learn|train|stream|scal|merg|model)[a-z]+ing\b/;

/** Whether one key is a run of words inside the other, or one ends with the words the other starts with. */
function overlaps(a: string, b: string): boolean {
  if (` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `)) return true;
  if (!a.includes(" ") && !b.includes(" ")) return false;
  const [x, y] = [a.split(" "), b.split(" ")];
  const chained = (left: string[], right: string[]) =>
    left.some((_, i) => i > 0 && left.slice(i).join(" ") === right.slice(0, left.length - i).join(" "));
  return chained(x, y) || chained(y, x);
}

/** Words every paper of the field uses (a title's "Language", "LLMs"): alone they say nothing about this one. */
const FIELD_WIDE = new Set(
  `llm llms mllm mllms vlm vlms dnn dnns nlp gpu gpus ai language languages learning model models training large
  data network networks method methods system systems agent agents reasoning optimization inference`.split(
    /\s+/,
  ),
);

/** Leading words that make a two-word phrase a fragment of a sentence, not a topic ("current models"). */
const VAGUE_LEAD =
  /^(?:current|different|various|several|many|other|certain|such|extra|new|novel|existing|beyond|extremely|fixed|large|small|high|low|more|less|most|efficient|construct|code)\s/i;
/** Last words that are verbs or adverbs: "step evolves", "large batched" end mid-sentence. */
const VERB_END = /\s\S+(?:ly|ed|izes|ises|ves|ates)$/i;

/**
 * Whether a phrase can stand alone as a topic. A single lower-case word ("hours", "entries", "concerns")
 * or compound ("real-world") names nothing in particular, nor does a two-letter acronym ("IL") out of its sentence; a two-word run
 * that starts vaguely or ends on a verb is a fragment.
 */
export function isUsefulPhrase(surface: string): boolean {
  if (!surface.includes(" ")) {
    // "real-world", "step-by-step": a lone lower-case compound is a modifier, unless it names an activity.
    if (/^[\p{Ll}-]+$/u.test(surface) && !/-\p{Ll}+ing$/u.test(surface)) return false;
    if (/^\p{Lu}{1,2}$/u.test(surface) || FIELD_WIDE.has(surface.toLowerCase())) return false;
    return true;
  }
  const words = surface.split(" ").length;
  if (words === 2 && VAGUE_LEAD.test(surface)) return false;
  if (VERB_END.test(surface) && !/\s(?:based|supervised|distributed|embedded|grounded|fused)$/i.test(surface))
    return false;
  return true;
}

/** A phrase said once in passing: used only to reach the minimum of three. */
function isPassing(candidate: PhraseCandidate): boolean {
  return !candidate.inTitle && candidate.weight < 2;
}

const KEYPHRASES_MIN = 3;

/** Document frequencies of key phrase candidates over a corpus; grows one paper at a time. */
export class KeyphraseModel {
  private readonly frequencies: FrequencySketch;
  private count = 0;

  constructor(papers: Iterable<PaperText> = [], options: KeyphraseModelOptions = {}) {
    this.frequencies = new FrequencySketch(options.sketchBits);
    for (const paper of papers) this.add(paper.title, paper.abstract);
  }

  /** How many papers the model has seen. */
  get documents(): number {
    return this.count;
  }

  /** Counts one paper's candidates once each. Add every paper once, or its phrases look common. */
  add(title: string, abstract: string): void {
    this.addCandidates(phraseCandidates(title, abstract));
  }

  /** `add` for candidates already read (`phraseCandidates`), so a paper counted and summarized is read once. */
  addCandidates(candidates: ReadonlyMap<string, PhraseCandidate>): void {
    for (const key of candidates.keys()) this.frequencies.increment(key);
    this.count++;
  }

  /** BM25's idf: near zero for a phrase in most papers, largest for one seen in a single paper. */
  private rarity(key: string): number {
    const df = Math.min(this.frequencies.estimate(key), this.count);
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
  }

  private score(candidate: PhraseCandidate): number {
    const verb = LEADING_VERB.test(candidate.surface.toLowerCase()) ? 0.6 : 1;
    return (
      (1 + Math.log(candidate.weight)) * this.rarity(candidate.key) * lengthBoost(candidate.words) * verb
    );
  }

  /** Up to `max` (at most 6) key phrases, best first, none inside another, in their usual casing. */
  extract(title: string, abstract: string, max = KEYPHRASES_MAX): string[] {
    return this.extractFrom(phraseCandidates(title, abstract), max);
  }

  /** `extract` from a paper's candidates already read (`phraseCandidates`). */
  extractFrom(candidates: ReadonlyMap<string, PhraseCandidate>, max = KEYPHRASES_MAX): string[] {
    const limit = Math.max(0, Math.min(KEYPHRASES_LIMIT, Math.floor(max)));
    const scores = new Map<string, number>();
    for (const candidate of candidates.values()) scores.set(candidate.key, this.score(candidate));
    const ranked = [...candidates.values()].sort(
      (a, b) => (scores.get(b.key) ?? 0) - (scores.get(a.key) ?? 0) || a.key.localeCompare(b.key),
    );
    const chosen: PhraseCandidate[] = [];
    const pick = (allowPassing: boolean, upTo: number) => {
      for (const entry of ranked) {
        if (chosen.length >= upTo) break;
        const candidate = this.core(entry, candidates, scores);
        if (!isUsefulPhrase(candidate.surface)) continue;
        if (!allowPassing && isPassing(candidate)) continue;
        if (chosen.some((c) => c === candidate || overlaps(c.key, candidate.key))) continue;
        chosen.push(candidate);
      }
    };
    pick(false, limit);
    // Better a phrase said once than fewer than three, but keep the stronger ones first.
    if (chosen.length < Math.min(KEYPHRASES_MIN, limit)) pick(true, Math.min(KEYPHRASES_MIN, limit));
    return chosen.map((c) => c.surface);
  }

  /**
   * The field term inside a longer title phrase: "low-compute model merging" gives way to "model
   * merging" when the paper uses "model merging" on its own at least twice more and it scores at least
   * half as well.
   */
  private core(
    candidate: PhraseCandidate,
    candidates: ReadonlyMap<string, PhraseCandidate>,
    scores: ReadonlyMap<string, number>,
  ): PhraseCandidate {
    if (candidate.words < 3) return candidate;
    const words = candidate.key.split(" ");
    const floor = 0.5 * (scores.get(candidate.key) ?? 0);
    let best = candidate;
    for (let length = words.length - 1; length >= 2; length--) {
      for (let from = 0; from + length <= words.length; from++) {
        const inner = candidates.get(words.slice(from, from + length).join(" "));
        // A lone compound ("multi-agent", "mini-batch") is a modifier, not the field term.
        if (!inner?.surface.includes(" ") || inner.weight < candidate.weight + 2) continue;
        if ((scores.get(inner.key) ?? 0) < floor) continue;
        if (best === candidate || (scores.get(inner.key) ?? 0) > (scores.get(best.key) ?? 0)) best = inner;
      }
    }
    return best;
  }
}
