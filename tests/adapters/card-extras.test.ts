// A card's figure, code and project page on every platform: pinned for a paper with everything, with nothing,
// and with hostile values, and always within each platform's limits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderReply as renderConsole } from "../../adapters/console/render.js";
import { DISCORD_LIMITS } from "../../adapters/discord/limits.js";
import { renderReply as renderDiscord } from "../../adapters/discord/render.js";
import { hasImages, refusedBlocks, withoutImages } from "../../adapters/slack/card-extras.js";
import { SLACK_LIMITS } from "../../adapters/slack/limits.js";
import { blockTextLength, renderReply as renderSlack } from "../../adapters/slack/render.js";
import { ResponseUrlError } from "../../adapters/slack/response-url.js";
import type { PaperCard, Reply } from "../../src/chat/port.js";
import { paperCard } from "../../src/message/cards.js";
import type { Paper } from "../../src/papers/paper.js";

const BASE: Paper = {
  id: "2406.11794",
  arxivId: "2406.11794",
  title: "Sparse MoE Routing",
  abstract: "An abstract.",
  authors: ["Mara Lindqvist"],
  categories: [],
  published: "2024-06-17",
  links: { abstract: "https://arxiv.org/abs/2406.11794" },
  sightings: [],
};

const EVERYTHING: Paper = {
  ...BASE,
  thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2406.11794.png",
  githubRepo: "https://github.com/example-lab/capacity-moe",
  githubStars: 1234,
  projectPage: "https://example-lab.github.io/capacity-moe/",
  scholar: {
    checkedAt: "2026-11-22T09:00:00Z",
    citationCount: 1234,
    influentialCitationCount: 56,
    venue: "ICLR",
    year: 2024,
  },
};

const TEN_KB = `https://example.com/${"a".repeat(10_000)}`;

/** Hostile values as a store might hold them (say, written by an older version): the core checks them again. */
const HOSTILE_PAPER: Paper = {
  ...BASE,
  thumbnail: TEN_KB,
  githubRepo: "https://github.com/<!channel>/@everyone",
  githubStars: 5,
  projectPage: "javascript:alert(1)",
  scholar: {
    checkedAt: "2026-11-22T09:00:00Z",
    citationCount: 3,
    venue: "<!channel> @everyone *x* [a](http://evil)",
  },
};

/** Hostile values straight on a card, as if the core had not checked them: the renderers must hold anyway. */
const HOSTILE_CARD: PaperCard = {
  ...paperCard(BASE),
  image: TEN_KB,
  code: {
    url: "https://github.com/a/b|<!channel>",
    name: "<!channel> @everyone *x* ](http://evil)",
    stars: "<@U1>",
  },
  projectPage: `https://x.example/${"b".repeat(3_000)}`,
};

const reply = (card: PaperCard): Reply => ({ text: "1 paper", cards: [card] });

describe("card extras in the core", () => {
  it("names a GitHub repository owner/repo, formats its stars, and checks every link again", () => {
    expect(paperCard(EVERYTHING)).toMatchObject({
      image: EVERYTHING.thumbnail,
      code: { url: EVERYTHING.githubRepo, name: "example-lab/capacity-moe", stars: "1.2k" },
      projectPage: EVERYTHING.projectPage,
      citations: "cited by 1.2k (56 influential) · ICLR 2024",
    });
    const nothing = paperCard(BASE);
    for (const key of ["image", "code", "projectPage", "citations"]) expect(nothing).not.toHaveProperty(key);
    expect(paperCard({ ...BASE, scholar: { checkedAt: "2026-11-22T09:00:00Z" } })).not.toHaveProperty(
      "citations",
    );
    const hostile = paperCard(HOSTILE_PAPER);
    expect(hostile).not.toHaveProperty("image");
    expect(hostile).not.toHaveProperty("projectPage");
    // Not a name GitHub allows: the link is named after its host, never after the hostile text.
    expect(hostile.code).toEqual({
      url: "https://github.com/%3C!channel%3E/@everyone",
      name: "github.com",
      stars: "5",
    });
  });
});

