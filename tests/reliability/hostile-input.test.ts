// Issue 9.5: fuzz every parser, the query language and command parsing; then the worst single inputs end to end.
// Each gets a clear reply or a clean rejection, nothing crashes, and the store stays intact.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReply as renderConsole } from "../../adapters/console/render.js";
import { renderReply as renderDiscord } from "../../adapters/discord/render.js";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/index.js";
import { blockTextLength, renderReply as renderSlack } from "../../adapters/slack/render.js";
import { MAX_COMMAND_CHARS, sanitizeCommandText, splitCommandLine } from "../../src/chat/command-line.js";
import type { BotEvent, Reply } from "../../src/chat/port.js";
import { type Core, createCore } from "../../src/core.js";
import { isUserError } from "../../src/errors.js";
import { parseArxivAtom } from "../../src/ingest/arxiv-atom.js";
import { parseArxivRss } from "../../src/ingest/arxiv-rss.js";
import { parseHfDailyPapers } from "../../src/ingest/hf-daily-papers.js";
import { ingestFiles } from "../../src/ingest/ingest-files.js";
import { parseListing } from "../../src/ingest/parse-listing.js";
import { parseArxivReference } from "../../src/papers/ids.js";
import { parseQuery } from "../../src/search/query.js";
import { LowStore } from "../../src/store/low-store.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { localAdapterOptions, sendSigned, slashCommandBody } from "../fakes/slack-requests.js";
import { memoryLogger, summarizedSeedPapers, testSettings } from "../helpers/core.js";
import { MARKUP_ABSTRACT, NASTY_STRINGS } from "./nasty-strings.js";
import { fuzzRuns, recordFigure, sized } from "./stress.js";

const RUNS = fuzzRuns(300);
const context = { ref: "fuzz", asOf: "2026-11-22", seenAt: "2026-11-22T12:00:00Z" };
const NOW = new Date("2026-11-22T12:00:00Z");

/** Strings with everything in them: any code unit (lone surrogates, controls), real Unicode, and the nasty corpus. */
const hostile = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.constantFrom(...NASTY_STRINGS.map((s) => s.text)),
  fc
    .array(
      fc.constantFrom(
        "author:",
        "cat:",
        "since:",
        "until:",
        "sort:",
        '"',
        "-",
        "org:",
        " ",
        "x",
        "2024-01-01",
        "\u0000",
        "\uD800",
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join("")),
);

/** Throws only what a person can be told about. */
function cleanly(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!isUserError(error)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
  }
}

const PARSERS: [string, (text: string) => unknown][] = [
  ["listing (both layouts)", (t) => parseListing(t, context)],
  ["arXiv Atom", (t) => parseArxivAtom(t, context)],
  ["arXiv RSS", (t) => parseArxivRss(t, context)],
  ["Hugging Face daily papers", (t) => parseHfDailyPapers(t, context)],
  ["arXiv references", (t) => parseArxivReference(t)],
  ["the query language", (t) => parseQuery(t)],
];

describe("fuzzing every parser", () => {
  it.each(PARSERS)(
    "%s never crashes on hostile text",
    (name, parse) => {
      fc.assert(
        fc.property(hostile, (text) => cleanly(() => parse(text))),
        { numRuns: RUNS },
      );
      recordFigure(`fuzz cases: ${name}`, RUNS);
    },
    sized(20_000, 600_000),
  );

  it(
    "command parsing yields a known command with clean text, or refuses what is too long",
    () => {
      const names = new Set(["search", "save", "help", "digest"]);
      fc.assert(
        fc.property(
          fc.oneof(hostile, fc.string({ unit: "binary", minLength: 990, maxLength: 1_100 })),
          (raw) => {
            if (raw.length > MAX_COMMAND_CHARS) {
              expect(() => splitCommandLine(raw, names)).toThrow(/paperbot reads up to 1,000/);
              return;
            }
            const line = splitCommandLine(raw, names);
            expect(names.has(line.name)).toBe(true);
            // biome-ignore lint/suspicious/noControlCharactersInRegex: checking control characters are gone is the point
            expect(`${line.name} ${line.args}`).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
            // No lone surrogate survives (String.prototype.isWellFormed is ES2024, past this project's lib).
            expect(sanitizeCommandText(raw)).not.toMatch(
              /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
            );
          },
        ),
        { numRuns: RUNS },
      );
      recordFigure("fuzz cases: command parsing", RUNS);
    },
    sized(20_000, 600_000),
  );
});

