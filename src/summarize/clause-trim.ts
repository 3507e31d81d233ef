// Shortens one sentence to a length at a clause boundary, ending with "…", never mid-word.

const ELLIPSIS = "…";

/** Where a clause may end: before a comma, semicolon, colon, dash, or a linking word. */
const BOUNDARY =
  /[,;:](?=\s)|\s(?:--|—|–|-)\s|\s(?=(?:and|which|where|while|whereas|but|with|using|via|through)\s)/g;

/** Positions outside brackets, so a cut never leaves "(" open. */
function depthAt(text: string): number[] {
  const depths: number[] = [];
  let depth = 0;
  for (const char of text) {
    if (char === "(" || char === "[") depth++;
    if ((char === ")" || char === "]") && depth > 0) depth--;
    // One entry per UTF-16 unit, so indexes line up with string offsets.
    for (let unit = 0; unit < char.length; unit++) depths.push(depth);
  }
  return depths;
}

/** The last space within the room, so the cut falls between words; outside brackets when one is near. */
function lastSpace(text: string, room: number, depths: number[]): number {
  const any = text.lastIndexOf(" ", room);
  for (let at = any; at >= room * 0.3; at = text.lastIndexOf(" ", at - 1)) {
    if (depths[at] === 0) return at;
  }
  return any;
}

/** Drops trailing punctuation and linking words that would dangle before the ellipsis. */
function tidyEnd(text: string): string {
  let out = text.trimEnd();
  for (let pass = 0; pass < 3; pass++) {
    out = out
      .replace(/[\s,;:\-–—(]+$/u, "")
      .replace(/\s(?:and|or|of|the|a|an|to|in|on|for|with|by|which|that|as|at|from)$/i, "")
      .trimEnd();
  }
  return out;
}

/**
 * `sentence` cut to at most `maxChars` characters (the ellipsis included). Prefers the last clause
 * boundary that keeps at least `minShare` of the room; falls back to the last word boundary.
 * Returns "" when not even one word fits.
 */
export function trimAtClause(sentence: string, maxChars: number, minShare = 0.45): string {
  const text = sentence.trim();
  if (text.length <= maxChars) return text;
  const room = maxChars - ELLIPSIS.length;
  if (room <= 0) return "";
  const depths = depthAt(text);
  let best = -1;
  for (const match of text.matchAll(BOUNDARY)) {
    const at = match.index ?? 0;
    if (at > room) break;
    if (at >= room * minShare && depths[at] === 0) best = at;
  }
  if (best < 0) best = lastSpace(text, room, depths);
  if (best <= 0) return "";
  const kept = tidyEnd(text.slice(0, best));
  return kept === "" ? "" : `${kept}${ELLIPSIS}`;
}
