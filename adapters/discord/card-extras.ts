// A card's figure, code and project page in a Discord embed: the thumbnail, and one line of masked links.
import type { APIEmbedThumbnail } from "discord.js";
import type { PaperCard } from "../../src/chat/port.js";
import { DISCORD_LIMITS as L } from "./limits.js";
import { oneLine, safeText, safeUrl, truncate } from "./safe-text.js";

/**
 * The card's figure as the embed's thumbnail. Discord refuses only a malformed URL (the whole message, with
 * 50035); one it cannot fetch simply shows no picture, so a broken figure never costs the card.
 */
export function embedThumbnail(card: PaperCard): APIEmbedThumbnail | undefined {
  const url = safeUrl(card.image, L.embedUrl);
  return url ? { url } : undefined;
}

/** "1.2k" as it is (escaping would write "1\\.2k": it looks like a numbered list to the escaper); anything else escaped. */
const SAFE_NAME = /^[A-Za-z0-9._/-]{1,140}$/;

function starsText(stars: string): string {
  return /^\d{1,3}(?:\.\d)?[kmbt]?$/.test(stars) ? stars : safeText(truncate(oneLine(stars), 12));
}

/**
 * Links longer than this are left out of the line: real repositories and project pages are far shorter, and a
 * hostile 2 kB link would otherwise crowd the paper's own links out of the embed's description.
 */
const LINK_MAX = 512;

/** "cited by 120 · ICLR 2024 · code: [owner/repo](url) ★ 1.2k · [project page](url)", escaped, or "" when it has none. */
export function extrasLine(card: PaperCard): string {
  const parts: string[] = [];
  if (card.citations?.trim()) parts.push(safeText(truncate(oneLine(card.citations), 160)));
  const codeUrl = safeUrl(card.code?.url, LINK_MAX);
  if (card.code && codeUrl) {
    // The name sits inside a masked link's brackets, where a "](" would start a link of its own (escaping does
    // not stop that): only a plain "owner/repo" or host name is shown, anything else is called "repository".
    const name = SAFE_NAME.test(card.code.name) ? safeText(card.code.name) : "repository";
    const stars = card.code.stars ? ` ★ ${starsText(card.code.stars)}` : "";
    parts.push(`code: [${name}](${codeUrl})${stars}`);
  }
  const page = safeUrl(card.projectPage, LINK_MAX);
  if (page) parts.push(`[project page](${page})`);
  return parts.join(" · ");
}
