// Abbreviations learned from the papers themselves: "rl" means "reinforcement learning" where papers write "reinforcement learning (RL)".

/** Words this short or long are not read as abbreviations ("a", "transformer"). */
const MIN_LETTERS = 2;
const MAX_LETTERS = 6;
/** How many papers holding an abbreviation are read to learn it: enough for a clear majority, cheap enough for a query. */
const MAX_DOCS_READ = 300;
/** An expansion must be written out before the abbreviation in at least this many papers. */
const MIN_SIGHTINGS = 2;
/** Learned expansions kept per index; past this the cache starts over. */
const MAX_CACHED = 5_000;

/** What learning reads from the index. */
export interface AbbreviationSource {
  /** The surface id of a word as written, if any paper has it. */
  surfaceId(word: string): number | undefined;
  /** The written word of a surface id. */
  surfaceWord(id: number): string;
  /** Up to `max` texts (surface ids, negative between fields) of papers holding the surface word. */
  textsWith(id: number, max: number): Int32Array[];
}

/** Whether a typed word may be an abbreviation worth expanding: a few letters, nothing else. */
export function mayAbbreviate(word: string): boolean {
  return word.length >= MIN_LETTERS && word.length <= MAX_LETTERS && /^[a-z]+$/.test(word);
}

/**
 * The words an abbreviation stands for, as surface ids ("moe" → mixture, of, experts): the run of
 * words right before it whose initials spell it (a stop word may be skipped, as "of" in "mixture of
 * experts (MoE)"; a plural "s" may be left off, as in "LLMs"), the one seen most often, and in at
 * least MIN_SIGHTINGS papers. Undefined when the papers never write it out.
 */
export function learnExpansion(
  word: string,
  source: AbbreviationSource,
  isStopWord: (word: string) => boolean,
): number[] | undefined {
  const id = source.surfaceId(word);
  if (id === undefined || !mayAbbreviate(word)) return undefined;
  const letters = word.endsWith("s") && word.length > MIN_LETTERS ? [word, word.slice(0, -1)] : [word];
  const sightings = new Map<string, { ids: number[]; papers: number }>();
  for (const text of source.textsWith(id, MAX_DOCS_READ)) {
    const found = new Set<string>();
    for (let at = 1; at < text.length; at++) {
      if (text[at] !== id) continue;
      for (const spelled of letters) {
        const ids = spelledBefore(text, at, spelled, source, isStopWord);
        if (ids) found.add(ids.join(" "));
      }
    }
    for (const key of found) {
      const seen = sightings.get(key);
      if (seen) seen.papers++;
      else sightings.set(key, { ids: key.split(" ").map(Number), papers: 1 });
    }
  }
  let best: { ids: number[]; papers: number } | undefined;
  for (const seen of sightings.values()) if (!best || seen.papers > best.papers) best = seen;
  return best && best.papers >= MIN_SIGHTINGS ? best.ids : undefined;
}

/** The words ending right before `at` whose initials spell `letters`, or undefined. */
function spelledBefore(
  text: Int32Array,
  at: number,
  letters: string,
  source: AbbreviationSource,
  isStopWord: (word: string) => boolean,
): number[] | undefined {
  let need = letters.length - 1;
  let i = at - 1;
  // Every letter needs a word, and at most one stop word may sit between two of them.
  const floor = Math.max(0, at - 2 * letters.length);
  while (need >= 0 && i >= floor) {
    const id = text[i] as number;
    if (id < 0) return undefined;
    const written = source.surfaceWord(id);
    if (written === letters) return undefined;
    if (written[0] === letters[need]) need--;
    else if (!isStopWord(written) || i === at - 1) return undefined;
    i--;
  }
  if (need >= 0) return undefined;
  const ids = Array.from(text.subarray(i + 1, at));
  return ids.length >= 2 ? ids : undefined;
}

/** Each index's learned expansions, learned on first use. */
export class Abbreviations {
  private readonly learned = new Map<string, number[] | undefined>();

  constructor(
    private readonly source: AbbreviationSource,
    private readonly isStopWord: (word: string) => boolean,
  ) {}

  expansionOf(word: string): number[] | undefined {
    if (!mayAbbreviate(word)) return undefined;
    if (this.learned.has(word)) return this.learned.get(word);
    if (this.learned.size >= MAX_CACHED) this.learned.clear();
    const expansion = learnExpansion(word, this.source, this.isStopWord);
    this.learned.set(word, expansion);
    return expansion;
  }

  /** Papers changed: what was learned may no longer hold. */
  forget(): void {
    this.learned.clear();
  }
}
