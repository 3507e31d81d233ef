// toMrkdwn, toPlainText, sanitize and oneLine as they were before the one-pass escaper: every grapheme
// through Intl.Segmenter, each made inert on its own, two replacements per sanitize. Slow but plainly
// right: the oracle escape-equivalence.test.ts checks the fast implementation against.
const LOOKALIKE: Record<string, string> = { "*": "\u2217", "~": "\u223C", "`": "\u02CB", _: "\u02CD" };
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const ELLIPSIS = "…";
const SHORTCODE = /^:[a-z0-9_+'-]+:/i;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const UNSAFE_CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function referenceSanitize(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").replace(UNSAFE_CONTROLS, (ch) => (ch === "\n" || ch === "\t" ? ch : ""));
}

export function referenceOneLine(raw: string): string {
  return referenceSanitize(raw).replace(/\s+/g, " ").trim();
}

export function referenceToMrkdwn(raw: string, max = Number.POSITIVE_INFINITY): string {
  const text = window(referenceSanitize(raw), max);
  const pieces: string[] = [];
  let total = 0;
  for (const { segment, index } of segments(text)) {
    const piece = neutralize(segment, text, index);
    pieces.push(piece);
    total += piece.length;
    if (total > max) break;
  }
  return clip(pieces, max);
}

export function referenceToPlainText(raw: string, max = Number.POSITIVE_INFINITY): string {
  const pieces: string[] = [];
  let total = 0;
  for (const { segment } of segments(window(referenceOneLine(raw), max))) {
    pieces.push(segment);
    total += segment.length;
    if (total > max) break;
  }
  return clip(pieces, max);
}

function neutralize(segment: string, text: string, index: number): string {
  if (segment.length === 1) return neutralizeChar(segment, text, index);
  let out = "";
  let offset = index;
  for (const ch of segment) {
    out += neutralizeChar(ch, text, offset);
    offset += ch.length;
  }
  return out;
}

function neutralizeChar(segment: string, text: string, index: number): string {
  const entity = ENTITY[segment];
  if (entity)
    return segment === ">" && (index === 0 || text[index - 1] === "\n") ? `\u200B${entity}` : entity;
  if (segment === "_") {
    const before = text[index - 1] ?? "";
    const after = text[index + 1] ?? "";
    return WORD_CHAR.test(before) && WORD_CHAR.test(after) ? "_" : (LOOKALIKE._ as string);
  }
  const lookalike = LOOKALIKE[segment];
  if (lookalike) return lookalike;
  if (segment === ":" && SHORTCODE.test(text.slice(index, index + 102))) return ":\u200B";
  return segment;
}

function segments(text: string): Iterable<{ segment: string; index: number }> {
  if (!/^[\x20-\x7E\n\t]*$/.test(text)) return graphemes.segment(text);
  return Array.from(text, (segment, index) => ({ segment, index }));
}

function window(text: string, max: number): string {
  return Number.isFinite(max) ? text.slice(0, max + 128) : text;
}

function clip(pieces: string[], max: number): string {
  let total = 0;
  for (const piece of pieces) total += piece.length;
  if (total <= max) return pieces.join("");
  const room = max - ELLIPSIS.length;
  let used = 0;
  let kept = 0;
  while (kept < pieces.length && used + (pieces[kept] as string).length <= room) {
    used += (pieces[kept] as string).length;
    kept += 1;
  }
  return `${pieces.slice(0, kept).join("").trimEnd()}${ELLIPSIS}`;
}

/** toLinkUrl before its fast path: every link through the URL parser. */
export function referenceToLinkUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const href = url.href.replace(/[|<>\s]/g, (ch) => encodeURIComponent(ch));
  return href.length > 3_000 ? undefined : href.replace(/&/g, "&amp;");
}
