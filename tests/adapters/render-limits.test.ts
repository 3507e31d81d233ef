// Every renderer against its platform's limits, on the largest reply the core can make: a new renderer joins the loop.
import { describe, expect, it } from "vitest";
import { renderReply as renderConsole } from "../../adapters/console/render.js";
import { DISCORD_LIMITS } from "../../adapters/discord/limits.js";
import { renderReply as renderDiscord } from "../../adapters/discord/render.js";
import { SLACK_LIMITS } from "../../adapters/slack/limits.js";
import { renderReply as renderSlack } from "../../adapters/slack/render.js";
import type { PaperCard, Reply } from "../../src/chat/port.js";

const huge = (word: string, times: number) => `${word} `.repeat(times).trim();

function bigCard(n: number): PaperCard {
  return {
    id: `p${String(n).padStart(10, "0")}`,
    title: huge("Title", 400),
    url: `https://arxiv.org/abs/2506.${String(n).padStart(5, "0")}`,
    authors: huge("Author", 300),
    organization: huge("Org", 200),
    published: "2025-06-16",
    upvotes: 1_000_000,
    tldr: huge("tldr", 2_000),
    keyphrases: Array.from({ length: 40 }, (_, i) => huge(`phrase${i}`, 20)),
    reason: huge("reason", 300),
    number: n,
    details: Array.from({ length: 30 }, (_, i) => ({ label: `Label ${i}`, text: huge("detail", 500) })),
    links: { abstract: "https://arxiv.org/abs/2506.1", pdf: "https://arxiv.org/pdf/2506.1" },
    citations: huge("cited", 200),
  };
}

/** The largest reply: ten cards with every field overlong, many buttons, a cursor, a long code block. */
const LARGEST: Reply = {
  text: huge("fallback", 5_000),
  heading: huge("Heading", 300),
  cards: Array.from({ length: 10 }, (_, i) => bigCard(i + 1)),
  buttons: Array.from({ length: 30 }, (_, i) => ({
    label: huge("Label", 40),
    action: "save",
    value: `v${i}`,
  })),
  more: huge("cursor", 50),
  code: huge("@article{x}", 5_000),
};

const ESC = String.fromCharCode(27);
const length = (value: unknown) => (typeof value === "string" ? value.length : 0);

const RENDERERS: { name: string; overLimits: (reply: Reply) => string[] }[] = [
  {
    name: "slack",
    overLimits(reply) {
      const { text, blocks } = renderSlack(reply);
      const over: string[] = [];
      if (blocks.length > SLACK_LIMITS.blocks) over.push(`${blocks.length} blocks`);
      if (text.length > SLACK_LIMITS.fallbackText) over.push(`fallback of ${text.length}`);
      const all = JSON.stringify(blocks);
      for (const block of blocks as { type: string; text?: { text?: string }; elements?: unknown[] }[]) {
        if (block.type === "section" && length(block.text?.text) > SLACK_LIMITS.sectionText)
          over.push(`section of ${length(block.text?.text)}`);
        if (block.type === "actions" && (block.elements?.length ?? 0) > SLACK_LIMITS.actionsElements)
          over.push(`${block.elements?.length} buttons`);
      }
      const texts = [...all.matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].reduce(
        (sum, m) => sum + (m[1]?.length ?? 0),
        0,
      );
      if (texts > SLACK_LIMITS.totalText * 1.2) over.push(`${texts} characters of text`);
      return over;
    },
  },
  {
    name: "discord",
    overLimits(reply) {
      const { content, embeds, components } = renderDiscord(reply);
      const over: string[] = [];
      if (content.length > DISCORD_LIMITS.content) over.push(`content of ${content.length}`);
      if (embeds.length > DISCORD_LIMITS.embedsPerMessage) over.push(`${embeds.length} embeds`);
      if (components.length > DISCORD_LIMITS.actionRows) over.push(`${components.length} rows`);
      const total = embeds.reduce(
        (sum, e) =>
          sum +
          length(e.title) +
          length(e.description) +
          length(e.footer?.text) +
          length(e.author?.name) +
          (e.fields ?? []).reduce((f, field) => f + field.name.length + field.value.length, 0),
        0,
      );
      if (total > DISCORD_LIMITS.embedTotal) over.push(`${total} embed characters`);
      for (const e of embeds) {
        if (length(e.description) > DISCORD_LIMITS.embedDescription) over.push("an embed description");
        if ((e.fields?.length ?? 0) > DISCORD_LIMITS.embedFields) over.push("embed fields");
      }
      return over;
    },
  },
  {
    name: "console",
    // A terminal has no message limit: the rendering only has to be finite text without control sequences.
    overLimits(reply) {
      const text = renderConsole(reply, 1);
      return text.includes(`${ESC}[`) ? ["a terminal control sequence"] : [];
    },
  },
];

describe("every renderer keeps to its platform's limits", () => {
  for (const renderer of RENDERERS) {
    it(`${renderer.name}: the largest reply fits`, () => {
      expect(renderer.overLimits(LARGEST)).toEqual([]);
    });
  }
});
