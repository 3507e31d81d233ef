// Checks that a phrase occurs word for word in a document's stored text.

/**
 * `text` is a document's surface-word ids, fields separated by a negative marker, so a phrase
 * never matches across the end of the title and the start of the abstract.
 */
export function containsPhrase(text: Int32Array, phrase: readonly number[]): boolean {
  const first = phrase[0];
  if (first === undefined) return true;
  const last = text.length - phrase.length;
  for (let start = text.indexOf(first); start >= 0 && start <= last; start = text.indexOf(first, start + 1)) {
    let k = 1;
    while (k < phrase.length && text[start + k] === phrase[k]) k++;
    if (k === phrase.length) return true;
  }
  return false;
}
