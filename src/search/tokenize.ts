// Turns text into the lower-case, accent-free words the index and the query language both use.

// Letters and digits; a decimal tail stays attached ("2406.12345", "m2.7") so ids and versions survive.
const WORD = /[\p{L}\p{N}]+(?:\.\p{N}+)*/gu;
/** WORD on lower-case ASCII text. */
const ASCII_WORD = /[a-z0-9]+(?:\.[0-9]+)*/g;
const MARKS = /\p{M}+/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range is meant
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case, accents folded ("César" → "cesar"), compatibility forms unfolded ("D²MoE" → "d2moe"). */
export function normalize(text: string): string {
  // Most paper text is plain ASCII; skipping Unicode normalisation for it halves indexing time.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

/** Every word of the text in order, stop words included (phrases need them). */
export function tokenize(text: string): string[] {
  // On ASCII, WORD's letters and digits are these: the plain class matches the same words several times faster.
  if (ASCII.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return normalize(text).match(WORD) ?? [];
}

/**
 * A second index term for a word glued to a number, so "minicpm" finds "MiniCPM4" and "llama" finds
 * "Llama3": people type the family name far more often than the exact version.
 */
export function gluedStem(word: string): string | undefined {
  const match = /^([a-z]{3,})\d+[a-z]?$/.exec(word);
  return match?.[1];
}
