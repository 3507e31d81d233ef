// The TL;DR and key-phrase checks: what a reader trips over, counted over summarized papers.
import type { Paper } from "../../src/papers/paper.js";
import { isUsefulPhrase } from "../../src/summarize/keyphrases.js";

/** Openers that lean on a sentence the reader never sees. */
const DANGLING =
  /^(?:next|then|also|furthermore|moreover|additionally|finally|regarding|based on|motivated by|however|thus|therefore|hence|in addition)\b/i;
/** What a contribution sentence says: something made, shown or found. */
const CONTRIBUTION =
  /\b(?:propos|introduc|present|develop|design|show|demonstrat|prove|establish|release|build|derive|achiev|outperform|find|reveal|provide)\w*/i;

export interface TextQuality {
  papers: number;
  cut: string[];
  dangling: string[];
  noContribution: string[];
  phrases: number;
  junkPhrases: string[];
}

export function textQuality(papers: readonly Paper[]): TextQuality {
  const tldrs = papers.map((p) => ({ id: p.id, tldr: p.tldr ?? "" }));
  const phrases = papers.flatMap((p) => p.keyphrases ?? []);
  return {
    papers: papers.length,
    cut: tldrs.filter((t) => t.tldr.endsWith("…")).map((t) => t.id),
    dangling: tldrs.filter((t) => DANGLING.test(t.tldr)).map((t) => t.id),
    noContribution: tldrs.filter((t) => !CONTRIBUTION.test(t.tldr)).map((t) => t.id),
    phrases: phrases.length,
    junkPhrases: phrases.filter((phrase) => !isUsefulPhrase(phrase)),
  };
}
