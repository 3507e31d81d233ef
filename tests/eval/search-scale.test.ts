// Guards the scale evaluation's query set: every query names a seed, every style is in both halves, the split is fixed.
import { describe, expect, it } from "vitest";
import { summarizedSeedPapers } from "../helpers/core.js";
import { evalSizes, STYLES } from "./search-scale.js";
import { allStyledQueries, isHeldOut } from "./search-styled-queries.js";

/** FNV-1a parity of each text, worked out once; the held-out half must never move. */
const PINNED_HALVES = [false, false, false, true];

describe("the scale evaluation's queries", () => {
  it("each name a seed paper by its exact title", () => {
    const titles = new Set(summarizedSeedPapers().map((paper) => paper.title));
    expect(allStyledQueries().filter((query) => !titles.has(query.title))).toEqual([]);
  });

  it("hold at least ten queries of every style in each half", () => {
    for (const style of STYLES) {
      for (const heldOut of [true, false]) {
        const count = allStyledQueries().filter(
          (query) => query.style === style && isHeldOut(query.query) === heldOut,
        ).length;
        expect({ style, heldOut, count }).toEqual({
          style,
          heldOut,
          count: expect.toSatisfy((n: number) => n >= 10),
        });
      }
    }
  });

  it("split by the query text alone, pinned so a change to the split shows", () => {
    const halves = ["local sgd", "layer norm recurrent nets", "fair clique", "fair cliques"].map(isHeldOut);
    expect(halves).toEqual(PINNED_HALVES);
  });

  it("read sizes from SEARCH_EVAL_SIZES, 20,000 when unset or unreadable", () => {
    expect(evalSizes({})).toEqual([20_000]);
    expect(evalSizes({ SEARCH_EVAL_SIZES: "20000, 100000" })).toEqual([20_000, 100_000]);
    expect(evalSizes({ SEARCH_EVAL_SIZES: "lots" })).toEqual([20_000]);
  });
});
