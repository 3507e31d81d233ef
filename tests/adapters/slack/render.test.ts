// The Block Kit renderer: layout, escaping of hostile paper text, and every Slack limit under the nastiest input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeActionId } from "../../../adapters/slack/ids.js";
import { SLACK_LIMITS } from "../../../adapters/slack/limits.js";
import { blockTextLength, type RenderedMessage, renderReply } from "../../../adapters/slack/render.js";
import type { PaperCard, Reply } from "../../../src/chat/port.js";
import { card } from "../../fakes/fake-bot.js";

interface TextObject {
  type: "mrkdwn" | "plain_text";
  text: string;
}

/** Every text object in the blocks, with the kind of block it sits in. */
function textObjects(value: unknown, where = "root"): { where: string; text: TextObject }[] {
  if (Array.isArray(value)) return value.flatMap((item) => textObjects(item, where));
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  const here =
    typeof record.type === "string" && !["mrkdwn", "plain_text"].includes(record.type) ? record.type : where;
  const found: { where: string; text: TextObject }[] = [];
  if ((record.type === "mrkdwn" || record.type === "plain_text") && typeof record.text === "string") {
    found.push({ where, text: record as unknown as TextObject });
  }
  for (const child of Object.values(record)) found.push(...textObjects(child, here));
  return found;
}

