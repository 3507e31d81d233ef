// Whether two words are at most one typo apart: one letter added, dropped, changed or two swapped.

/** Damerau distance ≤ 1, without allocating: the hot loop of typo lookup. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (i === la) return true;
    const swapped =
      i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i);
    return sameTail(a, i + (swapped ? 2 : 1), b, i + (swapped ? 2 : 1));
  }
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

function sameTail(a: string, fromA: number, b: string, fromB: number): boolean {
  if (a.length - fromA !== b.length - fromB) return false;
  for (let i = fromA, j = fromB; i < a.length; i++, j++) {
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  }
  return true;
}
