// Makes paper and user text inert in Slack: no mentions, links or formatting can be smuggled in, and cuts never split an entity.

/**
 * Stand-ins for mrkdwn's formatting characters. Slack has no escape for `*`, `_`, `~` or a backtick
 * (a backslash shows up literally), and a zero-width space next to one *enables* formatting mid-word,
 * so we swap in look-alike characters that Slack does not treat as markup.
 */
const LOOKALIKE: Record<string, string> = {
  "*": "\u2217", // ∗ asterisk operator
  "~": "\u223C", // ∼ tilde operator
  "`": "\u02CB", // ˋ modifier letter grave accent
  _: "\u02CD", // ˍ modifier letter low macron
};

const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

const ELLIPSIS = "…";

/** C0/C1 controls (except tab and newline), and bidi overrides that could make text read backwards. */
const UNSAFE_CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** An emoji short code such as `:b:` or `:party-parrot:`, which Slack would turn into a picture. */
const SHORTCODE = /^:[a-z0-9_+'-]+:/i;

const WORD_CHAR = /[\p{L}\p{N}]/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Removes control characters and turns CRLF into LF. */
export function sanitize(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").replace(UNSAFE_CONTROLS, (ch) => (ch === "\n" || ch === "\t" ? ch : ""));
}

/** Collapses all whitespace, newlines included, to single spaces: for titles, authors and other one-liners. */
export function oneLine(raw: string): string {
  return sanitize(raw).replace(/\s+/g, " ").trim();
}

/** Escapes only Slack's three control characters; for code blocks, where formatting is already off. */
export function escapeEntities(raw: string): string {
  return raw.replace(/[&<>]/g, (ch) => ENTITY[ch] ?? ch);
}

/**
 * Raw text as inert mrkdwn, cut to `max` characters (counted after escaping) with an ellipsis.
 * Cuts fall between graphemes, so an entity, a surrogate pair or an emoji sequence is never split.
 */
export function toMrkdwn(raw: string, max = Number.POSITIVE_INFINITY): string {
  const text = window(sanitize(raw), max);
  const pieces: string[] = [];
  let total = 0;
  for (const { segment, index } of segments(text)) {
    const piece = neutralize(segment, text, index);
    pieces.push(piece);
    total += piece.length;
    if (total > max) break; // it will be cut: no need to look further into a 10,000-character abstract
  }
  return clip(pieces, max);
}

/** Raw text for a `plain_text` object (which Slack never parses), cut to `max` characters. */
export function toPlainText(raw: string, max = Number.POSITIVE_INFINITY): string {
  const pieces: string[] = [];
  let total = 0;
  for (const { segment } of segments(window(oneLine(raw), max))) {
    pieces.push(segment);
    total += segment.length;
    if (total > max) break;
  }
  return clip(pieces, max);
}

/** Text for a ``` code block: entities escaped, and a run of three backticks broken so it cannot close the block. */
export function toCodeText(raw: string): string {
  return escapeEntities(sanitize(raw)).replace(/`{3,}/g, (run) => run.split("").join("\u200B"));
}

/** Cuts raw text into pieces of at most `max` UTF-16 units, never inside a grapheme that fits (for long code lines). */
export function chunkText(raw: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = raw;
  while (rest.length > max) {
    const cut = graphemeCut(rest, max);
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  chunks.push(rest);
  return chunks;
}

/** Characters that belong to the grapheme before them: marks, joiners, variation selectors, skin tones, tags. */
const JOINS_PREVIOUS = /^(?:\p{M}|\u200D|[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}])/u;

/** The last index ≤ `at` that starts a new grapheme (cheap: segmenting a long line is slow). */
function graphemeCut(text: string, at: number): number {
  let cut = at;
  while (cut > 0) {
    const code = text.charCodeAt(cut);
    const insidePair = code >= 0xdc00 && code <= 0xdfff;
    if (!insidePair && !JOINS_PREVIOUS.test(text.slice(cut, cut + 2)) && text[cut - 1] !== "\u200D") break;
    cut -= 1;
  }
  if (cut > 0) return cut;
  // One "grapheme" longer than `at` (a pathological joiner chain): cut it, but not inside a surrogate pair.
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * A URL that is safe inside `<url|label>`: only http(s), and the characters that would end the link or
 * start a new one percent-encoded. Anything else gives undefined, and the caller shows no link.
 */
export function toLinkUrl(raw: string | undefined): string | undefined {
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

/**
 * One grapheme of mrkdwn text, made inert character by character: a grapheme may be `>` plus a
 * combining mark, and that `>` must be escaped as surely as a bare one.
 */
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

/** One character at `index` of `text`, made inert. */
function neutralizeChar(segment: string, text: string, index: number): string {
  const entity = ENTITY[segment];
  if (entity) {
    // A `>` at the start of a line would become a block quote.
    return segment === ">" && (index === 0 || text[index - 1] === "\n") ? `\u200B${entity}` : entity;
  }
  if (segment === "_") {
    // snake_case never formats (Slack needs a word boundary), so leave it readable.
    const before = text[index - 1] ?? "";
    const after = text[index + 1] ?? "";
    return WORD_CHAR.test(before) && WORD_CHAR.test(after) ? "_" : (LOOKALIKE._ as string);
  }
  const lookalike = LOOKALIKE[segment];
  if (lookalike) return lookalike;
  if (segment === ":" && SHORTCODE.test(text.slice(index, index + 102))) return ":\u200B";
  return segment;
}

/** Graphemes of `text`; printable ASCII (most titles) skips the segmenter, which is slow on long text. */
function segments(text: string): Iterable<{ segment: string; index: number }> {
  if (!/^[\x20-\x7E\n\t]*$/.test(text)) return graphemes.segment(text);
  return Array.from(text, (segment, index) => ({ segment, index }));
}

/**
 * The part of `text` a cut at `max` can reach. Escaping never shortens text, so `max + 1` characters in
 * already overflow; the margin covers look-ahead (emoji codes). Segmenting costs the whole string, so a
 * 10,000-character abstract is trimmed here before it is segmented.
 */
function window(text: string, max: number): string {
  return Number.isFinite(max) ? text.slice(0, max + 128) : text;
}

/** Joins pieces, keeping whole pieces only, so the result plus an ellipsis fits in `max`. */
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
