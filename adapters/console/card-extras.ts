// A card's figure, code and project page as terminal lines (the console renderer makes them inert).
import type { PaperCard } from "../../src/chat/port.js";

/** Links are printed whole, but a hostile one is not allowed to flood the terminal. */
const LINK_MAX = 512;

function shown(url: string | undefined): string | undefined {
  return url && url.length <= LINK_MAX ? url : undefined;
}

/** "cited by 120 · ICLR 2024", "code: owner/repo ★ 1.2k  URL", "project page: URL", "figure: URL": the lines the card has. */
export function extrasLines(card: PaperCard): string[] {
  const lines: string[] = [];
  if (card.citations) lines.push(card.citations.slice(0, 160));
  const code = card.code && shown(card.code.url);
  if (card.code && code) {
    lines.push(`code: ${card.code.name}${card.code.stars ? ` ★ ${card.code.stars}` : ""}  ${code}`);
  }
  const page = shown(card.projectPage);
  if (page) lines.push(`project page: ${page}`);
  const image = shown(card.image);
  if (image) lines.push(`figure: ${image}`);
  return lines;
}
