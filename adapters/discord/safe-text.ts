// Paper and user text made safe for Discord: markdown escaped, mentions defused, lengths cut cleanly.
import { escapeMarkdown } from "discord.js";

const ZWSP = "\u200b";

/**
 * Defuses everything Discord would turn into a mention or a jump link. `allowedMentions` already stops
 * pings, but a rendered `<@123>` still shows as a highlighted user pill and `@everyone` still alarms a
 * reader, so the text itself must not form one. A zero-width space keeps the text readable.
 */
export function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(?=[@#/]|a?:\w+:\d+>|id:|t:)/g, `<${ZWSP}`);
}

/**
 * Escapes Discord markdown in raw text: discord.js's `escapeMarkdown` with every rule on (its defaults
 * leave headings, lists and masked links alone), plus block quotes and `-#` subtext, which it skips.
 */
export function escapeDiscordMarkdown(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/^(\s*)(>>?>?\s)/gm, "$1\\$2")
    .replace(/^(\s*)-# /gm, "$1\\-# ");
}

/** Raw text → what Discord shows verbatim: markdown escaped, then mentions defused. */
export function safeText(text: string): string {
  return neutralizeMentions(escapeDiscordMarkdown(stripControls(text)));
}

/** For places Discord shows as plain text (embed author, footer): mentions defused, nothing escaped. */
export function plainText(text: string): string {
  return neutralizeMentions(stripControls(text));
}

/** One line: titles and author lists arrive with LaTeX line breaks and tabs. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Control characters other than newline and tab render as boxes or reorder text (bidi overrides). */
function stripControls(text: string): string {
  return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (c) => (c === "\n" || c === "\t" ? c : ""));
}

/** Cuts to at most `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - 1;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * The longest prefix of `raw` whose transform fits in `max` (plus an ellipsis when cut). Escaping
 * lengthens text, so cutting the escaped string could split an escape; this cuts the raw text instead.
 */
export function fitTransformed(raw: string, max: number, transform: (s: string) => string): string {
  if (max <= 0) return "";
  // Escaping never shortens text, so nothing past `max` raw characters can fit; cutting first also keeps
  // escapeMarkdown's look-behind regexes off 10,000-character titles.
  if (raw.length <= max) {
    const whole = transform(raw);
    if (whole.length <= max) return whole;
  }
  if (max <= 1) return "";
  let keep = Math.min(raw.length, max - 1);
  for (;;) {
    if (keep > 0 && isHighSurrogate(raw.charCodeAt(keep - 1))) keep -= 1;
    const candidate = `${transform(raw.slice(0, keep)).trimEnd()}…`;
    if (candidate.length <= max || keep === 0) return candidate.length <= max ? candidate : "";
    keep = Math.max(0, keep - Math.max(1, candidate.length - max));
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * An http(s) URL Discord accepts as an embed or masked-link target, or undefined. Characters that would
 * end a masked link early or spell a mention are percent-encoded; credentials are dropped.
 */
export function safeUrl(raw: string | undefined, max = 2048): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  url.username = "";
  url.password = "";
  const href = url.href.replace(
    /[()@<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return href.length <= max ? href : undefined;
}

/** Preformatted text in a fenced block; a fence inside the text is broken so the block cannot end early. */
export function codeBlock(text: string): string {
  return `\`\`\`\n${stripControls(text).replaceAll("```", `\`${ZWSP}\`\``)}\n\`\`\``;
}
