// A card's figure, code and project page in Block Kit; and the retry without images when Slack cannot fetch one.
import type { types } from "@slack/bolt";
import type { PaperCard } from "../../src/chat/port.js";
import { slackErrorCode } from "./post-error.js";
import { ResponseUrlError } from "./response-url.js";
import { oneLine, toLinkUrl, toMrkdwn } from "./safe-text.js";

/**
 * Image URLs Slack fetches itself, and an `image_url` is not counted by our text budget: real thumbnails are
 * under 100 characters, so a longer one is left out and ten cards' images stay far from Slack's message size.
 */
const IMAGE_URL_MAX = 500;

/** The card's figure as a small context image, or undefined when it has none we can send. */
export function imageElement(card: PaperCard): types.ImageElement | undefined {
  const url = card.image?.trim();
  if (!url || url.length > IMAGE_URL_MAX || !/^https?:\/\//.test(url)) return undefined;
  return { type: "image", image_url: url, alt_text: "Figure from the paper" };
}

/**
 * Links longer than this are left out of the line: real repositories and project pages are far shorter, and a
 * hostile 3 kB link would otherwise spend a quarter of the message's text budget.
 */
const LINK_MAX = 512;

function shortLink(raw: string | undefined): string | undefined {
  const url = toLinkUrl(raw);
  return url && url.length <= LINK_MAX ? url : undefined;
}

/**
 * "cited by 120 · ICLR 2024 · code: <url|owner/repo> ★ 1.2k · <url|project page>" as inert mrkdwn, or undefined
 * when the card has none of them.
 */
export function extrasLine(card: PaperCard): string | undefined {
  const parts: string[] = [];
  if (card.citations?.trim()) parts.push(toMrkdwn(oneLine(card.citations), 160));
  const codeUrl = shortLink(card.code?.url);
  if (card.code && codeUrl) {
    const name = toMrkdwn(card.code.name, 120) || "repository";
    const stars = card.code.stars ? ` ★ ${toMrkdwn(card.code.stars, 12)}` : "";
    parts.push(`code: <${codeUrl}|${name}>${stars}`);
  }
  const page = shortLink(card.projectPage);
  if (page) parts.push(`<${page}|project page>`);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

interface Blocks {
  blocks: types.KnownBlock[];
}

/** Whether a message carries an image element anywhere in its context blocks. */
export function hasImages(message: Blocks): boolean {
  return message.blocks.some(
    (block) => block.type === "context" && block.elements.some((element) => element.type === "image"),
  );
}

/** The message without its images (a context block left empty is dropped). */
export function withoutImages<T extends Blocks>(message: T): T {
  const blocks: types.KnownBlock[] = [];
  for (const block of message.blocks) {
    if (block.type !== "context") {
      blocks.push(block);
      continue;
    }
    const elements = block.elements.filter((element) => element.type !== "image");
    if (elements.length > 0) blocks.push({ ...block, elements });
  }
  return { ...message, blocks };
}

/**
 * Sends `message`; when Slack refuses it as `invalid_blocks` and it has images (Slack fetches each image
 * itself, and one it cannot download fails the whole message), sends it once more without them, so a broken
 * figure never costs the card.
 */
export async function sendWithImageFallback<T extends Blocks, R>(
  message: T,
  send: (message: T) => Promise<R>,
): Promise<R> {
  try {
    return await send(message);
  } catch (error) {
    if (!hasImages(message) || !refusedBlocks(error)) throw error;
    return send(withoutImages(message));
  }
}

/** Whether Slack refused a message's blocks: `invalid_blocks` from the Web API, HTTP 400 from a response_url. */
export function refusedBlocks(error: unknown): boolean {
  if (error instanceof ResponseUrlError) return error.statusCode === 400;
  return slackErrorCode(error) === "invalid_blocks";
}
