// withTldrs: where a card's TL;DR is chosen, the channel's model TL;DR replaces the extractive one.
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/chat/port.js";
import { withTldrs } from "../../src/message/cards.js";

const card = (id: string, tldr?: string) => ({ id, title: id, tldr, keyphrases: [], links: {} });

describe("withTldrs", () => {
  it("replaces the TL;DR of the cards it has one for and keeps the others and the text", () => {
    const reply: Reply = {
      text: "1. a\n2. b",
      cards: [card("a", "extractive a"), card("b", "extractive b")],
    };
    const out = withTldrs(reply, new Map([["b", "Modell b"]]));
    expect(out.cards?.map((c) => c.tldr)).toEqual(["extractive a", "Modell b"]);
    expect(out.text).toBe(reply.text);
    expect(reply.cards?.[1]?.tldr).toBe("extractive b");
  });

  it("returns a reply without cards, or with no TL;DRs to put, as it is", () => {
    const plain: Reply = { text: "hi" };
    expect(withTldrs(plain, new Map([["a", "x"]]))).toBe(plain);
    const cards: Reply = { text: "", cards: [card("a", "e")] };
    expect(withTldrs(cards, new Map())).toBe(cards);
  });
});
