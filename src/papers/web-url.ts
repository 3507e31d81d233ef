// A link a source gave us, kept only when it is a plain http(s) URL of sane length: hostile values never reach a card.

/** The longest link we keep. Discord refuses embed URLs past 2,048 characters; real thumbnails and repos are far shorter. */
export const WEB_URL_MAX_CHARS = 2_048;

/** A DNS name (the parser has already lower-cased it and turned Unicode into punycode) or an IP address. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/;

/**
 * The URL in its normalised form (`new URL(...).href`), or undefined when `raw` is not a string, is longer than
 * `maxChars`, does not parse, is not http(s), carries credentials (a `user:pass@` link is a phishing shape) or a host that is not a DNS name or IP address.
 */
export function webUrl(raw: unknown, maxChars = WEB_URL_MAX_CHARS): string | undefined {
  if (typeof raw !== "string") return undefined;
  const trimmed = raw.trim();
  // Checked before parsing, so a 10 kB value costs nothing.
  if (trimmed === "" || trimmed.length > maxChars) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password || !HOST.test(url.hostname)) return undefined;
  return url.href.length <= maxChars ? url.href : undefined;
}
