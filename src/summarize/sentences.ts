// Splits abstract text into sentences without breaking at "e.g.", "et al.", "Fig. 2", "3.5" and the like.

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Abbreviations after which a sentence practically never ends in an abstract, so the segmenter's
 * break is undone whatever follows. Lower-case, without the final period.
 */
const NEVER_FINAL = new Set([
  "e.g",
  "i.e",
  "cf",
  "vs",
  "fig",
  "figs",
  "eq",
  "eqs",
  "sec",
  "secs",
  "tab",
  "no",
  "nos",
  "approx",
  "resp",
  "dr",
  "prof",
  "mr",
  "ms",
  "st",
  "ref",
  "refs",
  "viz",
  "w.r.t",
  "a.k.a",
]);

/** Abbreviations that may end a sentence: the break stands only when a capital letter follows. */
const MAYBE_FINAL = new Set(["et al", "etc", "al", "inc", "ltd", "co", "corp"]);

/** The word (with its inner periods) right before the final period of a segment. */
function lastAbbreviation(segment: string): string | undefined {
  const match = /(?:^|[\s(["'])((?:et\s+)?[\p{L}.]+?)\.\s*$/u.exec(segment);
  return match?.[1]?.replace(/\s+/g, " ");
}

/** Whether the break between `previous` and `next` is a false one the segmenter made. */
function isFalseBreak(previous: string, next: string): boolean {
  const start = next.trimStart();
  const first = start.charAt(0);
  // A sentence does not start with a digit or closing punctuation, nor with a lower-case word;
  // names written in mixed case ("rStar-Math", "vLLM") do start sentences.
  if (/[\p{N})\],;:%]/u.test(first)) return true;
  if (/\p{Ll}/u.test(first) && !/\p{Lu}/u.test(/^\S+/.exec(start)?.[0] ?? "")) return true;
  if (!/\.\s*$/.test(previous)) return false;
  const word = lastAbbreviation(previous);
  if (word === undefined) return false;
  const lower = word.toLowerCase();
  if (NEVER_FINAL.has(lower)) return true;
  if (MAYBE_FINAL.has(lower)) return !/\p{Lu}/u.test(first);
  // Capitals joined by periods ("U.S. Army"). A lone capital stays a break: "…between A and B. We…"
  // ends sentences in math abstracts far more often than an author's initial appears.
  return /^(?:\p{Lu}\.)+\p{Lu}$/u.test(word);
}

/** A sentence end the segmenter misses: ". " before a mixed-case name ("… models. rStar-Math achieves …"). */
const MIXED_CASE_START = /[.!?]\s+(?=\p{Ll}[\p{L}\p{N}]*\p{Lu})/gu;

function splitBeforeMixedCase(segment: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const match of segment.matchAll(MIXED_CASE_START)) {
    const cut = (match.index ?? 0) + match[0].length;
    const head = segment.slice(from, cut);
    if (isFalseBreak(head, segment.slice(cut))) continue;
    parts.push(head);
    from = cut;
  }
  parts.push(segment.slice(from));
  return parts;
}

/** The sentences of `text`, trimmed, in order; whitespace-only text gives none. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const segments = Array.from(segmenter.segment(text), (s) => s.segment).flatMap(splitBeforeMixedCase);
  for (const segment of segments) {
    if (segment.trim() === "") continue;
    const previous = sentences.at(-1);
    if (previous !== undefined && isFalseBreak(previous, segment)) {
      sentences[sentences.length - 1] = previous + segment;
    } else {
      sentences.push(segment);
    }
  }
  return sentences.map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => s !== "");
}
