// Turns papers into the neutral cards replies carry.
import { authorLine, primaryLink } from "../papers/describe.js";
import type { Paper } from "../papers/paper.js";
import { cardExtras } from "./card-extras.js";
import type { PaperCard, Reply } from "./reply.js";

export function paperCard(
  paper: Paper,
  extra: { number?: number; reason?: string; saved?: boolean } = {},
): PaperCard {
  return {
    id: paper.id,
    title: paper.title,
    url: primaryLink(paper),
    authors: authorLine(paper),
    organization: paper.organization,
    published: paper.published,
    upvotes: paper.upvotes,
    tldr: paper.tldr,
    keyphrases: paper.keyphrases ?? [],
    reason: extra.reason,
    number: extra.number,
    links: { ...paper.links },
    ...cardExtras(paper),
    ...(extra.saved ? { saved: true } : {}),
  };
}

/** One line a paper, for the plain-text fallback: "1. Title (2025-06-16) [id]". */
export function cardsText(cards: readonly PaperCard[]): string {
  return cards
    .map((card, index) => {
      const date = card.published ? ` (${card.published})` : "";
      const tldr = card.tldr ? `\n   ${card.tldr}` : "";
      return `${card.number ?? index + 1}. ${card.title}${date} [${card.id}]${tldr}`;
    })
    .join("\n");
}

/**
 * The reply with each card's TL;DR taken from `tldrs` (paper id → text) where it has one: how a
 * channel's model TL;DRs in its language replace the extractive ones. Cards without one keep theirs;
 * the plain-text fallback is left as it was.
 */
export function withTldrs(reply: Reply, tldrs: ReadonlyMap<string, string>): Reply {
  if (!reply.cards || tldrs.size === 0) return reply;
  return { ...reply, cards: reply.cards.map((card) => ({ ...card, tldr: tldrs.get(card.id) ?? card.tldr })) };
}