describe("Slack", () => {
  const context = (card: PaperCard) =>
    renderSlack(reply(card)).blocks.find((block) => block.type === "context") as { elements: unknown[] };

  it("shows the figure as the context line's image, then the code and project page links", () => {
    expect(context(paperCard(EVERYTHING)).elements).toEqual([
      {
        type: "image",
        image_url: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2406.11794.png",
        alt_text: "Figure from the paper",
      },
      { type: "mrkdwn", text: "<https://arxiv.org/abs/2406.11794|Abstract>", verbatim: true },
      {
        type: "mrkdwn",
        text:
          "cited by 1.2k (56 influential) · ICLR 2024 · " +
          "code: <https://github.com/example-lab/capacity-moe|example-lab/capacity-moe> ★ 1.2k · " +
          "<https://example-lab.github.io/capacity-moe/|project page>",
        verbatim: true,
      },
    ]);
  });

  it("renders a paper with nothing extra as before", () => {
    expect(context(paperCard(BASE)).elements).toEqual([
      { type: "mrkdwn", text: "<https://arxiv.org/abs/2406.11794|Abstract>", verbatim: true },
    ]);
  });

  it("keeps hostile values inert: no ping, no 10 kB image, no over-long link", () => {
    const fromPaper = JSON.stringify(renderSlack(reply(paperCard(HOSTILE_PAPER))));
    expect(fromPaper).not.toMatch(/<!channel>|image_url|javascript/);
    expect(context(paperCard(HOSTILE_PAPER)).elements).toContainEqual({
      type: "mrkdwn",
      text:
        "cited by 3 · &lt;!channel&gt; @everyone ∗x∗ [a](http://evil) · " +
        "code: <https://github.com/%3C!channel%3E/@everyone|github.com> ★ 5",
      verbatim: true,
    });
    const elements = context(HOSTILE_CARD).elements;
    expect(elements).toContainEqual({
      type: "mrkdwn",
      text: "code: <https://github.com/a/b%7C%3C!channel%3E|&lt;!channel&gt; @everyone ∗x∗ ](http://evil)> ★ &lt;@U1&gt;",
      verbatim: true,
    });
    expect(JSON.stringify(elements)).not.toMatch(/image_url|x\.example/);
  });

  it("removes the images, and only them, for a retry", () => {
    const message = renderSlack(reply(paperCard(EVERYTHING)));
    expect(hasImages(message)).toBe(true);
    const bare = withoutImages(message);
    expect(hasImages(bare)).toBe(false);
    expect(bare.blocks).toHaveLength(message.blocks.length);
    expect(
      withoutImages({
        blocks: [
          {
            type: "context",
            elements: [{ type: "image", image_url: "https://a.example/x.png", alt_text: "x" }],
          },
        ],
      }).blocks,
    ).toEqual([]);
    expect(refusedBlocks(new ResponseUrlError("bad", 400))).toBe(true);
    expect(refusedBlocks(new ResponseUrlError("gone", 404))).toBe(false);
  });
});

describe("Discord", () => {
  const embed = (card: PaperCard) => renderDiscord(reply(card)).embeds[0];

  it("shows the figure as the embed's thumbnail and the code and project page under the links", () => {
    const rendered = embed(paperCard(EVERYTHING));
    expect(rendered?.thumbnail).toEqual({
      url: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2406.11794.png",
    });
    expect(rendered?.description).toBe(
      "[Abstract](https://arxiv.org/abs/2406.11794)\n" +
        "cited by 1.2k (56 influential) · ICLR 2024 · " +
        "code: [example-lab/capacity-moe](https://github.com/example-lab/capacity-moe) ★ 1.2k · " +
        "[project page](https://example-lab.github.io/capacity-moe/)",
    );
  });

  it("renders a paper with nothing extra as before", () => {
    const rendered = embed(paperCard(BASE));
    expect(rendered?.thumbnail).toBeUndefined();
    expect(rendered?.description).toBe("[Abstract](https://arxiv.org/abs/2406.11794)");
  });

  it("keeps hostile values inert: no ping, no 10 kB thumbnail, no over-long link", () => {
    expect(embed(paperCard(HOSTILE_PAPER))?.description).toBe(
      "[Abstract](https://arxiv.org/abs/2406.11794)\n" +
        "cited by 3 · <!channel> @\u200beveryone \\*x\\* \\[a](http://evil) · " +
        "code: [github.com](https://github.com/%3C!channel%3E/%40everyone) ★ 5",
    );
    const rendered = embed(HOSTILE_CARD);
    expect(rendered?.thumbnail).toBeUndefined();
    // A name that could open a masked link of its own ("](http://evil)") is not shown at all.
    expect(rendered?.description).toBe(
      "[Abstract](https://arxiv.org/abs/2406.11794)\ncode: [repository](https://github.com/a/b|%3C!channel%3E) ★ <\u200b@U1>",
    );
    expect(rendered?.description).not.toMatch(/x\.example/);
    expect(rendered?.description).not.toMatch(/<!channel>|<@U1>|@everyone/);
    expect(rendered?.description).toContain("code: [");
  });
});