/** mrkdwn with our own `<url|label>` links removed must hold no `<`, `>` or bare `&`. */
function assertInert(mrkdwn: string): void {
  const withoutLinks = mrkdwn.replace(/<https?:\/\/[^|<>\s]+\|([^<>]*)>/g, "$1");
  const bad = withoutLinks.search(/[<>]|&(?!amp;|lt;|gt;)/);
  if (bad >= 0) {
    throw new Error(
      `Unescaped text at ${bad}: ${JSON.stringify(withoutLinks.slice(Math.max(0, bad - 30), bad + 10))}`,
    );
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks a rendered message against every Block Kit limit and the escaping rules. */
function assertWithinLimits(message: RenderedMessage): void {
  const L = SLACK_LIMITS;
  expect(message.blocks.length).toBeLessThanOrEqual(L.blocks);
  expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(L.totalText);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(L.fallbackText);
  assertInert(message.text);
  expect(message.text).not.toMatch(LONE_SURROGATE);

  const actionIds = new Set<string>();
  for (const block of message.blocks as unknown as Record<string, unknown>[]) {
    if (block.type === "header") {
      expect((block.text as TextObject).type).toBe("plain_text");
      expect((block.text as TextObject).text.length).toBeLessThanOrEqual(L.headerText);
    }
    if (block.type === "section") {
      const text = (block.text as TextObject).text;
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(L.sectionText);
    }
    if (block.type === "context") {
      const elements = block.elements as TextObject[];
      expect(elements.length).toBeLessThanOrEqual(L.contextElements);
      for (const element of elements) expect(element.text.length).toBeLessThanOrEqual(L.contextElementText);
    }
    const buttons = [
      ...(block.type === "actions" ? (block.elements as Record<string, unknown>[]) : []),
      ...(block.accessory ? [block.accessory as Record<string, unknown>] : []),
    ];
    if (block.type === "actions") expect(buttons.length).toBeLessThanOrEqual(L.actionsElements);
    for (const button of buttons) {
      const label = (button.text as TextObject).text;
      expect(label.length).toBeGreaterThan(0);
      expect(label.length).toBeLessThanOrEqual(L.buttonText);
      expect(String(button.value).length).toBeLessThanOrEqual(L.buttonValue);
      const actionId = String(button.action_id);
      expect(actionId.length).toBeLessThanOrEqual(L.actionId);
      expect(decodeActionId(actionId)).toBeDefined();
      expect(actionIds.has(actionId)).toBe(false);
      actionIds.add(actionId);
    }
  }
  for (const { text } of textObjects(message.blocks)) {
    expect(text.text).not.toMatch(LONE_SURROGATE);
    if (text.type === "mrkdwn") assertInert(text.text);
  }
}

const NASTY_TITLES = [
  "Attention <!channel> is all you need <!here> cc <@U123> and <!subteam^S1|@team> <!everyone>",
  "<https://evil.example|click me> & <#C123|general> &amp; &lt;already&gt;",
  "*Bold* _claims_ ~struck~ `code` ```fence``` > quoted :b: :skull:",
  "On $\\mathcal{O}(n^2)$ bounds for \\alpha_i < \\beta_j & \\textbf{LaTeX} \\\\ x^{*}",
  "🧠🔥 Emoji 👩‍👩‍👧‍👦 families and 🏳️‍🌈 flags",
  "نموذج لغوي كبير للترجمة — עברית ומודלים",
  "T".repeat(10_000),
  "👩‍👩‍👧‍👦".repeat(2_000),
  "&".repeat(5_000),
];

function nastyCard(index: number): PaperCard {
  const title = NASTY_TITLES[index % NASTY_TITLES.length] as string;
  return card(`2506.${String(index).padStart(5, "0")}`, title, {
    number: index + 1,
    url: index % 3 === 0 ? "javascript:alert(1)" : `https://arxiv.org/abs/x?a=1&b=<2>|3`,
    authors: `${"<@U999> ".repeat(200)}et al.`,
    organization: "<!channel> Labs & Co",
    tldr: "A".repeat(10_000),
    keyphrases: ["<!here>", "a & b", "x".repeat(3_000)],
    reason: "Because <!channel> & *you* liked it",
    details: [{ label: "Abstract <b>", text: `${"Long abstract with <tags> & more. ".repeat(400)}` }],
    links: {
      abstract: "https://arxiv.org/abs/1",
      pdf: "ftp://nope",
      huggingFace: "https://huggingface.co/papers/1",
    },
  });
}

describe("renderReply", () => {
  it("lays a card out as a linked title, byline, facts and TL;DR with a Save button, then its context", () => {
    const message = renderReply({
      text: "1 paper",
      heading: "Today",
      cards: [
        card("2506.13585", "Local SGD", {
          number: 1,
          upvotes: 1,
          reason: "Popular in #ml",
          authors: "Tiancheng Qin, S. Rasoul Etesami",
          tldr: "Local SGD converges faster with the right step sizes.",
        }),
      ],
    });
    expect(message.text).toBe("1 paper");
    expect(message.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Today", emoji: false } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          verbatim: true,
          text: [
            "*1. <https://arxiv.org/abs/2506.13585|Local SGD>*",
            "Tiancheng Qin, S. Rasoul Etesami",
            "2025-06-16 · 1 upvote",
            "*TL;DR* Local SGD converges faster with the right step sizes.",
          ].join("\n"),
        },
        accessory: {
          type: "button",
          text: { type: "plain_text", text: "Save", emoji: true },
          action_id: "paperbot:save:card0",
          value: "2506.13585",
        },
      },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", verbatim: true, text: "Key phrases: local sgd, federated learning" },
          { type: "mrkdwn", verbatim: true, text: "Why: Popular in #ml" },
          {
            type: "mrkdwn",
            verbatim: true,
            text: "<https://arxiv.org/abs/2506.13585|Abstract> · <https://arxiv.org/pdf/2506.13585|PDF>",
          },
        ],
      },
    ]);
  });

  it("renders a text-only reply as sections and extra buttons plus More results as one actions block", () => {
    const message = renderReply({
      text: "Line one\nLine two",
      buttons: [{ label: "Unsave", action: "unsave", value: "2506.1", style: "danger" }],
      more: "cursor-abc",
    });
    expect(message.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", verbatim: true, text: "Line one\nLine two" } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Unsave", emoji: true },
            action_id: "paperbot:unsave:b0",
            value: "2506.1",
            style: "danger",
          },
          {
            type: "button",
            text: { type: "plain_text", text: "More results", emoji: true },
            action_id: "paperbot:more:more",
            value: "cursor-abc",
          },
        ],
      },
    ]);
  });

  it("makes mentions, links and formatting in titles inert", () => {
    const message = renderReply({
      text: NASTY_TITLES[0] as string,
      cards: [card("1", NASTY_TITLES[0] as string)],
    });
    const json = JSON.stringify(message);
    for (const mention of ["<!channel>", "<!here>", "<@U123>", "<!subteam^S1|@team>", "<!everyone>"]) {
      expect(json).not.toContain(mention);
    }
    expect(json).toContain("&lt;!channel&gt;");
    expect(json).toContain("&lt;!subteam^S1|@team&gt;");
    const formatted = renderReply({ text: "x", cards: [card("2", NASTY_TITLES[2] as string)] });
    const title = (formatted.blocks[1] as { text: { text: string } }).text.text.split("\n")[0] as string;
    const label = /\|(.*)>\*$/.exec(title)?.[1] ?? "";
    expect(label).not.toMatch(/[*~`]/);
    expect(title).toContain("∗Bold∗ ˍclaimsˍ ∼struck∼ ˋcodeˋ");
    expect(title).toContain(":\u200Bb:");
    expect(title).toContain("&gt; quoted");
  });

  it("puts code in a fenced block with entities escaped", () => {
    const message = renderReply({ text: "BibTeX", code: "@article{x,\n title={A & B <C>}, note={```}\n}" });
    const texts = textObjects(message.blocks).map((t) => t.text.text);
    expect(texts.at(-1)).toBe(
      "```\n@article{x,\n title={A &amp; B &lt;C&gt;}, note={`\u200B`\u200B`}\n}\n```",
    );
  });

  it("splits long code over several sections and says when the rest did not fit", () => {
    const code = Array.from({ length: 2_000 }, (_, i) => `@misc{key${i}, title={Paper ${i} & friends}}`).join(
      "\n",
    );
    const message = renderReply({ text: "Export", code, visibility: "private" });
    assertWithinLimits(message);
    const sections = message.blocks.filter((b) => b.type === "section");
    expect(sections.length).toBeGreaterThan(2);
    expect(JSON.stringify(message.blocks.at(-1))).toContain("too long for one Slack message");
  });

  it("keeps 30 nasty cards within every limit and says how many were left out", () => {
    const cards = Array.from({ length: 30 }, (_, i) => nastyCard(i));
    const message = renderReply({
      text: `Results for <!channel> & ${"q".repeat(5_000)}`,
      heading: `Heading ${"<!here> ".repeat(100)}`,
      cards,
      more: "next-page",
      buttons: [{ label: "L".repeat(200), action: "custom", value: "v".repeat(1_999) }],
      code: "x & y",
    });
    assertWithinLimits(message);
    const json = JSON.stringify(message.blocks);
    expect(json).toMatch(/\d+ more papers did not fit in one Slack message/);
    expect(json).toContain("paperbot:more:more");
    expect(json).not.toContain("javascript:");
    expect(json).not.toContain("ftp://");
  });

  it("cuts 10,000-character titles, abstracts and TL;DRs with an ellipsis, never mid-entity or mid-emoji", () => {
    for (const title of NASTY_TITLES) {
      const message = renderReply({
        text: title,
        cards: [card("1", title, { tldr: title, details: [{ label: "Abstract", text: title }] })],
      });
      assertWithinLimits(message);
    }
    const long = renderReply({ text: "x", cards: [card("1", "&".repeat(5_000))] });
    const first = (long.blocks[1] as { text: { text: string } }).text.text.split("\n")[0] as string;
    expect(first).toMatch(/(&amp;)+…>\*$/);
  });

  it("shows one full paper with a long abstract (a `show` reply) instead of dropping it", () => {
    const message = renderReply({
      text: "Paper",
      heading: "A paper",
      cards: [
        card("1", "Title", {
          details: [
            { label: "Abstract", text: "word ".repeat(5_000) },
            { label: "Saved by", text: "alice, bob" },
            { label: "Notes", text: "n ".repeat(5_000) },
            { label: "More", text: "m ".repeat(5_000) },
            { label: "Even more", text: "e ".repeat(5_000) },
          ],
        }),
      ],
    });
    assertWithinLimits(message);
    expect(JSON.stringify(message.blocks)).toContain("*Abstract*");
    expect(message.blocks.some((b) => b.type === "section" && JSON.stringify(b).includes("Save"))).toBe(true);
  });

  it("drops a More button whose cursor Slack would refuse rather than send a broken message", () => {
    const message = renderReply({ text: "x", more: "c".repeat(2_001) });
    expect(JSON.stringify(message.blocks)).not.toContain("paperbot:more");
  });

  it("never breaks a limit or lets paper text through unescaped, whatever the input", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 200 });
    const pieces = fc.constantFrom(
      "<",
      ">",
      "&",
      "*",
      "_",
      "~",
      "`",
      ":b:",
      "<!channel>",
      "\n> ",
      "&amp;",
      "👩‍👩‍👧‍👦",
      "ש",
    );
    const hostile = fc.oneof(
      text,
      fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join("")),
      fc.constantFrom(...NASTY_TITLES),
      fc.string({ unit: "binary", maxLength: 200 }),
    );
    const paper = fc.record({
      id: fc.string({ minLength: 1, maxLength: 30 }),
      title: hostile,
      url: fc.option(fc.oneof(fc.webUrl(), hostile), { nil: undefined }),
      authors: fc.option(hostile, { nil: undefined }),
      tldr: fc.option(hostile, { nil: undefined }),
      reason: fc.option(hostile, { nil: undefined }),
      keyphrases: fc.array(hostile, { maxLength: 5 }),
      details: fc.option(fc.array(fc.record({ label: hostile, text: hostile }), { maxLength: 3 }), {
        nil: undefined,
      }),
      links: fc.record({ pdf: fc.option(fc.oneof(fc.webUrl(), hostile), { nil: undefined }) }),
    });
    fc.assert(
      fc.property(
        fc.record({
          text: hostile,
          heading: fc.option(hostile, { nil: undefined }),
          cards: fc.array(paper, { maxLength: 30 }),
          code: fc.option(hostile, { nil: undefined }),
          more: fc.option(hostile, { nil: undefined }),
        }),
        (reply) => {
          assertWithinLimits(renderReply(reply as Reply));
        },
      ),
      { numRuns: 200, endOnFailure: true },
    );
  });
});

describe("a card the reader saved", () => {
  it("says Saved ✓ and its button un-saves", () => {
    const message = renderReply({
      text: "1 paper",
      cards: [{ ...card("2506.13585", "Local SGD", { number: 1 }), saved: true }],
      visibility: "private",
    });
    const section = message.blocks.find((b) => "accessory" in b) as {
      accessory?: { text: { text: string }; action_id: string; value: string };
    };
    expect(section.accessory).toMatchObject({
      text: { text: "Saved ✓ · Unsave" },
      action_id: "paperbot:unsave:card0",
      value: "2506.13585",
    });
  });
});
