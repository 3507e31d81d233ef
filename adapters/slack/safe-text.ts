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

/** The characters `neutralizeChar` may change; all others pass through as they are. */
const MARKUP = /[&<>*~`_:]/g;
const MARKUP_CHARS = new Set(["&", "<", ">", "*", "~", "`", "_", ":"]);

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Whether `sanitize` has anything to do: a control character other than tab and newline (CR is one), or a bidi override. */
const NEEDS_SANITIZING = /[^\P{Cc}\t\n]|[\u202A-\u202E\u2066-\u2069]/u;

/** Whether `oneLine` has anything to do: whitespace other than single inner spaces. */
const LOOSE_WHITESPACE = /[^\S ]| {2}|^ | $/;

/** Removes control characters and turns CRLF into LF. */
export function sanitize(raw: string): string {
  // Most text is clean: one scan instead of two replacements.
  if (!NEEDS_SANITIZING.test(raw)) return raw;
  return raw.replace(/\r\n?/g, "\n").replace(UNSAFE_CONTROLS, (ch) => (ch === "\n" || ch === "\t" ? ch : ""));
}

/** Collapses all whitespace, newlines included, to single spaces: for titles, authors and other one-liners. */
export function oneLine(raw: string): string {
  const clean = sanitize(raw);
  return LOOSE_WHITESPACE.test(clean) ? clean.replace(/\s+/g, " ").trim() : clean;
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
  // Each character is escaped on its own, looking only at its neighbours (so a `>` carrying a combining mark
  // is escaped as surely as a bare one): one pass over the text. Graphemes matter only for where a cut may
  // fall, so the segmenter runs only for text that overflows (it cost ~2 ms a search reply; see
  // escape-equivalence.test.ts for the proof that the output is unchanged).
  const escaped = text.replace(MARKUP, (ch, index: number) => neutralizeChar(ch, text, index));
  return escaped.length > max ? cutMrkdwn(text, max) : escaped;
}

/** Raw text for a `plain_text` object (which Slack never parses), cut to `max` characters. */
export function toPlainText(raw: string, max = Number.POSITIVE_INFINITY): string {
  const text = window(oneLine(raw), max);
  if (!(text.length > max)) return text;
  return `${text.slice(0, graphemeStart(text, Math.max(0, max - ELLIPSIS.length))).trimEnd()}${ELLIPSIS}`;
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
 * A URL the URL parser would hand back unchanged and that needs no escaping: http(s), a lower-case host
 * whose last label starts with a letter (never an IP address) and no label starts `xn--` (punycode is
 * checked), no port or user, a path of unreserved characters without `.` or `..` segments, no query.
 * Paper links (arxiv.org/abs/…) are all like this; parsing them made ~8 KB of garbage a search reply.
 */
const CANONICAL_URL =
  /^https?:\/\/(?!xn--)[a-z0-9-]+(?:\.(?!xn--)[a-z0-9-]+)*(?<=[/.][a-z][a-z0-9-]*)(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._~-]*)+$/;

/**
 * A URL that is safe inside `<url|label>`: only http(s), and the characters that would end the link or
 * start a new one percent-encoded. Anything else gives undefined, and the caller shows no link.
 */
export function toLinkUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (CANONICAL_URL.test(trimmed) && trimmed.length <= 3_000) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const href = url.href.replace(/[|<>\s]/g, (ch) => encodeURIComponent(ch));
  return href.length > 3_000 ? undefined : href.replace(/&/g, "&amp;");
}

/** One character at `index` of `text`, made inert. */
function neutralizeChar(ch: string, text: string, index: number): string {
  const entity = ENTITY[ch];
  if (entity) {
    // A `>` at the start of a line would become a block quote.
    return ch === ">" && (index === 0 || text[index - 1] === "\n") ? `\u200B${entity}` : entity;
  }
  if (ch === "_") {
    // snake_case never formats (Slack needs a word boundary), so leave it readable.
    const before = text[index - 1] ?? "";
    const after = text[index + 1] ?? "";
    return WORD_CHAR.test(before) && WORD_CHAR.test(after) ? "_" : (LOOKALIKE._ as string);
  }
  const lookalike = LOOKALIKE[ch];
  if (lookalike) return lookalike;
  if (ch === ":" && SHORTCODE.test(text.slice(index, index + 102))) return ":\u200B";
  return ch;
}

/**
 * `text` escaped and cut so that it plus an ellipsis fits in `max`: as many whole graphemes as fit once
 * escaped, trailing whitespace dropped. Escaping never shortens a character, so the walk stops near `max`.
 */
function cutMrkdwn(text: string, max: number): string {
  const room = max - ELLIPSIS.length;
  let used = 0;
  let fits = 0; // code units of `text` whose escaped form fits in `room`
  while (fits < text.length) {
    const ch = text[fits] as string;
    const width = MARKUP_CHARS.has(ch) ? neutralizeChar(ch, text, fits).length : 1;
    if (used + width > room) break;
    used += width;
    fits += 1;
  }
  const kept = text.slice(0, graphemeStart(text, fits));
  return `${kept.replace(MARKUP, (ch, index: number) => neutralizeChar(ch, text, index)).trimEnd()}${ELLIPSIS}`;
}

/**
 * The last grapheme boundary at or before `at`. Between two ASCII characters there always is one (CR LF
 * aside, which `sanitize` has already joined); elsewhere the segmenter decides, looking only near `at`.
 */
function graphemeStart(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return at;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  if (before < 0x80 && after < 0x80 && !(before === 13 && after === 10)) return at;
  return graphemes.segment(text).containing(at)?.index ?? at;
}

/**
 * The part of `text` a cut at `max` can reach. Escaping never shortens text, so `max + 1` characters in
 * already overflow; the margin covers look-ahead (emoji codes). A 10,000-character abstract is trimmed
 * here, before it is escaped and before the segmenter copies it.
 */
function window(text: string, max: number): string {
  return Number.isFinite(max) ? text.slice(0, max + 128) : text;
}
