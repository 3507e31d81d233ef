// Scores an abstract's sentences by how well each says what the paper contributes, for the TL;DR.

/** "We propose …", "this paper …", "in this work": the sentences that state the contribution. */
const CONTRIBUTION =
  /\b(?:we|this (?:paper|work|study|article|report)|here we|in this (?:paper|work|study)|our (?:work|paper))\b[^.]{0,60}?\b(?:propose|introduce|present|develop|design|show|demonstrate|prove|establish|release|build|describe|provide|offer|formulate|derive|devise|study|analy[sz]e|investigate|explore|tackle|address|consider|report|find|identify|reveal|construct|characteri[sz]e|generali[sz]e|achieve|obtain|create|train|extend|focus|pursue|adopt|initiate|revisit|resolve|answer)(?:s|d|ed)?\b/i;
/** The strongest contribution verbs, which beat a mere "we study …". */
const STRONG =
  /\b(?:propose|introduce|present|release|develop|design|build|devise)(?:s|d|ed)?\b|\bthis (?:paper|work)\b|\bin this work\b/i;
/** The key result: numbers, comparisons, "outperforms", "achieves". */
const RESULT =
  /\b(?:outperform|achiev|improv|reduc|surpass|speed|faster|accura|state-of-the-art|matches|beats|gains?)\w*\b|\d(?:\.\d+)?\s?(?:%|×|x\b)/i;
/** Background and motivation, which a TL;DR should skip. */
const BACKGROUND =
  /^(?:however|recent(?:ly)?|despite|although|while|existing|traditional|current|many|most|prior|previous|in recent|over the past|with the|as\b)|\b(?:has|have) (?:been|become|shown|emerged|achieved|attracted|gained)\b|\bremains?\b|\bis (?:a|an|one of)\b|\bare (?:often|widely|commonly|typically)\b|\bchalleng|^it is (?:unclear|unknown|not|well|widely|common)|\b(?:introduced|proposed) by\b|\bet al\./i;
/** A follow-on sentence that depends on the one before it ("Furthermore, …", "It …"). */
export const DEPENDENT =
  /^(?:furthermore|moreover|additionally|in addition|also|then|thus|therefore|finally|first|second|third|next|it|its|they|their|these|this|that|those|such|each|both|using this|based on this|to this end)\b/i;
/** "We study …", "we consider …" with nothing made: the problem, not yet the contribution. */
const PROBLEM_ONLY =
  /\b(?:we|this (?:paper|work))\s+(?:study|consider|investigate|explore|focus on|address|tackle|revisit|examine)\b/i;
/** Hopes, outlooks and availability notes: true of many papers, news of none. */
const OUTLOOK =
  /\b(?:we hope|we believe|future (?:work|research|directions?)|(?:code|data|models?) (?:is|are|will be) (?:publicly )?(?:available|released)|provides? (?:[\w-]+ ){0,2}insights|(?:provide|release|open-source) (?:[\w-]+ ){0,3}code|auxiliary results?)\b/i;

/** Lower-case content words of a title, for spotting the sentence that names the paper's subject. */
export function titleWords(title: string): Set<string> {
  const words = title.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}-]{3,}/gu) ?? [];
  return new Set(
    words.filter(
      (w) => !/^(?:with|from|into|towards?|via|using|beyond|under|over|through|their|about)$/.test(w),
    ),
  );
}

function titleOverlap(sentence: string, words: ReadonlySet<string>): number {
  if (words.size === 0) return 0;
  const lower = sentence.toLowerCase();
  let hits = 0;
  for (const word of words) if (lower.includes(word)) hits++;
  return hits / words.size;
}

/** Math and notation the reader would stumble on in a one-liner. */
function notationCount(sentence: string): number {
  const symbols = sentence.match(/[α-ωΑ-Ω∈∞≤≥≈×⁰-⁹₀-ₜ^_|=<>√∑∂∇ℓ∼±→ᵀ]/g)?.length ?? 0;
  const bigO = sentence.match(/\b[OΩΘo]\(/g)?.length ?? 0;
  return symbols + 2 * bigO;
}

export interface ScoredSentence {
  text: string;
  index: number;
  score: number;
  isContribution: boolean;
  hasResult: boolean;
}

/** A score per sentence: contribution cues up, background, notation, URLs and odd lengths down. */
export function scoreSentence(
  text: string,
  index: number,
  total: number,
  title: ReadonlySet<string> = new Set(),
): ScoredSentence {
  const isContribution = CONTRIBUTION.test(text);
  const hasResult = RESULT.test(text);
  let score = 0;
  if (isContribution) score += 3;
  if (STRONG.test(text)) score += 2;
  if (hasResult) score += 1;
  if (BACKGROUND.test(text)) score -= 2;
  if (PROBLEM_ONLY.test(text) && !STRONG.test(text) && !hasResult) score -= 1;
  if (DEPENDENT.test(text)) score -= 0.5;
  if (OUTLOOK.test(text)) score -= 3;
  score += 2 * titleOverlap(text, title);
  // Earlier sentences tend to carry the point; the last one often carries the key result.
  score -= (1.5 * index) / Math.max(1, total);
  score -= Math.min(4, 0.5 * notationCount(text));
  if (/https?:\/\/|www\.|github\.com/i.test(text)) score -= 4;
  if (/\$/.test(text)) score -= 5;
  if (text.length < 40) score -= 2;
  if (!/[.!?]["')\]]?$/.test(text)) score -= 1;
  return { text, index, score, isContribution, hasResult };
}
