import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUserError } from "../../src/errors.js";
import { describeFollow, followKey, MAX_FOLLOW_CHARS, parseFollow } from "../../src/follows/follow-query.js";

function refusal(text: string) {
  try {
    parseFollow(text);
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe("parseFollow", () => {
  it("reads a query and a trailing now", () => {
    expect(parseFollow('author:"Tri Dao"')).toEqual({
      query: 'author:"Tri Dao"',
      key: 'author:"tri dao"',
      alert: false,
    });
    expect(parseFollow("org:openbmb now")).toEqual({ query: "org:openbmb", key: "org:openbmb", alert: true });
    // "now" alone is a word to follow, not an empty follow with alerts.
    expect(parseFollow("now")).toEqual({ query: "now", key: "now", alert: false });
  });

  it("refuses empty, huge and unreadable follows with a code and a hint", () => {
    expect(refusal("   ").code).toBe("empty-follow");
    expect(refusal("-survey").code).toBe("empty-follow");
    expect(refusal("since:2024-01-01").code).toBe("empty-follow");
    expect(refusal("foo:bar").code).toBe("unknown-filter");
    const huge = refusal("x".repeat(2 * 1024 * 1024));
    expect(huge.code).toBe("follow-too-long");
    expect(huge.describe().length).toBeLessThan(200);
  });

  it("describes follows as reasons read", () => {
    expect(describeFollow('author:"Tri Dao"')).toBe("author Tri Dao");
    expect(describeFollow("org:openbmb cat:cs.LG")).toBe("org openbmb cat cs.LG");
    expect(describeFollow('"speculative decoding"')).toBe('"speculative decoding"');
  });

  it("property: any text either parses to a non-empty query or is refused with a UserError", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.stringMatching(/^(author:|org:|cat:|-)?"?[a-zA-Z. ]{0,20}"?( now)?$/),
        ),
        (text) => {
          try {
            const parsed = parseFollow(text);
            expect(parsed.query.length).toBeGreaterThan(0);
            expect(parsed.query.length).toBeLessThanOrEqual(MAX_FOLLOW_CHARS);
            expect(parsed.key).toBe(followKey(parsed.query));
            // Asking for alerts changes nothing else about the follow.
            const now = parseFollow(`${parsed.query} now`);
            expect(now).toEqual({ ...parsed, alert: true });
          } catch (error) {
            expect(isUserError(error)).toBe(true);
          }
        },
      ),
    );
  });

  it("property: the key ignores case and spacing", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z]{1,8}( [a-zA-Z]{1,8}){0,3}$/), (words) => {
        expect(followKey(words.toUpperCase().replace(/ /g, "   "))).toBe(followKey(words));
      }),
    );
  });
});