describe("hostile input through the whole core", () => {
  let core: Core;
  let store: LowStore;
  let dir: string;
  const longTitle = `A ${"Very ".repeat(2_000)}Long Title About <!channel> and @everyone`.slice(0, 10_000);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "paperbot-hostile-"));
    store = await LowStore.openDirectory(dir);
    await store.putPapers(summarizedSeedPapers());
    // A listing with a 10,000-character title and an abstract full of every platform's markup.
    const abstract = `${MARKUP_ABSTRACT} ${"An abstract long enough to count as one. ".repeat(3)}`.replace(
      /[\r\n\u0085\u2028\u2029]/g,
      " ",
    );
    const block = (title: string) => [title, abstract, "  • 3 authors\n·\nNov 1, 2026 4"];
    const listing = [
      ...["new", "Daily Papers", "byAK and the research community", "Nov 20"],
      ...block(longTitle),
      ...block("Markup Everywhere: An Abstract Written by Everyone"),
    ].join("\n\n");
    const file = join(dir, "hostile-listing.txt");
    await writeFile(file, listing);
    core = await createCore({ store, settings: testSettings(), log: memoryLogger().log, now: () => NOW });
    const report = await ingestFiles(store, [file], { asOf: "2026-11-22", now: NOW, enrich: core.enrich });
    core.search.index(report.changed);
    // The listing parser refuses the 10,000-character title by name and keeps the markup abstract's paper.
    expect(report.new).toBe(1);
    expect(report.files[0]?.warnings.map((w) => w.message)).toContain(
      "title longer than 400 characters; skipped",
    );
    // A source that let such a title through must still render: put one in directly.
    const [markup] = report.changed;
    await store.putPapers([
      { ...(markup as NonNullable<typeof markup>), id: "p-long-title", title: longTitle },
    ]);
    core.search.index([...store.corpus.all()]);
  });
  afterAll(async () => {
    await store.close();
  });

  async function ask(text: string, userId = "U1"): Promise<Reply[]> {
    const replies: Reply[] = [];
    const event: BotEvent = {
      type: "command",
      text,
      actor: { platform: "slack", workspaceId: "T1", userId },
      place: { platform: "slack", workspaceId: "T1", channelId: "C1" },
    };
    await core.bot.handle(event, async (reply) => {
      replies.push(reply);
      return { platform: "slack", workspaceId: "T1", channelId: "C1", messageId: `m${replies.length}` };
    });
    return replies;
  }

  it(
    "answers every fuzzed command with one clear reply and never an internal error",
    async () => {
      const before = { papers: store.corpus.size, saves: store.savesIn("slack:T1").length };
      const runs = Math.max(50, Math.floor(RUNS / 3));
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            hostile,
            hostile.map((t) => `search ${t}`),
            hostile.map((t) => `show ${t}`),
            hostile.map((t) => `digest on ${t}`),
          ),
          async (text) => {
            const replies = await ask(text, "fuzzer");
            expect(replies).toHaveLength(1);
            expect(replies[0]?.text.trim().length).toBeGreaterThan(0);
            expect(replies[0]?.text).not.toMatch(/something went wrong/);
          },
        ),
        { numRuns: runs },
      );
      recordFigure("fuzz cases: whole-core commands", runs);
      expect(store.corpus.size).toBe(before.papers);
      expect(store.savesIn("slack:T1").filter((s) => s.userId !== "fuzzer")).toHaveLength(before.saves);
      const reopened = await LowStore.openReadOnly(dir);
      expect(reopened.corpus.size).toBe(before.papers);
    },
    sized(20_000, 900_000),
  );

  it("shows, finds and renders the 10,000-character title and the markup abstract within every platform's limits", async () => {
    const paper = store.corpus.find("p-long-title");
    expect(paper?.title.length).toBe(10_000);
    const replies = [
      ...(await ask(`show ${paper?.id}`)),
      ...(await ask("show Markup Everywhere: An Abstract Written by Everyone")),
      ...(await ask("search markup everywhere")),
      ...(await ask("search very long title")),
      ...(await ask(`save ${paper?.id}`)),
      ...(await ask("saved")),
    ];
    expect(replies.some((r) => r.cards?.some((c) => c.title === longTitle))).toBe(true);
    expect(replies.map((r) => r.text).join("\n")).not.toMatch(/something went wrong/);
    for (const reply of replies) {
      const slack = renderSlack(reply);
      expect(blockTextLength(slack.blocks)).toBeLessThanOrEqual(12_000);
      expect(JSON.stringify(slack)).not.toContain("<!channel>");
      const discord = renderDiscord(reply);
      expect(discord.content.length).toBeLessThanOrEqual(2_000);
      expect(JSON.stringify(discord)).not.toMatch(/(?<!\u200b)@everyone/);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: checking control characters are gone is the point
      expect(renderConsole(reply)).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
    }
    expect(store.savesOf("slack:T1", "U1").map((s) => s.paperId)).toContain(paper?.id);
  });

  describe("a 1 MB slash command through the real Slack app", () => {
    let api: FakeSlackApi;
    let adapter: SlackAdapter;
    beforeAll(async () => {
      api = await startFakeSlackApi();
      adapter = createSlackAdapter({
        botToken: "xoxb-test-token",
        ...localAdapterOptions(api),
        processBeforeResponse: true,
      });
      await adapter.start(core.bot);
    });
    afterAll(async () => {
      await adapter.stop();
      await api.close();
    });

    it("is refused with a sentence that says what to type, and the store is intact", async () => {
      const papers = store.corpus.size;
      const huge = `search ${"\u0000\uD800<!channel>".repeat(90_000)}`.slice(0, 1_048_576);
      const res = await sendSigned(
        `${adapter.url}/slack/events`,
        slashCommandBody({ text: huge, responseUrl: api.responseUrl("huge") }),
        "application/x-www-form-urlencoded",
      );
      expect(res.status).toBeLessThan(500);
      if (res.status === 200) {
        await api.waitFor(() => api.responses.some((r) => r.id === "huge"), 10_000);
        const body = api.responses.find((r) => r.id === "huge")?.body as {
          text: string;
          response_type: string;
        };
        expect(body.response_type).toBe("ephemeral");
        expect(body.text).toMatch(/That command is 1,048,576 characters long; paperbot reads up to 1,000/);
      }
      expect(store.corpus.size).toBe(papers);
      // And it still answers the next command.
      await sendSigned(
        `${adapter.url}/slack/events`,
        slashCommandBody({ text: "search local sgd", responseUrl: api.responseUrl("after") }),
        "application/x-www-form-urlencoded",
      );
      await api.waitFor(() => api.responses.some((r) => r.id === "after"), 10_000);
    });
  });
});
