// Whether two JSON-shaped values would serialize to the same JSON text, answered without serializing them.
//
// Merging asks this of every paper it touches (is the merged paper any different from the stored one?). Two
// JSON.stringify calls a paper made ~5 KB of garbage each time and cost more than the merge itself; this stops
// at the first difference. Where it and JSON.stringify could disagree (NaN, undefined inside arrays: neither
// occurs in a paper), it answers "different", which only means a paper is written again.

function definedKeys(value: object): string[] {
  return Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  // Key order counts, as it does in the JSON text.
  const keysA = definedKeys(a);
  const keysB = definedKeys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i] as string;
    if (key !== keysB[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