describe("console", () => {
  it("prints the code, project page and figure as lines of their own", () => {
    expect(renderConsole(reply(paperCard(EVERYTHING)))).toBe(
      [
        "Sparse MoE Routing  (2024-06-17 · 2406.11794)",
        "   Mara Lindqvist",
        "   https://arxiv.org/abs/2406.11794",
        "   cited by 1.2k (56 influential) · ICLR 2024",
        "   code: example-lab/capacity-moe ★ 1.2k  https://github.com/example-lab/capacity-moe",
        "   project page: https://example-lab.github.io/capacity-moe/",
        "   figure: https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2406.11794.png",
        "   buttons: [1] Save 2406.11794",
      ].join("\n"),
    );
  });

  it("prints nothing extra for a paper with nothing, and no flood for hostile values", () => {
    expect(renderConsole(reply(paperCard(BASE)))).toBe(
      [
        "Sparse MoE Routing  (2024-06-17 · 2406.11794)",
        "   Mara Lindqvist",
        "   https://arxiv.org/abs/2406.11794",
        "   buttons: [1] Save 2406.11794",
      ].join("\n"),
    );
    expect(renderConsole(reply(paperCard(HOSTILE_PAPER)))).toContain(
      "   code: github.com ★ 5  https://github.com/%3C!channel%3E/@everyone\n",
    );
    const hostile = renderConsole(reply(HOSTILE_CARD));
    expect(hostile).not.toMatch(/figure:|project page:/);
    expect(hostile.length).toBeLessThan(1_000);
  });
});

describe("within the platforms' limits, whatever the extras", () => {
  const link = fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.string({ maxLength: 4_000 }).map((s) => `https://example.com/${s}`),
    fc.string(),
  );
  const extrasCard = fc
    .record({
      image: fc.option(link, { nil: undefined }),
      code: fc.option(
        fc.record({
          url: link,
          name: fc.string({ maxLength: 300 }),
          stars: fc.option(fc.string(), { nil: undefined }),
        }),
        { nil: undefined },
      ),
      projectPage: fc.option(link, { nil: undefined }),
      title: fc.string({ maxLength: 400 }),
    })
    .map(({ title, ...extras }) => {
      const card: PaperCard = { ...paperCard({ ...BASE, title: title || "T" }) };
      if (extras.image !== undefined) card.image = extras.image;
      if (extras.code !== undefined) card.code = extras.code;
      if (extras.projectPage !== undefined) card.projectPage = extras.projectPage;
      return card;
    });

  it("never passes Slack's or Discord's limits with ten such cards", () => {
    fc.assert(
      fc.property(fc.array(extrasCard, { minLength: 1, maxLength: 10 }), (cards) => {
        const slack = renderSlack({ text: "papers", heading: "Papers", cards });
        expect(slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
        expect(blockTextLength(slack.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
        for (const block of slack.blocks) {
          if (block.type !== "context") continue;
          expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
          for (const element of block.elements) {
            if (element.type === "image") {
              const url = "image_url" in element ? element.image_url : "";
              expect(url).toMatch(/^https?:\/\//);
              expect(url.length).toBeLessThanOrEqual(SLACK_LIMITS.imageUrl);
            } else expect(element.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElementText);
          }
        }
        const discord = renderDiscord({ text: "papers", heading: "Papers", cards });
        for (const embed of discord.embeds) {
          expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
          if (embed.thumbnail) {
            expect(embed.thumbnail.url).toMatch(/^https?:\/\//);
            expect(embed.thumbnail.url.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedUrl);
          }
        }
        const total = discord.embeds.reduce(
          (n, e) =>
            n +
            (e.title?.length ?? 0) +
            (e.description?.length ?? 0) +
            (e.footer?.text.length ?? 0) +
            (e.author?.name.length ?? 0) +
            (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0),
          0,
        );
        expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100) },
    );
  });
});
