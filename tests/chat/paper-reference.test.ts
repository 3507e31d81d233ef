import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPaper } from "../../src/chat/paper-reference.js";
import { isUserError } from "../../src/errors.js";
import { seedCorpus } from "../helpers/seeds.js";

const corpus = seedCorpus();

function refusal(reference: string) {
  try {
    findPaper(corpus, reference);
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error(`"${reference}" was found`);
}

describe("naming a paper", () => {
  it("takes the start of a title when only one title starts so, in any case", () => {
    expect(findPaper(corpus, "MiniMax-M1").title).toMatch(/^MiniMax-M1: Scaling/);
    expect(findPaper(corpus, "the role of local steps").id).toBe("p96e1e4140c");
    expect(findPaper(corpus, "p96e1e4140c please").id).toBe("p96e1e4140c");
  });

  it("lists the titles when several start so", () => {
    const error = refusal("Merging Models");
    expect(error.code).toBe("ambiguous-paper");
    expect(error.message).toContain("Merging Models with Fisher-Weighted Averaging");
    expect(error.message).toMatch(/\[p[0-9a-f]{10}\]/);
  });

  it("refuses what names no paper, and starts too short to mean one", () => {
    expect(refusal("nosuch paper at all").code).toBe("no-such-paper");
    expect(refusal("the").code).toBe("no-such-paper");
  });

  it("answers any text with a paper or a user error", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          expect(findPaper(corpus, text).id).toBeTruthy();
        } catch (error) {
          expect(isUserError(error)).toBe(true);
        }
      }),
    );
  });
});
