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
const UNSAFE_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** An emoji short code such as `:b:` or `:party-parrot:`, which Slack would turn into a picture. */
const SHORTCODE = /^:[a-z0-9_+'-]+:/i;

const WORD_CHAR = /[\p{L}\p{N}]/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Removes control characters and turns CRLF into LF. */
export function sanitize(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").replace(UNSAFE_CONTROLS, "");
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
  const text = sanitize(raw);
  const pieces: string[] = [];
  let total = 0;
  for (const { segment, index } of graphemes.segment(text)) {
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
  for (const { segment } of graphemes.segment(oneLine(raw))) {
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

/** Cuts raw text into pieces of at most `max` UTF-16 units, between graphemes (for over-long code lines). */
export function chunkText(raw: string, max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const { segment } of graphemes.segment(raw)) {
    if (current.length > 0 && current.length + segment.length > max) {
      chunks.push(current);
      current = "";
    }
    current += segment;
  }
  chunks.push(current);
  return chunks;
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

/** One grapheme of mrkdwn text, made inert. `text` and `index` give the context some rules need. */
function neutralize(segment: string, text: string, index: number): string {
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
