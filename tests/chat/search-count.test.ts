// The count in a search's heading: exact while small, "about N" once a broad query stops at its page, in every renderer.
import { beforeAll, describe, expect, it } from "vitest";
import { renderReply as renderConsole } from "../../adapters/console/render.js";
import { renderReply as renderDiscord } from "../../adapters/discord/render.js";
import { renderReply as renderSlack } from "../../adapters/slack/render.js";
import { roughly } from "../../src/chat/commands/search.js";
import type { Bot, Reply } from "../../src/chat/port.js";
import type { Paper } from "../../src/papers/paper.js";
import { BROAD_POSTINGS } from "../../src/search/query-run.js";
import { LowStore } from "../../src/store/low-store.js";
import { seededCore } from "../helpers/core.js";
import { say } from "./chat-helpers.js";

const FILLER = ["sparse", "attention", "gradient", "policy", "diffusion", "retrieval", "agents", "experts"];

/** More papers than BROAD_POSTINGS, all about learning; a few also about quantization. */
function manyPapers(count: number): Paper[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `2501.${String(i).padStart(5, "0")}`,
    title: `${FILLER[i % FILLER.length]} learning ${i % 7 === 0 ? "learning rates" : ""} study ${i}`,
    abstract: `We study ${FILLER[(i * 3) % FILLER.length]} and ${FILLER[(i * 5) % FILLER.length]} ${i % 500 === 0 ? "quantization" : ""}.`,
    authors: ["Ada Lovelace"],
    categories: ["cs.LG"],
    published: `2025-0${(i % 9) + 1}-1${i % 10}`,
    links: {},
    sightings: [],
  }));
}

describe("the count a search heading shows", () => {
  let bot: Bot;
  beforeAll(async () => {
    const store = await LowStore.inMemory(manyPapers(BROAD_POSTINGS + 880));
    ({ bot } = await seededCore({ store }));
  }, 120_000);

  it("rounds an estimate to two figures, with thousands separators", () => {
    expect(roughly(43_517)).toBe("44,000");
    expect(roughly(6_000)).toBe("6,000");
    expect(roughly(5_149)).toBe("5,100");
    expect(roughly(120_400)).toBe("120,000");
  });

  it('says "about" for a broad query, and the exact count for a narrow one', async () => {
    const [broad] = await say(bot, "learning");
    expect(broad?.heading).toBe('Papers for "learning" (1–5 of about 6,000)');
    expect(broad?.more).toBeDefined();
    const [narrow] = await say(bot, "quantization");
    expect(narrow?.heading).toBe('Papers for "quantization" (1–5 of 12)');
  });

  it("keeps the wording in Slack, Discord and the console", async () => {
    const [reply] = (await say(bot, "learning")) as [Reply];
    const slack = JSON.stringify(renderSlack(reply).blocks);
    expect(slack).toContain("(1–5 of about 6,000)");
    expect(renderDiscord(reply).content).toContain("(1–5 of about 6,000)");
    expect(renderConsole(reply)).toContain('(only you) Papers for "learning" (1–5 of about 6,000)');
  });
});
