// The Discord renderer against hostile paper text: every Discord limit holds and no mention can fire.

import { ButtonStyle, MessageFlags } from "discord.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISCORD_LIMITS as L } from "../../../adapters/discord/limits.js";
import { type RenderedMessage, renderReply } from "../../../adapters/discord/render.js";
import type { PaperCard, Reply } from "../../../src/chat/port.js";
import { card } from "../../fakes/fake-bot.js";

const NASTY_TITLES = [
  "@everyone read this now",
  "@here and @HERE and @Everyone",
  "Ping <@123> and <@!321>",
  "Role <@&456> channel <#789> command </papers:1>",
  "Masked [x](http://evil) and [click](https://evil.example/@everyone)",
  "```js\nalert(1)\n``` fenced",
  "x".repeat(10_000),
  "$\\mathcal{O}(\\sqrt{T})$ regret with _under_ *stars* and \\escapes\\ ~~strike~~ ||spoiler||",
  "🔥🧠 Neural 🤖 scaling 👩‍👩‍👧‍👦 laws 🇫🇷",
  "نموذج لغوي كبير للترجمة ‮reversed‬",
  "# Heading\n> quote\n- bullet\n1. numbered\n-# subtext",
  `${"😀".repeat(200)}`,
];

/** Every string a reader sees in the rendered message. */
function shownText(message: RenderedMessage): string[] {
  return [
    message.content,
    ...message.embeds.flatMap((e) => [
      e.title ?? "",
      e.description ?? "",
      e.footer?.text ?? "",
      e.author?.name ?? "",
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
    ...message.components.flatMap((row) => row.components.map((b) => b.label ?? "")),
  ];
}

/** A cut in the middle of an emoji leaves half a surrogate pair, which Discord shows as a box. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MENTION = /@(everyone|here)|<@[!&]?\d+>|<#\d+>|<\/[\w-]+:\d+>/i;

function expectWithinLimits(message: RenderedMessage): void {
  expect(message.allowedMentions).toEqual({ parse: [] });
  expect(message.content.length).toBeLessThanOrEqual(L.content);
  expect(message.embeds.length).toBeLessThanOrEqual(L.embedsPerMessage);
  let total = 0;
  for (const e of message.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(L.embedTitle);
    expect(e.title?.length ?? 0).toBeGreaterThan(0);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(L.embedDescription);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(L.embedFooter);
    expect(e.author?.name.length ?? 0).toBeLessThanOrEqual(L.embedAuthor);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(L.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(L.embedFieldName);
      expect(f.value.length).toBeLessThanOrEqual(L.embedFieldValue);
      total += f.name.length + f.value.length;
    }
    if (e.url) expect(e.url).toMatch(/^https?:\/\//);
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0);
  }
  expect(total).toBeLessThanOrEqual(L.embedTotal);
  expect(message.components.length).toBeLessThanOrEqual(L.actionRows);
  const ids = message.components.flatMap((row) => {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(L.buttonsPerRow);
    return row.components.map((b) => {
      expect(b.custom_id.length).toBeLessThanOrEqual(L.customId);
      expect(b.label?.length ?? 0).toBeGreaterThan(0);
      expect(b.label?.length ?? 0).toBeLessThanOrEqual(L.buttonLabel);
      return b.custom_id;
    });
  });
  expect(new Set(ids).size).toBe(ids.length);
  for (const text of shownText(message)) {
    expect(text).not.toMatch(MENTION);
    expect(text).not.toMatch(LONE_SURROGATE);
  }
}

function nastyCard(title: string, i: number): PaperCard {
  return card(`2506.${String(10000 + i)}`, title, {
    number: i + 1,
    authors: `<@${i}> @everyone ${title}`,
    organization: "@here Labs",
    tldr: `${title} — ${"long tl;dr ".repeat(500)}`,
    keyphrases: ["@everyone", "<@&1>", title],
    reason: `Because ${title}`,
    url: i % 2 ? "javascript:alert(1)" : `https://arxiv.org/abs/2506.${i}?q=(a)&b=@everyone`,
    details: [
      { label: "Abstract", text: `${title}\n${"abstract ".repeat(300)}` },
      { label: "@everyone saved by", text: "<@1>, <@2>" },
    ],
  });
}

describe("renderReply", () => {
  it("renders each nasty title within every limit, with no mention able to fire", () => {
    for (const [i, title] of NASTY_TITLES.entries()) {
      const message = renderReply({ text: title, heading: title, cards: [nastyCard(title, i)], more: "c" });
      expectWithinLimits(message);
    }
  });

  it("renders 30 nasty cards as 10 embeds, says how many are left out, and keeps More", () => {
    const cards = Array.from({ length: 30 }, (_, i) =>
      nastyCard(NASTY_TITLES[i % NASTY_TITLES.length] ?? "", i),
    );
    const message = renderReply({
      text: "30 papers",
      heading: "@everyone 30 papers",
      cards,
      more: "cursor-2",
    });
    expectWithinLimits(message);
    expect(message.embeds).toHaveLength(10);
    expect(message.content).toContain("Showing 10 of 30 papers.");
    const ids = message.components.flatMap((r) => r.components.map((b) => b.custom_id));
    expect(ids.filter((id) => id.startsWith("pb:save:"))).toHaveLength(10);
    expect(ids.at(-1)).toBe("pb:more:cursor-2");
  });

  it("escapes markdown and masked links in titles", () => {
    const [embed] = renderReply({
      text: "",
      cards: [card("1", "Masked [x](http://evil) *bold* `code`")],
    }).embeds;
    expect(embed?.title).toBe("Masked \\[x](http://evil) \\*bold\\* \\`code\\`");
  });

  it("cuts a 10,000-character title to 256 with an ellipsis", () => {
    const [embed] = renderReply({ text: "", cards: [card("1", "x".repeat(10_000))] }).embeds;
    expect(embed?.title).toHaveLength(L.embedTitle);
    expect(embed?.title?.endsWith("…")).toBe(true);
  });

  it("links the title, and shows authors, date, upvotes, TL;DR, key phrases and reason", () => {
    const [embed] = renderReply({
      text: "",
      cards: [card("2506.13585", "Local SGD", { reason: "Popular with the team", organization: "ETH" })],
    }).embeds;
    expect(embed).toMatchObject({
      title: "Local SGD",
      url: "https://arxiv.org/abs/2506.13585",
      author: { name: "Tiancheng Qin, S. Rasoul Etesami et al. · ETH" },
      footer: { text: "2506.13585 · 2025-06-16 · ▲ 42 upvotes" },
      fields: [
        { name: "Key phrases", value: "local sgd · federated learning" },
        { name: "Why it's here", value: "Popular with the team" },
      ],
    });
    expect(embed?.description).toContain("Local SGD with periodic averaging");
    expect(embed?.description).toContain("[PDF](https://arxiv.org/pdf/2506.13585)");
  });

  it("drops unsafe URLs and encodes characters that would break a masked link", () => {
    const [embed] = renderReply({
      text: "",
      cards: [card("1", "t", { url: "javascript:alert(1)", links: { pdf: "https://x.org/a(b)@everyone" } })],
    }).embeds;
    expect(embed?.url).toBeUndefined();
    expect(embed?.description).toContain("[PDF](https://x.org/a%28b%29%40everyone)");
  });

  it("gives Save buttons custom_ids with the action and paper id, and a More button for the cursor", () => {
    const message = renderReply({
      text: "",
      cards: [card("2506.13585", "a"), card("2406.12345", "b")],
      more: "page:2",
    });
    expect(message.components).toEqual([
      {
        type: 1,
        components: [
          {
            type: 2,
            custom_id: "pb:save:2506.13585",
            label: "Save 1",
            style: ButtonStyle.Secondary,
            emoji: { name: "🔖" },
          },
          {
            type: 2,
            custom_id: "pb:save:2406.12345",
            label: "Save 2",
            style: ButtonStyle.Secondary,
            emoji: { name: "🔖" },
          },
        ],
      },
      {
        type: 1,
        components: [
          { type: 2, custom_id: "pb:more:page:2", label: "More results", style: ButtonStyle.Primary },
        ],
      },
    ]);
  });

  it("leaves out a button whose value cannot fit in a custom_id, and duplicate Save buttons", () => {
    const message = renderReply({
      text: "",
      cards: [card("a", "a"), card("a", "again")],
      more: "c".repeat(200),
    });
    const ids = message.components.flatMap((r) => r.components.map((b) => b.custom_id));
    expect(ids).toEqual(["pb:save:a"]);
  });

  it("caps extra buttons so the message keeps five rows and More", () => {
    const buttons = Array.from({ length: 40 }, (_, i) => ({
      label: `b${i}`,
      action: "noop",
      value: String(i),
    }));
    const cards = Array.from({ length: 10 }, (_, i) => card(`p${i}`, `t${i}`));
    const message = renderReply({ text: "", cards, buttons, more: "next" });
    expectWithinLimits(message);
    expect(message.components.flatMap((r) => r.components).at(-1)?.custom_id).toBe("pb:more:next");
  });

  it("makes private replies ephemeral and channel replies not", () => {
    expect(renderReply({ text: "hi", visibility: "private" }).flags).toBe(MessageFlags.Ephemeral);
    expect(renderReply({ text: "hi", visibility: "channel" }).flags).toBeUndefined();
    expect(renderReply({ text: "hi" }).flags).toBeUndefined();
  });

  it("shows the text when there are no cards, escaped and defused", () => {
    const message = renderReply({ text: "No papers match *@everyone*. Try `search llm`." });
    expect(message.content).toBe("No papers match \\*@\u200beveryone\\*. Try \\`search llm\\`.");
    expect(message.embeds).toEqual([]);
  });

  it("puts code in a block a fence inside cannot close, and attaches code too long for a message", () => {
    const short = renderReply({ text: "Your BibTeX", code: "@article{a,\n title={```x```}\n}" });
    expect(short.content.startsWith("Your BibTeX\n\n```\n@article{a,")).toBe(true);
    expect(short.content.match(/```/g)).toHaveLength(2);
    const long = renderReply({ text: "Your BibTeX", code: `@article{a,\n${"  title={x},\n".repeat(500)}}` });
    expect(long.files?.[0]?.name).toBe("papers.bib");
    expect(long.files?.[0]?.attachment.toString("utf8")).toContain("@article{a,");
    expect(long.content).toContain("attached as papers.bib");
    expectWithinLimits(long);
  });

  it("keeps every limit and fires no mention for arbitrary text (property)", () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        "@everyone",
        "@here",
        "<@123>",
        "<@!9>",
        "<@&456>",
        "<#789>",
        "</papers:1>",
        "```",
        "`",
        "*",
        "_",
      ),
      fc.constantFrom(
        "~~",
        "||",
        "\\",
        "[x](http://evil)",
        "> ",
        "# ",
        "-# ",
        "\n",
        " ",
        "🔥",
        "👩‍👩‍👧",
        "نموذج",
        "@",
        "<",
        "#",
      ),
      fc.string({ maxLength: 40 }),
    );
    const text = fc.array(fragment, { maxLength: 400 }).map((parts) => parts.join(""));
    const cardArb = fc.record({
      title: text,
      tldr: text,
      authors: text,
      reason: text,
      keyphrases: fc.array(text, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(cardArb, { maxLength: 14 }),
        text,
        fc.option(text, { nil: undefined }),
        (cards, body, heading) => {
          const reply: Reply = {
            text: body,
            cards: cards.map((c, i) => card(`id${i}`, c.title, { ...c, number: i + 1 })),
            ...(heading !== undefined ? { heading } : {}),
          };
          expectWithinLimits(renderReply(reply));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("a card the reader saved", () => {
  it("says Saved ✓ and its button un-saves; the others still save", () => {
    const message = renderReply({
      text: "2 papers",
      cards: [
        { ...card("2506.13585", "Local SGD", { number: 1 }), saved: true },
        card("2506.00002", "Other", { number: 2 }),
      ],
      visibility: "private",
    });
    const buttons = message.components.flatMap((row) => row.components);
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ["Saved ✓ · Unsave 1", "pb:unsave:2506.13585"],
      ["Save 2", "pb:save:2506.00002"],
    ]);
  });
});
