// What the index's word scanner and the paper vectors' token scanner share: reading ASCII letters and digits in place, lower-cased.

/** The lower-case letter or digit a character code stands for, or -1: what a word or token is made of in ASCII text. */
export function asciiWordCode(code: number): number {
  if (code >= 97 && code <= 122) return code;
  if (code >= 65 && code <= 90) return code + 32;
  return code >= 48 && code <= 57 ? code : -1;
}

/** Whether `word` is `text`'s characters from `start` to `end`, lower-cased. */
export function sameLower(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) {
    const code = text.charCodeAt(start + k);
    if (word.charCodeAt(k) !== (code >= 65 && code <= 90 ? code + 32 : code)) return false;
  }
  return true;
}
