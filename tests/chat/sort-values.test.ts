import { describe, expect, it } from "vitest";
import { helpText } from "../../src/chat/commands/help.js";
import { SORTS } from "../../src/search/query.js";
import { seededCore } from "../helpers/core.js";
import { answer } from "./chat-helpers.js";

describe("sort values", () => {
  it("help names every value sort: accepts", () => {
    const help = helpText(["bookmark"]);
    for (const value of Object.keys(SORTS)) expect(help).toMatch(new RegExp(`\\b${value}\\b`));
  });

  it("an unknown value is refused with every accepted one named", async () => {
    const { bot } = await seededCore();
    const text = await answer(bot, "search merging sort:random");
    expect(text).toContain('"random"');
    for (const value of Object.keys(SORTS)) expect(text).toMatch(new RegExp(`\\b${value}\\b`));
  });

  it("sort:cited on papers without citation counts says where the counts come from", async () => {
    const { bot } = await seededCore();
    const text = await answer(bot, "search merging sort:cited");
    expect(text).toContain("citation count");
    expect(text).toContain("Semantic Scholar");
  });
});
