import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCompactListing } from "../../src/ingest/compact-listing.js";
import { ownString, withOwnText } from "../../src/ingest/own-text.js";

describe("a parsed paper's own text", () => {
  it("is the same text, character for character, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.nat(), (text, cut) => {
        // A cut-out part, as a parser makes them, as well as the whole.
        const part = text.slice(cut % (text.length + 1));
        expect(ownString(text)).toBe(text);
        expect(ownString(part)).toBe(part);
      }),
      { numRuns: 2_000 },
    );
  });

  it("leaves a parsed paper as it was", () => {
    const listing = [
      "89.6AIMay 26",
      "The MiniMax-M2 Series: Mini Activations Unleashing Max IntelligenceMiniMax, Aili Chen, César A. Uribe et al.",
      "We introduce the MiniMax-M2 series • a family of Mixture-of-Experts models with ε-greedy routing and 9.8B activated parameters per token.",
    ].join("\n");
    const context = { ref: "x.txt", asOf: "2025-11-01", seenAt: "2025-11-01T12:00:00.000Z" };
    const [paper] = parseCompactListing(listing, context).papers;
    const [again] = parseCompactListing(listing, context).papers;
    if (!paper) throw new Error("the listing's paper was not read");
    expect(withOwnText(structuredClone(paper))).toEqual(again);
    expect(again?.organization).toBe("MiniMax");
  });
});
