// Checks that a phrase occurs word for word in a document's stored text.

/**
 * `text` is a document's surface-word ids, fields separated by a negative marker, so a phrase
 * never matches across the end of the title and the start of the abstract. The search starts from
 * `anchor`, the phrase's rarest word, so common words ("of", "model") do not cause false starts.
 */
/** `from`: where the phrase may start at the earliest (known from the pair index), 0 when unknown. */
export function containsPhrase(text: Int32Array, phrase: readonly number[], anchor = 0, from = 0): boolean {
  const word = phrase[anchor];
  if (word === undefined) return phrase.length === 0;
  const length = phrase.length;
  // A plain loop: at a few hundred words a document, TypedArray#indexOf's call overhead dominates.
  const last = text.length - length + anchor;
  for (let at = from + anchor; at <= last; at++) {
    if (text[at] !== word) continue;
    const start = at - anchor;
    let k = 0;
    while (k < length && text[start + k] === phrase[k]) k++;
    if (k === length) return true;
  }
  return false;
}
